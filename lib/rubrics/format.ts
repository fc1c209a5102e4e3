import { parse as parseYaml, stringify as stringifyYaml } from "yaml";
import { z } from "zod";
import { AppError, type FieldError } from "@/lib/errors";
import { describePath } from "./rules";
import { type TCriterion, type TRubricContent, ZRubricContent, ZSlug } from "./schemas";

// A rubric as a file (JSON or YAML) that can live in a repository and be reviewed like
// code. Exporting and importing again yields the same rubric, exemplars included.

export const FILE_FORMAT = "assay.rubric/v1";

export interface TRubricFile {
  format: typeof FILE_FORMAT;
  slug: string;
  name: string;
  description: string;
  /** The version exported, for the reader; an import starts its own numbering. */
  version?: number | null;
  changeNote?: string;
  guidelines: string;
  criteria: TCriterion[];
}

const ZFileHeader = z.object({
  format: z.literal(FILE_FORMAT, `Set format: ${FILE_FORMAT}`),
  slug: ZSlug,
  name: z.string().trim().min(1, "Enter a name").max(120),
  description: z.string().trim().max(2000).default(""),
  version: z.number().int().positive().nullable().optional(),
  changeNote: z.string().max(2000).optional(),
});

export function toRubricFile(
  rubric: { slug: string; name: string; description: string },
  version: { version: number | null; changeNote: string } & TRubricContent,
): TRubricFile {
  return {
    format: FILE_FORMAT,
    slug: rubric.slug,
    name: rubric.name,
    description: rubric.description,
    version: version.version,
    changeNote: version.changeNote,
    guidelines: version.guidelines,
    criteria: version.criteria.map((c) => ({
      key: c.key,
      label: c.label,
      question: c.question,
      guidance: c.guidance,
      required: c.required,
      type: c.type,
      measurementLevel: c.measurementLevel,
      config: c.config,
    })) as TCriterion[],
  };
}

export function encodeRubricFile(file: TRubricFile, format: "yaml" | "json"): string {
  return format === "json" ? `${JSON.stringify(file, null, 2)}\n` : stringifyYaml(file, { lineWidth: 0 });
}

function decode(content: string, format: "yaml" | "json"): unknown {
  try {
    return format === "json" ? JSON.parse(content) : parseYaml(content, { maxAliasCount: 100 });
  } catch (error) {
    const detail = error instanceof Error ? error.message.split("\n")[0] : "unreadable";
    throw new AppError("validation_failed", `The file is not valid ${format.toUpperCase()}: ${detail}`, [{ path: "content", message: detail }]);
  }
}

/** Reads a rubric file; errors name the criterion (by key) and the field at fault. */
export function parseRubricFile(content: string, format: "yaml" | "json"): { header: z.infer<typeof ZFileHeader>; content: TRubricContent } {
  const raw = decode(content, format);
  if (!raw || typeof raw !== "object" || Array.isArray(raw)) {
    throw new AppError("validation_failed", "The file must hold one rubric object", [{ path: "content", message: "Not an object" }]);
  }
  const header = ZFileHeader.safeParse(raw);
  const body = ZRubricContent.safeParse(raw);
  const errors: FieldError[] = [
    ...(header.success ? [] : header.error.issues.map((i) => ({ path: describePath(i.path, raw), message: i.message }))),
    ...(body.success ? [] : body.error.issues.map((i) => ({ path: describePath(i.path, raw), message: i.message }))),
  ];
  if (errors.length > 0 || !header.success || !body.success) {
    throw new AppError("validation_failed", `The rubric file is not valid: ${errors.map((e) => `${e.path}: ${e.message}`).join("; ")}`, errors);
  }
  return { header: header.data, content: body.data };
}
