import type { RouteModule } from "@/lib/http/openapi";
import * as annotationsExport from "@/app/api/v1/annotations/export/route";
import * as annotations from "@/app/api/v1/annotations/route";
import * as audit from "@/app/api/v1/audit/route";
import * as datasetDiff from "@/app/api/v1/datasets/[datasetId]/diff/route";
import * as datasetFromTraces from "@/app/api/v1/datasets/[datasetId]/from-traces/route";
import * as datasetItem from "@/app/api/v1/datasets/[datasetId]/items/[itemId]/route";
import * as datasetItems from "@/app/api/v1/datasets/[datasetId]/items/route";
import * as datasetPromotePreview from "@/app/api/v1/datasets/[datasetId]/promote/preview/route";
import * as datasetPromote from "@/app/api/v1/datasets/[datasetId]/promote/route";
import * as dataset from "@/app/api/v1/datasets/[datasetId]/route";
import * as datasetTag from "@/app/api/v1/datasets/[datasetId]/tags/[tag]/route";
import * as datasetExport from "@/app/api/v1/datasets/[datasetId]/versions/[version]/export/route";
import * as datasetVersions from "@/app/api/v1/datasets/[datasetId]/versions/route";
import * as datasets from "@/app/api/v1/datasets/route";
import * as connectionRotateKey from "@/app/api/v1/connections/[connectionId]/rotate-key/route";
import * as connection from "@/app/api/v1/connections/[connectionId]/route";
import * as connectionTest from "@/app/api/v1/connections/[connectionId]/test/route";
import * as connections from "@/app/api/v1/connections/route";
import * as judgeDraft from "@/app/api/v1/judges/[name]/draft/route";
import * as judge from "@/app/api/v1/judges/[name]/route";
import * as judgeVersion from "@/app/api/v1/judges/[name]/versions/[number]/route";
import * as judgeVersions from "@/app/api/v1/judges/[name]/versions/route";
import * as judges from "@/app/api/v1/judges/route";
import * as judgePreview from "@/app/api/v1/judges/[name]/preview/route";
import * as judgeRunCancel from "@/app/api/v1/judges/[name]/runs/[runId]/cancel/route";
import * as judgeRunItems from "@/app/api/v1/judges/[name]/runs/[runId]/items/route";
import * as judgeRun from "@/app/api/v1/judges/[name]/runs/[runId]/route";
import * as judgeRuns from "@/app/api/v1/judges/[name]/runs/route";
import * as externalJudges from "@/app/api/v1/external-judges/route";
import * as judgeAgreement from "@/app/api/v1/judges/[name]/agreement/route";
import * as judgeExample from "@/app/api/v1/judges/[name]/examples/[exampleId]/route";
import * as judgeExamples from "@/app/api/v1/judges/[name]/examples/route";
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
  ["/api/v1/datasets", datasets],
  ["/api/v1/datasets/{datasetId}", dataset],
  ["/api/v1/datasets/{datasetId}/items", datasetItems],
  ["/api/v1/datasets/{datasetId}/items/{itemId}", datasetItem],
  ["/api/v1/datasets/{datasetId}/versions", datasetVersions],
  ["/api/v1/datasets/{datasetId}/versions/{version}/export", datasetExport],
  ["/api/v1/datasets/{datasetId}/tags/{tag}", datasetTag],
  ["/api/v1/datasets/{datasetId}/diff", datasetDiff],
  ["/api/v1/datasets/{datasetId}/from-traces", datasetFromTraces],
  ["/api/v1/datasets/{datasetId}/promote/preview", datasetPromotePreview],
  ["/api/v1/datasets/{datasetId}/promote", datasetPromote],
  ["/api/v1/connections", connections],
  ["/api/v1/connections/{connectionId}", connection],
  ["/api/v1/connections/{connectionId}/rotate-key", connectionRotateKey],
  ["/api/v1/connections/{connectionId}/test", connectionTest],
  ["/api/v1/judges", judges],
  ["/api/v1/judges/{name}", judge],
  ["/api/v1/judges/{name}/draft", judgeDraft],
  ["/api/v1/judges/{name}/versions", judgeVersions],
  ["/api/v1/judges/{name}/versions/{number}", judgeVersion],
  ["/api/v1/judges/{name}/preview", judgePreview],
  ["/api/v1/judges/{name}/runs", judgeRuns],
  ["/api/v1/judges/{name}/runs/{runId}", judgeRun],
  ["/api/v1/judges/{name}/runs/{runId}/items", judgeRunItems],
  ["/api/v1/judges/{name}/runs/{runId}/cancel", judgeRunCancel],
  ["/api/v1/external-judges", externalJudges],
  ["/api/v1/judges/{name}/agreement", judgeAgreement],
  ["/api/v1/judges/{name}/examples", judgeExamples],
  ["/api/v1/judges/{name}/examples/{exampleId}", judgeExample],
  ["/api/v1/audit", audit],
];
