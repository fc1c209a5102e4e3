import { db } from "@/lib/db/client";
import { userRoute } from "@/lib/http/handler";
import { listUsers } from "@/lib/users/service";

export const GET = userRoute({ instanceAdmin: true }, () => listUsers(db()));
