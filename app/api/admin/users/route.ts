import { userRoute } from "@/lib/http/handler";
import { listUsers } from "@/lib/users/service";

export const GET = userRoute({ instanceAdmin: true }, (_actor, { db }) => listUsers(db));
