import { pool } from "@/lib/db/client";
import { projectRoute } from "@/lib/http/handler";
import { getItem } from "@/lib/queues/view";
import { ZItemViewAnswer } from "@/lib/queues/view-answers";

/** One item as the labeling screen shows it; in a blind queue others' labels stay hidden until the caller submitted. */
export const GET = projectRoute({ auth: "session", scope: "queues:label", answer: ZItemViewAnswer }, (ctx, { params }) =>
  getItem(pool(), ctx, params.queueId, params.itemId),
);
