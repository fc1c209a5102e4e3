import type { TItemContent, TLineage } from "@/lib/datasets/content";
import type { TExportContext } from "./context";

// Items covering each shape an export meets: text and chat inputs, exact and graded expected
// outputs, a preference pair, an item with no expected output, content a spreadsheet would run.

const lineage = (labels: TLineage["labels"]): TLineage => ({
  traceId: "6f1c1c0e-3b7a-4d43-9a53-7e2a1c0d9b11",
  spanId: null,
  traceBId: null,
  queueId: "0b9f3c52-1c61-4f1e-8d0a-2f6a9e3c4d55",
  queueItemId: "9a8b7c6d-5e4f-4a3b-9c2d-1e0f9a8b7c6d",
  labels,
  via: "rule",
  gateOverride: null,
  redacted: null,
});

export const ITEMS: TItemContent[] = [
  {
    portableId: "11111111-1111-4111-8111-111111111111",
    input: "What is the capital of France?",
    expectedOutput: "Paris",
    preference: null,
    metadata: { topic: "geography", difficulty: 1 },
    splits: ["test"],
    tags: ["short"],
    exact: true,
    lineage: lineage([{ criterionKey: "correct", rubricVersionId: "r1", value: true, provenance: "consensus", raters: ["u1", "u2"], adjudicated: false }]),
  },
  {
    portableId: "22222222-2222-4222-8222-222222222222",
    input: {
      messages: [
        { role: "system", content: "You help with file sharing." },
        { role: "user", content: "How do I share a folder?" },
      ],
    },
    expectedOutput: { role: "assistant", content: "Open the folder, choose Share and add their email." },
    preference: null,
    metadata: {},
    splits: ["train", "test"],
    tags: [],
    exact: false,
    lineage: lineage([{ criterionKey: "helpfulness", rubricVersionId: "r1", value: 4, provenance: "gold", raters: ["u3"], adjudicated: true }]),
  },
  {
    portableId: "33333333-3333-4333-8333-333333333333",
    input: { question: '=HYPERLINK("http://evil.example","click")' },
    expectedOutput: "-1+1|cmd",
    preference: null,
    metadata: { note: "@SUM(A1)" },
    splits: ["dev"],
    tags: ["+tag"],
    exact: false,
    lineage: null,
  },
  {
    portableId: "44444444-4444-4444-8444-444444444444",
    input: [{ role: "user", content: "Summarize the refund policy." }],
    expectedOutput: null,
    preference: { preferred: "Refunds within 30 days with a receipt.", rejected: { role: "assistant", content: "No refunds, ever." } },
    metadata: {},
    splits: ["test"],
    tags: ["pair"],
    exact: false,
    lineage: { ...lineage([]), traceBId: "7e2a1c0d-9b11-4d43-9a53-6f1c1c0e3b7a" },
  },
  {
    portableId: "55555555-5555-4555-8555-555555555555",
    input: { customer: "ACME", request: { kind: "invoice", id: 42 } },
    expectedOutput: null,
    preference: null,
    metadata: { ünïcode: "naïve café" },
    splits: [],
    tags: [],
    exact: false,
    lineage: null,
  },
];

export const CONTEXT: TExportContext = {
  dataset: { name: "support-golden", description: "Answers our support bot must get right.", inputSchema: null, expectedSchema: null },
  version: { number: 3, checksum: "sha256:abc", note: "after the March review", redacted: false },
  provenance: { rubricVersions: ["support-quality v2"], agreement: [{ criterion: "correct", alpha: 0.812 }], experts: 3, adjudicated: 1 },
  criterionText: (item) =>
    item.lineage?.labels.some((l) => l.criterionKey === "correct") ? "Is the answer correct? A correct answer states the fact asked for." : null,
};
