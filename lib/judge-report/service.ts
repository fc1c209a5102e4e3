import type { ProjectContext } from "@/lib/auth/context";
import { assertCan } from "@/lib/auth/scopes";
import type { Database } from "@/lib/db/client";
import { AppError } from "@/lib/errors";
import { type TComparison, compareWithPeople } from "@/lib/judges/compare";
import { type TPairwiseAnswers, positionFigures } from "@/lib/judges/pairwise";
import { type TReferencePolicy, pickReference, referenceValues } from "@/lib/judges/reference";
import { raterNames } from "@/lib/reports/frame";
import { type TTargetEvidence, humanEvidence } from "./evidence";
import type { TAgreementQuery, TJudgeAgreement } from "./schemas";
import { EXTERNAL_PREFIX, type TSubject, externalSubject, isExternal, ownSubject } from "./subject";

// A judge version held against people on its criterion (docs/judges.md#held-against-people):
// the statistics are lib/judges/compare.ts's; this module gathers the judge's current results,
// the human evidence and the held-out items, and names what it shows.

/** The bootstrap's seed: the same data always gives the same interval. */
const SEED = 1;

async function minimumItems(db: Database, projectId: string): Promise<number> {
  const { rows } = await db.sql.query(`SELECT judge_min_items AS n FROM projects WHERE id = $1`, [projectId]);
  return rows[0]?.n ?? 30;
}

/** `rater:<user id | email | external rater>` as the rater key the evidence uses. */
async function policyOf(db: Database, projectId: string, reference: string): Promise<TReferencePolicy> {
  if (!reference.startsWith("rater:")) return { kind: reference as "gold" | "consensus" | "any" };
  const who = reference.slice("rater:".length);
  if (/^[0-9a-f-]{36}$/i.test(who)) return { kind: "rater", rater: `user:${who.toLowerCase()}` };
  if (who.includes("@")) {
    const { rows } = await db.sql.query(
      `SELECT u.id FROM users u JOIN memberships m ON m.user_id = u.id AND m.project_id = $1 WHERE lower(u.email) = lower($2)`,
      [projectId, who],
    );
    if (!rows[0]) throw new AppError("validation_failed", `No member of this project has the email ${who}`, [{ path: "reference", message: "unknown rater" }]);
    return { kind: "rater", rater: `user:${rows[0].id}` };
  }
  return { kind: "rater", rater: who.startsWith(EXTERNAL_PREFIX) ? who : `${EXTERNAL_PREFIX}${who}` };
}

function subjectOf(db: Database, ctx: ProjectContext, name: string, version: string | undefined, criterion: string | undefined): Promise<TSubject> {
  return isExternal(name) ? externalSubject(db, ctx, name.slice(EXTERNAL_PREFIX.length), version, criterion) : ownSubject(db, ctx, name, version, criterion);
}

interface Compared {
  subject: TSubject;
  evidence: Map<string, TTargetEvidence>;
  policy: TReferencePolicy;
  comparison: TComparison;
}

function compare(
  subject: TSubject,
  evidence: Map<string, TTargetEvidence>,
  policy: TReferencePolicy,
  minimum: number,
  only?: Set<string>,
  heldOut = subject.heldOut,
) {
  const keep = (item: string) => !only || only.has(item);
  return compareWithPeople({
    criterion: subject.criterion,
    judge: [...subject.results].filter(([item]) => keep(item)).map(([item, r]) => ({ item, value: r.value })),
    reference: referenceValues(evidence, policy).filter((r) => keep(r.item)),
    ratings: [...evidence].filter(([item]) => keep(item)).flatMap(([item, e]) => e.ratings.map((r) => ({ item, rater: r.rater, value: r.value }))),
    heldOut,
    minimumItems: minimum,
    seed: SEED,
  });
}

/** The report of one judge (`<name>` or `external:<name>`) on one criterion, against one reference policy. */
export async function judgeAgreement(db: Database, ctx: ProjectContext, name: string, query: TAgreementQuery): Promise<TJudgeAgreement> {
  assertCan(ctx, "judges:read");
  const projectId = ctx.project.id;
  const subject = await subjectOf(db, ctx, name, query.version, query.criterion);
  const [evidence, minimum, asked] = await Promise.all([
    humanEvidence(db.sql, ctx, { rubricVersionId: subject.criterion.rubricVersionId, criterionId: subject.criterion.id, mode: subject.mode }),
    minimumItems(db, projectId),
    policyOf(db, projectId, query.reference),
  ]);
  const policy = externalRaterOf(asked, evidence);
  const main: Compared = { subject, evidence, policy, comparison: compare(subject, evidence, policy, minimum) };
  const [disagreements, position, against] = await Promise.all([
    disagreementsOf(db, projectId, main),
    subject.mode === "pairwise" && subject.versionId ? positionOf(db, projectId, subject.versionId) : null,
    query.against === undefined ? null : versionAgainst(db, ctx, main, query.against, policy, minimum),
  ]);
  const { figures, ...counts } = main.comparison;
  const c = subject.criterion;
  return {
    judge: subject.name,
    external: subject.external,
    version: subject.version,
    versions: subject.versions,
    criterion: { id: c.id, key: c.key, label: c.label, type: c.type },
    criteria: subject.criteria,
    mode: subject.mode,
    reference: query.reference,
    comparison: { ...counts, figures: figures ? withoutDisagreements(figures) : null },
    disagreements,
    position,
    against,
  };
}

