import { db } from "@/lib/db/client";
import { publicRoute } from "@/lib/http/handler";
import { ZSignUp } from "@/lib/users/schemas";
import { signUpFirstUser } from "@/lib/users/service";

export const POST = publicRoute({ body: ZSignUp, status: 201 }, ({ body }) => signUpFirstUser(db(), body));
