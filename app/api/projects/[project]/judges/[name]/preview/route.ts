import { projectRoute } from "@/lib/http/handler";
import { previewPrompt } from "@/lib/judge-runs/preview";
import { ZPreview, ZPreviewRequest } from "@/lib/judge-runs/schemas";

/** The prompt a run would send for one target, rendered and never sent. */
export const POST = projectRoute({ auth: "session", scope: "judges:read", body: ZPreviewRequest, answer: ZPreview }, (ctx, { params, body, db }) =>
  previewPrompt(db, ctx, params.name, body),
);
