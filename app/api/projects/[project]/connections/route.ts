import { ZConnection, ZConnectionCreate, ZConnectionList } from "@/lib/connections/schemas";
import { createConnection, listConnections } from "@/lib/connections/service";
import { projectRoute } from "@/lib/http/handler";

export const GET = projectRoute({ auth: "session", scope: "judges:read", answer: ZConnectionList }, (ctx, { db }) => listConnections(db, ctx));

// Managing connections takes an ADMIN signed in: no key scope holds connections:manage.
export const POST = projectRoute(
  { auth: "session", scope: "connections:manage", body: ZConnectionCreate, answer: ZConnection, status: 201 },
  (ctx, { body, db }) => createConnection(db, ctx, body),
);
