import { userRoute } from "@/lib/http/handler";
import { listAllProjects } from "@/lib/projects/service";

export const GET = userRoute({ instanceAdmin: true }, (actor, { db }) => listAllProjects(db, actor));
