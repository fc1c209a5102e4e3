import type { RouteModule } from "@/lib/http/openapi";
import * as annotationsExport from "@/app/api/v1/annotations/export/route";
import * as annotations from "@/app/api/v1/annotations/route";
import * as audit from "@/app/api/v1/audit/route";
import * as endUserTraces from "@/app/api/v1/end-users/[endUser]/traces/route";
import * as project from "@/app/api/v1/project/route";
import * as queueAgreement from "@/app/api/v1/queues/[queueId]/agreement/route";
import * as queueConsensus from "@/app/api/v1/queues/[queueId]/consensus/route";
import * as queueGold from "@/app/api/v1/queues/[queueId]/gold/route";
import * as queueItems from "@/app/api/v1/queues/[queueId]/items/route";
import * as queueMember from "@/app/api/v1/queues/[queueId]/members/[userId]/route";
import * as queueMembers from "@/app/api/v1/queues/[queueId]/members/route";
import * as queueOrdering from "@/app/api/v1/queues/[queueId]/ordering/route";
import * as queueProgress from "@/app/api/v1/queues/[queueId]/progress/route";
import * as queue from "@/app/api/v1/queues/[queueId]/route";
import * as queues from "@/app/api/v1/queues/route";
import * as scores from "@/app/api/v1/scores/route";
import * as trace from "@/app/api/v1/traces/[traceRef]/route";
import * as traces from "@/app/api/v1/traces/route";

// The routes the OpenAPI document describes. A bundle cannot list its own folders at run
// time, so they are named here; a test checks the list against the files under app/api/v1.

export const V1_ROUTES: readonly RouteModule[] = [
  ["/api/v1/project", project],
  ["/api/v1/traces", traces],
  ["/api/v1/traces/{traceRef}", trace],
  ["/api/v1/end-users/{endUser}/traces", endUserTraces],
  ["/api/v1/scores", scores],
  ["/api/v1/queues", queues],
  ["/api/v1/queues/{queueId}", queue],
  ["/api/v1/queues/{queueId}/items", queueItems],
  ["/api/v1/queues/{queueId}/members", queueMembers],
  ["/api/v1/queues/{queueId}/members/{userId}", queueMember],
  ["/api/v1/queues/{queueId}/ordering", queueOrdering],
  ["/api/v1/queues/{queueId}/progress", queueProgress],
  ["/api/v1/queues/{queueId}/agreement", queueAgreement],
  ["/api/v1/queues/{queueId}/consensus", queueConsensus],
  ["/api/v1/queues/{queueId}/gold", queueGold],
  ["/api/v1/annotations", annotations],
  ["/api/v1/annotations/export", annotationsExport],
  ["/api/v1/audit", audit],
];
