import { pool } from "@/lib/db/client";
import { projectRoute } from "@/lib/http/handler";
import { exportTraces } from "@/lib/otlp/service";

/**
 * OTLP/HTTP trace receiver: point any OpenTelemetry exporter at `http://host/api/otel` with
 * `Authorization: Bearer <key>`. Protobuf or JSON, gzip or not; the body is read by the service.
 */
export const POST = projectRoute({ auth: "apiKey", scope: "traces:write" }, (ctx, { req }) => exportTraces(pool(), ctx, req));
