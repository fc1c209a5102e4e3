import { answerRequest, answerSchema } from "@/lib/judges/answer-schema";
import type { TJudgedCriterion } from "@/lib/judges/prompt-text";
import { type TParsedTemplate, type TTemplateValues, renderTemplate } from "@/lib/judges/template";
import { chatMessages } from "@/lib/traces/view";
import type { TStructuredOutput } from "@/lib/judges/answer-schema";

// What a target puts into a judge's template, and the request built from it. Pure: the
// loaders (targets.ts) read the rows, these functions decide what each slot holds. A value
// the target does not have stays undefined, so the template's renderer names it as missing
// rather than sending a prompt with a hole in it.

/** A retrieved document as the trace page shows it. */
export interface TContextDocument {
  title: string | null;
  text: string;
}

export interface TTraceContent {
  input: unknown;
  output: unknown;
  metadata: unknown;
  /** The documents of the trace's RETRIEVAL spans, in span order. */
  documents: readonly TContextDocument[];
  /** The criterion's current gold on a queue item of the trace, when there is one. */
  expected?: unknown;
}

/** The retrieved documents as one text, numbered, each with its title when it has one. */
export function contextText(documents: readonly TContextDocument[]): string | undefined {
  if (documents.length === 0) return undefined;
  return documents.map((d, i) => `Document ${i + 1}${d.title ? ` (${d.title})` : ""}:\n${d.text}`).join("\n\n");
}

/** The conversation of a trace whose input is chat messages, one `role: content` block per message. */
export function conversationText(input: unknown): string | undefined {
  const messages = chatMessages(input);
  if (!messages) return undefined;
  return messages.map((m) => `${m.role}: ${m.content}`).join("\n\n");
}

const present = (value: unknown) => (value === null ? undefined : value);

/** A single trace's values. A trace without output or metadata leaves those slots missing. */
export function traceValues(trace: TTraceContent): TTemplateValues {
  return {
    input: present(trace.input),
    output: present(trace.output),
    metadata: trace.metadata,
    context: contextText(trace.documents),
    conversation: conversationText(trace.input),
    expected: trace.expected,
  };
}

/** A pairwise queue item's values: the input of trace A, and both outputs as stored (A, then B). */
export function pairValues(a: TTraceContent, outputB: unknown): TTemplateValues {
  const { output, ...rest } = traceValues(a);
  return { ...rest, output_a: output, output_b: present(outputB) };
}

/** A dataset item's values, from its revision in the version the run reads. */
export function datasetValues(item: { input: unknown; expectedOutput: unknown; metadata: unknown }): TTemplateValues {
  return { input: present(item.input), expected: present(item.expectedOutput), metadata: item.metadata, conversation: conversationText(item.input) };
}

/** The same values with the outputs shown the other way round: the second order of a pairwise judge. */
export const swapped = (values: TTemplateValues): TTemplateValues => ({ ...values, output_a: values.output_b, output_b: values.output_a });

export interface TChatRequest {
  messages: { role: "system" | "user"; content: string }[];
  responseFormat: Record<string, unknown> | null;
}

/**
 * The request for one target: the answer instructions as the system message, the filled
 * template as the user message, and the response format the connection can hold the model to.
 * Throws MissingValuesError when the target lacks a value the template uses.
 */
export function chatRequest(template: TParsedTemplate, criterion: TJudgedCriterion, capability: TStructuredOutput, values: TTemplateValues): TChatRequest {
  const spec = answerSchema(criterion);
  if (!spec.ok) throw new Error(spec.reason);
  const request = answerRequest(spec.schema, capability);
  return {
    messages: [
      { role: "system", content: request.instructions },
      { role: "user", content: renderTemplate(template, values) },
    ],
    responseFormat: request.responseFormat ?? null,
  };
}
