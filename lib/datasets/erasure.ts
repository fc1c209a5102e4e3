import type { Actor } from "@/lib/auth/context";
import { recordAudit } from "@/lib/audit/service";
import type { Tx } from "@/lib/db/client";
import { ContentChecksum } from "./content";
import { inputHash } from "./duplicates";
import { contentOf, versionPages } from "./versions";

// Erasure: when an end user's traces are deleted, the item revisions copied from them keep
// their place in every version but lose their content, which a tombstone naming the deletion
// replaces. Each version holding one is marked redacted and its checksum is computed again
// over what it now holds. Retention by age never comes here: items are copies and outlive
// their traces. This is the one writer the immutability triggers let through, and only
// inside the deletion's own transaction.

/** The text that stands in for redacted content, naming the deletion's audit event. */
export const tombstone = (deletionEventId: string) => `[redacted: an end user's data was deleted, audit event ${deletionEventId}]`;

/**
 * Revisions whose lineage names one of the end user's traces, by internal or external id.
 * Read before the traces go, inside the same transaction.
 */
export async function revisionsFromEndUser(tx: Tx, projectId: string, endUserId: string): Promise<{ id: string; datasetId: string }[]> {
  return tx.$queryRawUnsafe(
    `WITH ids AS (SELECT unnest(ARRAY[t.id::text, t.external_id]) AS ref FROM traces t WHERE t.project_id = $1::uuid AND t.end_user_id = $2)
     SELECT r.id, r.dataset_id AS "datasetId" FROM dataset_item_revisions r
      WHERE r.project_id = $1::uuid AND r.redacted_at IS NULL AND (r.lineage ->> 'traceId') IN (SELECT ref FROM ids)
     UNION
     SELECT r.id, r.dataset_id FROM dataset_item_revisions r
      WHERE r.project_id = $1::uuid AND r.redacted_at IS NULL AND (r.lineage ->> 'traceBId') IN (SELECT ref FROM ids)`,
    projectId,
    endUserId,
  );
}

/** Redacts the revisions and every version holding them; answers how many of each. */
export async function redactRevisions(
  tx: Tx,
  actor: Actor,
  projectId: string,
  revisions: { id: string; datasetId: string }[],
  deletionEventId: string,
): Promise<{ items: number; versions: number }> {
  if (!revisions.length) return { items: 0, versions: 0 };
  const notice = tombstone(deletionEventId);
  // The datasets' lock, as adds and publishing take it: a version published meanwhile is either
  // seen below and redacted, or made after this commits from the redacted rows.
  await tx.$queryRawUnsafe(`SELECT id FROM datasets WHERE project_id = $1::uuid AND id = ANY($2::uuid[]) ORDER BY id FOR NO KEY UPDATE`, projectId, [
    ...new Set(revisions.map((r) => r.datasetId)),
  ]);
  await tx.$executeRawUnsafe(`SET LOCAL assay.erasure = on`);
  const ids = revisions.map((r) => r.id);
  // Splits, tags and the exact flag stay: they are the dataset's own words, not the end user's.
  await tx.$executeRawUnsafe(
    `UPDATE dataset_item_revisions SET
        input = to_jsonb($3::text),
        expected_output = CASE WHEN expected_output IS NULL THEN NULL ELSE to_jsonb($3::text) END,
        preference = CASE WHEN preference IS NULL THEN NULL ELSE jsonb_build_object('preferred', $3::text, 'rejected', $3::text) END,
        metadata = '{}'::jsonb,
        lineage = lineage || jsonb_build_object('traceId', NULL, 'spanId', NULL, 'traceBId', NULL, 'queueItemId', NULL, 'labels', '[]'::jsonb, 'redacted', $3::text),
        input_hash = $4,
        canonical = NULL,
        redacted_at = now()
      WHERE project_id = $1::uuid AND id = ANY($2::uuid[])`,
    projectId,
    ids,
    notice,
    inputHash(notice),
  );
  const versions = await tx.$queryRawUnsafe<{ id: string; datasetId: string; number: number }[]>(
    `SELECT v.id, v.dataset_id AS "datasetId", v.number FROM dataset_versions v
      WHERE v.project_id = $1::uuid AND v.id IN (SELECT vi.version_id FROM dataset_version_items vi WHERE vi.project_id = $1::uuid AND vi.revision_id = ANY($2::uuid[]))
      ORDER BY v.dataset_id, v.number`,
    projectId,
    ids,
  );
  for (const version of versions) {
    const checksum = new ContentChecksum();
    for await (const page of versionPages(tx, projectId, version.id, null)) for (const row of page) checksum.add(contentOf(row));
    await tx.$executeRawUnsafe(
      `UPDATE dataset_versions SET checksum = $3, redacted_at = coalesce(redacted_at, now()),
              redaction = CASE WHEN redaction IS NULL THEN $4 ELSE redaction || E'\\n' || $4 END
        WHERE project_id = $1::uuid AND id = $2::uuid`,
      projectId,
      version.id,
      checksum.digest(),
      `End user data deleted (audit event ${deletionEventId})`,
    );
  }
  for (const datasetId of new Set(revisions.map((r) => r.datasetId))) {
    await recordAudit(tx, actor, {
      projectId,
      action: "dataset.redact",
      targetType: "dataset",
      targetId: datasetId,
      details: {
        deletion: deletionEventId,
        items: revisions.filter((r) => r.datasetId === datasetId).length,
        versions: versions.filter((v) => v.datasetId === datasetId).map((v) => v.number),
      },
    });
  }
  return { items: ids.length, versions: versions.length };
}
