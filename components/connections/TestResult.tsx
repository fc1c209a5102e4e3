import type { TConnectionTestResult } from "@/lib/connections/schemas";
import { Alert } from "@/components/ui/Alert";

/** What a test call came back with: the model's answer, or exactly what went wrong. */
export function TestResult({ result }: { result: TConnectionTestResult }) {
  if (result.ok) {
    const usage = result.usage ? `, ${result.usage.inputTokens} tokens in, ${result.usage.outputTokens} out` : "";
    return (
      <Alert tone="success">
        {result.model} answered in {result.latencyMs} ms{usage}: <span className="font-mono">{result.answer}</span>
      </Alert>
    );
  }
  const { kind, status, reason, message } = result.error;
  const what = kind === "http" ? `HTTP ${status}` : kind === "refused" ? `refused (${reason})` : kind.replace("_", " ");
  return (
    <Alert tone="error">
      {result.model}: {what}: {message}
    </Alert>
  );
}
