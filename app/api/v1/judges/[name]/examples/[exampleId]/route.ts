import { projectRoute } from "@/lib/http/handler";
import { ZExampleRemoved } from "@/lib/judge-calibration/schemas";
import { removeExample } from "@/lib/judge-calibration/service";

/** Takes an example out of the set; versions that show it keep it. */
export const DELETE = projectRoute({ auth: "apiKey", scope: "judges:manage", answer: ZExampleRemoved }, (ctx, { params, db }) =>
  removeExample(db, ctx, params.name, params.exampleId),
);
