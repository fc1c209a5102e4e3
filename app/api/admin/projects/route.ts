import { db } from "@/lib/db/client";
import { userRoute } from "@/lib/http/handler";
import { listAllProjects } from "@/lib/projects/service";

export const GET = userRoute({ instanceAdmin: true }, (actor) => listAllProjects(db(), actor));
