import { publicRoute } from "@/lib/http/handler";
import { openApiDocument } from "@/lib/http/openapi";
import { V1_ROUTES } from "./routes";

/** The public API's description, readable without a key: it holds no data. */
export const GET = publicRoute({}, async () => openApiDocument(V1_ROUTES));
