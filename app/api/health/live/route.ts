import { probeRoute } from "@/lib/http/handler";

// Liveness: the process answers HTTP. It never reads the database, so an orchestrator does not
// restart healthy instances while the database is down (readiness, /api/health, says that).
export const GET = probeRoute(async () => ({ status: "ok" }));
