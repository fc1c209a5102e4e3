import { probeRoute } from "@/lib/http/handler";
import { scrapeMetrics } from "@/lib/ops/scrape";

export const GET = probeRoute((req) => scrapeMetrics(req.headers.get("authorization")));
