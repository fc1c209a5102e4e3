import type { ApiDocs } from "@/lib/http/openapi-parts";
import { ZDraftInput, ZJudge, ZJudgeCreate, ZJudgeVersion } from "./schemas";

// The words of the judge operations of the OpenAPI document (lib/http/openapi.ts); their
// parameters and answers come from the routes' schemas.

const judge = { name: "The judge's name, unique in the project" };
const manage = "Needs `judges:manage` (ADMIN or ENGINEER signed in, or a FULL key).";

export const judgeDocs: ApiDocs = {
  requests: { JudgeCreate: ZJudgeCreate, JudgeDraft: ZDraftInput },
  answers: { Judge: ZJudge, JudgeVersion: ZJudgeVersion },
  operations: {
    "get /api/v1/judges": {
      summary: "The project's LLM judges, each with its latest published version and whether a draft is open",
    },
    "post /api/v1/judges": {
      summary: "Create a judge (no version yet: save a draft, then publish it)",
      description: `The name is unique in the project (409 \`judge_name_taken\`) and becomes the rater name of its scores. ${manage}`,
    },
    "get /api/v1/judges/{name}": { summary: "One judge", params: judge },
    "patch /api/v1/judges/{name}": { summary: "Change a judge's description, archive it or bring it back", params: judge },
    "get /api/v1/judges/{name}/draft": { summary: "The judge's draft (404 when none is open)", params: judge },
    "put /api/v1/judges/{name}/draft": {
      summary: "Create or replace the judge's one draft, or start it as a copy of a published version (`{fromVersion}`)",
      description:
        "Checked against what it names: a published rubric version (422 `rubric_not_published`), one of its criteria (`criterion_not_found`) that a judge can answer (`criterion_not_judgeable`: MULTI, TEXT and CORRECTION cannot be), a connection of the project and one of its models (`model_not_on_connection`), a template whose variables suit the criterion (`template_invalid`, with the `line` and `column` in `errors`), and examples of the judge's own calibration set (`example_not_found`). " +
        manage,
      params: judge,
    },
    "delete /api/v1/judges/{name}/draft": { summary: "Discard the judge's draft", params: judge },
    "get /api/v1/judges/{name}/versions": { summary: "The judge's published versions, oldest first", params: judge },
    "post /api/v1/judges/{name}/versions": {
      summary: "Publish the draft as the next version number",
      description: `The draft is checked again as it is published; a published version never changes. Audited as \`judge.version_publish\`. ${manage}`,
      params: judge,
    },
    "get /api/v1/judges/{name}/versions/{number}": {
      summary: "One published version, by number or `latest`",
      params: { ...judge, number: "The version number, or `latest`" },
    },
  },
};