/** An external rater named without its version (`rater:Priya`) is the one rater of that name with any version (`external:Priya@2026-10`). */
function externalRaterOf(policy: TReferencePolicy, evidence: Map<string, TTargetEvidence>): TReferencePolicy {
  if (policy.kind !== "rater" || !policy.rater.startsWith(EXTERNAL_PREFIX)) return policy;
  const keys = new Set([...evidence.values()].flatMap((e) => e.ratings.map((r) => r.rater)));
  if (keys.has(policy.rater)) return policy;
  const versioned = [...keys].find((key) => key.startsWith(`${policy.rater}@`));
  return versioned ? { kind: "rater", rater: versioned } : policy;
}

const withoutDisagreements = <T extends { disagreements: unknown }>({ disagreements: _, ...rest }: T) => rest;
const strip = (c: TComparison) => ({ ...c, figures: c.figures ? withoutDisagreements(c.figures) : null });

/**
 * Two versions of one judge on the same items: those both rated, none of them a calibration
 * example of either, so neither is scored on what it was shown.
 */
async function versionAgainst(db: Database, ctx: ProjectContext, main: Compared, other: string, policy: TReferencePolicy, minimum: number) {
  if (main.subject.external)
    throw new AppError("validation_failed", "Only versions of one of Assay's judges can be compared", [{ path: "against", message: "not ours" }]);
  const second = await ownSubject(db, ctx, main.subject.name, other);
  const heldOut = new Set([...main.subject.heldOut, ...second.heldOut]);
  const both = new Set([...main.subject.results.keys()].filter((item) => second.results.has(item) && !heldOut.has(item)));
  const seen = new Set([...main.subject.results.keys(), ...second.results.keys()]);
  return {
    version: second.version,
    items: both.size,
    heldOutExcluded: [...heldOut].filter((item) => seen.has(item)).length,
    self: strip(compare(main.subject, main.evidence, policy, minimum, both, new Set())),
    other: strip(compare(second, main.evidence, policy, minimum, both, new Set())),
  };
}

async function disagreementsOf(
  db: Database,
  projectId: string,
  { subject, evidence, policy, comparison }: Compared,
): Promise<TJudgeAgreement["disagreements"]> {
  const list = comparison.figures?.disagreements ?? [];
  if (list.length === 0) return [];
  const raters = new Set(list.flatMap((d) => evidence.get(d.item)?.labels.map((l) => l.rater) ?? []));
  const [names, traces] = await Promise.all([
    raterNames(db.sql, projectId, raters),
    db.sql.query(`SELECT id, external_id AS "externalId" FROM traces WHERE project_id = $1 AND id = ANY($2::uuid[])`, [
      projectId,
      list.map((d) => subject.results.get(d.item)?.traceId ?? evidence.get(d.item)?.traceId),
    ]),
  ]);
  const externalIds = new Map<string, string>(traces.rows.map((r) => [r.id, r.externalId]));
  return list.map((d) => {
    const result = subject.results.get(d.item)!;
    const e = evidence.get(d.item);
    const traceId = result.traceId;
    return {
      target: d.item,
      traceId,
      traceBId: subject.mode === "pairwise" ? (e?.traceBId ?? null) : null,
      traceExternalId: externalIds.get(traceId) ?? null,
      queueItemId: subject.mode === "pairwise" ? d.item : (e?.queueItemId ?? null),
      score: d.score,
      judge: d.judge,
      human: d.human,
      humanValue: e ? (pickReference(e, policy)?.value ?? null) : null,
      judgeValue: result.value,
      rationale: result.rationale,
      labels: (e?.labels ?? []).map((l) => ({ rater: names.get(l.rater)?.name ?? l.rater, value: l.value })),
    };
  });
}

/** Position consistency from the answers in both orders a run recorded (`raw: {forward, swapped}`); null when none were. */
async function positionOf(db: Database, projectId: string, versionId: string) {
  const { rows } = await db.sql.query(
    `SELECT raw FROM judge_run_items WHERE project_id = $1 AND judge_version_id = $2 AND status = 'DONE' AND NOT superseded AND queue_item_id IS NOT NULL`,
    [projectId, versionId],
  );
  const answers = rows
    .map((r) => r.raw as Partial<TPairwiseAnswers> | null)
    .filter((raw): raw is TPairwiseAnswers => !!raw && raw.forward !== undefined && raw.swapped !== undefined);
  return answers.length ? positionFigures(answers) : null;
}
