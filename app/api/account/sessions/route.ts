import { db } from "@/lib/db/client";
import { userRoute } from "@/lib/http/handler";
import { endAllSessions } from "@/lib/users/service";

// "Sign out everywhere": ends every session of the caller, on every device, this one included.
export const DELETE = userRoute({}, (actor) => endAllSessions(db(), actor));
