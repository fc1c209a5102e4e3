import { projectRoute } from "@/lib/http/handler";
import { ZJudgeSettings, ZJudgeSettingsUpdate } from "@/lib/judge-report/settings-schemas";
import { readJudgeSettings, setJudgeSettings } from "@/lib/judge-report/settings";

/** The minimum of comparable items under which a judge's figures are "insufficient data"; admins change it. */
export const GET = projectRoute({ auth: "session", scope: "project:read", answer: ZJudgeSettings }, (ctx, { db }) => readJudgeSettings(db, ctx));

export const PATCH = projectRoute({ auth: "session", scope: "settings:manage", body: ZJudgeSettingsUpdate, answer: ZJudgeSettings }, (ctx, { body, db }) =>
  setJudgeSettings(db, ctx, body),
);
