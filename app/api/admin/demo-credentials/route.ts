import { userRoute } from "@/lib/http/handler";
import { removeDemoCredentials } from "@/lib/users/service";

export const DELETE = userRoute({ instanceAdmin: true }, async (actor, { db }) => ({ removed: await removeDemoCredentials(db, actor) }));
