import { db } from "@/lib/db/client";
import { userRoute } from "@/lib/http/handler";
import { resetUrl } from "@/lib/http/links";
import { createPasswordReset } from "@/lib/users/service";

export const POST = userRoute({ instanceAdmin: true, status: 201 }, async (actor, { params }) => {
  const reset = await createPasswordReset(db(), actor, params.userId, null);
  return { url: resetUrl(reset.token), expiresAt: reset.expiresAt };
});
