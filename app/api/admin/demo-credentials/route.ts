import { db } from "@/lib/db/client";
import { userRoute } from "@/lib/http/handler";
import { removeDemoCredentials } from "@/lib/users/service";

export const DELETE = userRoute({ instanceAdmin: true }, async (actor) => ({ removed: await removeDemoCredentials(db(), actor) }));
