import { db } from "@/lib/db/client";
import { userRoute } from "@/lib/http/handler";
import { ZProjectUpdate } from "@/lib/projects/schemas";
import { updateProject } from "@/lib/projects/service";

export const PATCH = userRoute({ instanceAdmin: true, body: ZProjectUpdate }, (actor, { body, params }) => updateProject(db(), actor, params.projectId, body));
