import { db } from "@/lib/db/client";
import { projectRoute } from "@/lib/http/handler";
import { ZRubricCreate, ZRubricListQuery } from "@/lib/rubrics/schemas";
import { createRubric, listRubrics } from "@/lib/rubrics/service";

export const GET = projectRoute({ auth: "session", scope: "rubrics:read", query: ZRubricListQuery }, (ctx, { query }) =>
  listRubrics(db(), ctx, { archived: query.archived === "1" }),
);

export const POST = projectRoute({ auth: "session", scope: "rubrics:manage", body: ZRubricCreate, status: 201 }, (ctx, { body }) =>
  createRubric(db(), ctx, body),
);
