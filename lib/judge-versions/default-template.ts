import type { TJudgeMode } from "@/lib/judges/template";

// What the editor offers before anyone writes a prompt: the variables a template of each mode
// may use (parseTemplate is the authority; this is what the editor lists) and a default that
// shows the model what an expert sees. Pure, so the editor runs it in the browser.

export const TEMPLATE_VARIABLES: Record<TJudgeMode, { name: string; means: string }[]> = {
  single: [
    { name: "input", means: "the trace's input" },
    { name: "output", means: "the trace's output" },
    { name: "criterion", means: "the criterion's question, guidance and levels, as the rubric gives them" },
    { name: "examples", means: "the calibration examples this version uses" },
    { name: "expected", means: "the reference answer (gold or a dataset item)" },
    { name: "context", means: "documents retrieved by RETRIEVAL spans" },
    { name: "conversation", means: "the conversation so far" },
    { name: "metadata.<path>", means: "a value from the trace's metadata" },
  ],
  pairwise: [
    { name: "input", means: "the item's input" },
    { name: "output_a", means: "the first output" },
    { name: "output_b", means: "the second output" },
    { name: "criterion", means: "the criterion's question, guidance and choices, as the rubric gives them" },
    { name: "examples", means: "the calibration examples this version uses" },
    { name: "expected", means: "the reference answer (gold or a dataset item)" },
    { name: "context", means: "documents retrieved by RETRIEVAL spans" },
    { name: "conversation", means: "the conversation so far" },
    { name: "metadata.<path>", means: "a value from the trace's metadata" },
  ],
};

// Both modes read the criterion and the people's examples before what is judged.
const OPENING = `## Criterion
{{criterion}}

## Examples judged by people
{{examples}}

## Input
{{input}}`;
const CLOSING = "Explain your reasoning briefly, then give your answer.";

const SINGLE = `You are an expert reviewer. Judge the output below against one criterion, as a careful human expert would.

${OPENING}

## Output to judge
{{output}}

${CLOSING}`;

const PAIRWISE = `You are an expert reviewer. Compare two outputs for the same input against one criterion, as a careful human expert would. The order in which they are shown means nothing.

${OPENING}

## Output A
{{output_a}}

## Output B
{{output_b}}

${CLOSING}`;

/** A sensible first template for a criterion judged one trace at a time, or pairwise. */
export const defaultTemplate = (mode: TJudgeMode): string => (mode === "pairwise" ? PAIRWISE : SINGLE);
