import { createHash } from "node:crypto";
import canonicalize from "canonicalize";
import { conversationOf, plainText, textOf } from "@/lib/exports/datasets/shapes";

// Near-duplicates are found by a hash of the input's normalized text: the words of the input
// (a conversation's turns in order, or the JSON of a structured input) in Unicode
// compatibility form, lower case, whitespace collapsed, punctuation dropped. Two inputs that
// differ only in case, spacing or punctuation get the same hash.

export function normalizedText(input: unknown): string {
  const conversation = conversationOf(input);
  const text = plainText(input) ?? (conversation ? conversation.map((m) => textOf(m.content)).join("\n") : (canonicalize(input ?? null) ?? ""));
  return text
    .normalize("NFKC")
    .toLowerCase()
    .replace(/[\p{P}\p{S}]+/gu, " ")
    .replace(/\s+/g, " ")
    .trim();
}

export function inputHash(input: unknown): string {
  return createHash("sha256").update(normalizedText(input)).digest("hex");
}
