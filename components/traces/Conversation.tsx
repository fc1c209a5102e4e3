import type { ChatMessage } from "@/lib/traces/view";
import { JsonTree } from "./JsonTree";

const ROLE_STYLE: Record<string, string> = {
  system: "border-slate-200 bg-slate-50",
  user: "border-sky-200 bg-sky-50",
  assistant: "border-indigo-200 bg-white",
  tool: "border-amber-200 bg-amber-50",
};

/** Chat messages as a conversation. Content is shown as text, exactly as it arrived. */
export function Conversation({ messages, testId }: { messages: ChatMessage[]; testId?: string }) {
  return (
    <ol className="space-y-2" data-testid={testId}>
      {messages.map((m, i) => (
        <li key={i} className={`rounded-md border px-3 py-2 ${ROLE_STYLE[m.role] ?? "border-slate-200 bg-white"}`} data-role={m.role}>
          <p className="text-xs font-semibold uppercase tracking-wide text-slate-500">{m.role}</p>
          {m.content ? <p className="mt-1 whitespace-pre-wrap break-words text-sm text-slate-900">{m.content}</p> : null}
          {m.toolCalls.map((call, j) => (
            <div key={j} className="mt-2 rounded border border-amber-200 bg-amber-50 px-2 py-1">
              <p className="text-xs font-medium text-amber-900">
                Tool call: <span className="font-mono">{call.name}</span>
                {call.id ? <span className="text-amber-700"> ({call.id})</span> : null}
              </p>
              <JsonTree value={call.arguments} label="arguments" />
            </div>
          ))}
        </li>
      ))}
    </ol>
  );
}
