import { db } from "@/lib/db/client";
import { userRoute } from "@/lib/http/handler";
import { ZUserUpdate } from "@/lib/users/schemas";
import { setUserDeactivated } from "@/lib/users/service";

export const PATCH = userRoute({ instanceAdmin: true, body: ZUserUpdate }, (actor, { body, params }) =>
  setUserDeactivated(db(), actor, params.userId, body.deactivated),
);
