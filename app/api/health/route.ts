import { publicRoute } from "@/lib/http/handler";
import { checkHealth } from "@/lib/setup/health";

export const GET = publicRoute({}, ({ db }) => checkHealth(db));
