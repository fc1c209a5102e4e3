"use client";

import { forwardRef, useState } from "react";
import { Button } from "@/components/ui/Button";
import { api } from "@/components/ui/api";
import type { TCommentAnswer, TCommentView } from "./types";

interface Props {
  url: string;
  comments: TCommentView[];
  /** Blind queue before the rater's own submit: the server shows them only their own comments. */
  hiddenUntilSubmit: boolean;
}

/** Comments on the item, visible to the team; Ctrl/Cmd+Enter posts. */
export const CommentsPanel = forwardRef<HTMLTextAreaElement, Props>(function CommentsPanel({ url, comments, hiddenUntilSubmit }, ref) {
  const [list, setList] = useState(comments);
  const [body, setBody] = useState("");
  const [error, setError] = useState<string | null>(null);
  const post = async () => {
    if (!body.trim()) return;
    try {
      const created = await api<TCommentAnswer>(url, { body: { body } });
      setList((l) => [...l, { ...created, authorName: "You" }]);
      setBody("");
      setError(null);
    } catch (e) {
      setError((e as Error).message);
    }
  };
  return (
    <section aria-labelledby="comments-title" className="space-y-2" data-testid="comments">
      <h2 id="comments-title" className="text-sm font-semibold">
        Comments
      </h2>
      {hiddenUntilSubmit ? (
        <p className="text-xs text-slate-500" data-testid="comments-hidden">
          Blind queue: the team&apos;s comments appear once you submit.
        </p>
      ) : null}
      <ul className="space-y-1 text-sm">
        {list.map((c) => (
          <li key={c.id} className="rounded bg-slate-50 p-2">
            <span className="font-medium">{c.authorName ?? "Someone"}</span>: <span className="whitespace-pre-wrap">{c.body}</span>
          </li>
        ))}
      </ul>
      <textarea
        ref={ref}
        aria-label="New comment"
        rows={2}
        value={body}
        onChange={(e) => setBody(e.target.value)}
        onKeyDown={(e) => {
          // Ctrl/Cmd+Enter here posts the comment, not the labels.
          if (e.key === "Enter" && (e.ctrlKey || e.metaKey)) {
            e.preventDefault();
            void post();
          }
          if (e.key === "Escape") (e.target as HTMLTextAreaElement).blur();
        }}
        className="w-full rounded-md border border-slate-300 px-2 py-1 text-sm"
      />
      {error ? (
        <p className="text-sm text-red-700" role="alert">
          {error}
        </p>
      ) : null}
      <Button type="button" variant="secondary" onClick={() => void post()}>
        Post comment
      </Button>
    </section>
  );
});
