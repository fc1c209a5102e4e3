import { ZConnection, ZConnectionDeleted, ZConnectionUpdate } from "@/lib/connections/schemas";
import { deleteConnection, getConnection, updateConnection } from "@/lib/connections/service";
import { projectRoute } from "@/lib/http/handler";

export const GET = projectRoute({ auth: "session", scope: "judges:read", answer: ZConnection }, (ctx, { params, db }) =>
  getConnection(db, ctx, params.connectionId),
);

export const PATCH = projectRoute({ auth: "session", scope: "connections:manage", body: ZConnectionUpdate, answer: ZConnection }, (ctx, { params, body, db }) =>
  updateConnection(db, ctx, params.connectionId, body),
);

export const DELETE = projectRoute({ auth: "session", scope: "connections:manage", answer: ZConnectionDeleted }, (ctx, { params, db }) =>
  deleteConnection(db, ctx, params.connectionId),
);
