import { userRoute } from "@/lib/http/handler";
import { resetUrl } from "@/lib/http/links";
import { createPasswordReset } from "@/lib/users/service";

export const POST = userRoute({ instanceAdmin: true, status: 201 }, async (actor, { params, db }) => {
  const reset = await createPasswordReset(db, actor, params.userId, null);
  return { url: resetUrl(reset.token), expiresAt: reset.expiresAt };
});
