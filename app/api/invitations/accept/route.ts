import { db } from "@/lib/db/client";
import { publicRoute } from "@/lib/http/handler";
import { ZInvitationAccept } from "@/lib/members/schemas";
import { acceptInvitation } from "@/lib/members/service";

export const POST = publicRoute({ body: ZInvitationAccept }, ({ body }, signedIn) => acceptInvitation(db(), signedIn, body));
