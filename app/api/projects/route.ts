import { db } from "@/lib/db/client";
import { userRoute } from "@/lib/http/handler";
import { ZProjectCreate } from "@/lib/projects/schemas";
import { createProject, listMyProjects } from "@/lib/projects/service";

export const GET = userRoute({}, (actor) => listMyProjects(db(), actor));

export const POST = userRoute({ instanceAdmin: true, body: ZProjectCreate, status: 201 }, (actor, { body }) => createProject(db(), actor, body));
