import { publicRoute } from "../../../../lib/http/handler";
import { openApiDocument } from "../../../../lib/traces/openapi";

/** The public API's description, readable without a key: it holds no data. */
export const GET = publicRoute({}, async () => openApiDocument());
