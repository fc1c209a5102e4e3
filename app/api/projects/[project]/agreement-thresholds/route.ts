import { projectRoute } from "@/lib/http/handler";
import { ZAgreementThresholds, ZAgreementThresholdsUpdate } from "@/lib/projects/schemas";
import { readAgreementThresholds, setAgreementThresholds } from "@/lib/projects/thresholds";

/** The project's α thresholds for the agreement report's traffic light; admins change them. */
export const GET = projectRoute({ auth: "session", scope: "project:read", answer: ZAgreementThresholds }, (ctx, { db }) => readAgreementThresholds(db, ctx));

export const PATCH = projectRoute(
  { auth: "session", scope: "settings:manage", body: ZAgreementThresholdsUpdate, answer: ZAgreementThresholds },
  (ctx, { body, db }) => setAgreementThresholds(db, ctx, body),
);
