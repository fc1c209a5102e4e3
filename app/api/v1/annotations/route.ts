import { pool } from "@/lib/db/client";
import { projectRoute } from "@/lib/http/handler";
import { listAnnotations } from "@/lib/queues/annotations";
import { ZAnnotationsQuery } from "@/lib/queues/schemas";
import { ZAnnotationsAnswer } from "@/lib/queues/answers";

/** A queue's labels, a page at a time: `?queue=<id>&cursor=<nextCursor>`. */
export const GET = projectRoute({ auth: "apiKey", scope: "queues:read", query: ZAnnotationsQuery, answer: ZAnnotationsAnswer }, (ctx, { query }) =>
  listAnnotations(pool(), ctx, query),
);
