import { ALLOWED_LEVELS, MAX_SCALE_LEVELS, type TCriterionType, type TMeasurementLevel } from "./constants";

// Rules that span fields of a rubric. They run inside the zod schema (superRefine), so the
// form, the API and imports report the same errors at the same paths.

export interface TRuleIssue {
  code: "custom";
  message: string;
  path: (string | number)[];
}
interface Ctx {
  addIssue(issue: TRuleIssue): void;
}

interface Option {
  value: string;
  label: string;
}
interface CriterionShape {
  key: string;
  type: TCriterionType;
  measurementLevel?: TMeasurementLevel;
  config: Record<string, unknown>;
}

function checkOptions(options: Option[], at: (string | number)[], ctx: Ctx, min: number) {
  if (options.length < min) ctx.addIssue({ code: "custom", message: `Give at least ${min} options`, path: [...at, "options"] });
  const values = new Set<string>();
  const labels = new Set<string>();
  options.forEach((o, i) => {
    if (values.has(o.value)) ctx.addIssue({ code: "custom", message: `The value "${o.value}" is used twice`, path: [...at, "options", i, "value"] });
    if (labels.has(o.label.toLowerCase()))
      ctx.addIssue({ code: "custom", message: `The label "${o.label}" is used twice`, path: [...at, "options", i, "label"] });
    values.add(o.value);
    labels.add(o.label.toLowerCase());
  });
}

function checkScale(config: { min: number; max: number; levels: { value: number }[] }, at: (string | number)[], ctx: Ctx) {
  const { min, max, levels } = config;
  if (max <= min) return ctx.addIssue({ code: "custom", message: "The top of the scale must be above the bottom", path: [...at, "max"] });
  if (max - min + 1 > MAX_SCALE_LEVELS) {
    return ctx.addIssue({ code: "custom", message: `A scale has at most ${MAX_SCALE_LEVELS} levels`, path: [...at, "max"] });
  }
  // Every point of the scale gets its own anchor, in order, with no gaps or extras.
  const expected = max - min + 1;
  if (levels.length !== expected) {
    ctx.addIssue({ code: "custom", message: `Describe each of the ${expected} levels from ${min} to ${max}`, path: [...at, "levels"] });
  }
  levels.forEach((level, i) => {
    if (level.value !== min + i)
      ctx.addIssue({ code: "custom", message: `Level ${i + 1} must have the value ${min + i}`, path: [...at, "levels", i, "value"] });
  });
}

function checkNumeric(config: { min: number; max: number; step: number | null }, at: (string | number)[], ctx: Ctx) {
  if (config.max <= config.min) return ctx.addIssue({ code: "custom", message: "The maximum must be above the minimum", path: [...at, "max"] });
  if (config.step !== null && config.step > config.max - config.min) {
    ctx.addIssue({ code: "custom", message: "The step must fit inside the range", path: [...at, "step"] });
  }
}

function checkMulti(config: { options: Option[]; minSelected: number; maxSelected: number | null }, at: (string | number)[], ctx: Ctx) {
  checkOptions(config.options, at, ctx, 2);
  const max = config.maxSelected ?? config.options.length;
  if (config.maxSelected !== null && config.maxSelected > config.options.length) {
    ctx.addIssue({ code: "custom", message: "At most as many selections as there are options", path: [...at, "maxSelected"] });
  }
  if (config.minSelected > max) ctx.addIssue({ code: "custom", message: "The minimum selection is above the maximum", path: [...at, "minSelected"] });
}

function checkCriterion(c: CriterionShape, at: (string | number)[], ctx: Ctx) {
  const config = c.config as never;
  const cfg = [...at, "config"];
  if (c.measurementLevel && !ALLOWED_LEVELS[c.type].includes(c.measurementLevel)) {
    ctx.addIssue({ code: "custom", message: `A ${c.type} criterion is measured as ${ALLOWED_LEVELS[c.type].join(" or ")}`, path: [...at, "measurementLevel"] });
  }
  if (c.type === "SCALE") checkScale(config, cfg, ctx);
  if (c.type === "CATEGORICAL") checkOptions((config as { options: Option[] }).options, cfg, ctx, 2);
  if (c.type === "MULTI") checkMulti(config, cfg, ctx);
  if (c.type === "NUMERIC") checkNumeric(config, cfg, ctx);
  if (c.type === "PREFERENCE" && c.measurementLevel === "ORDINAL" && !(config as { strength: boolean }).strength) {
    ctx.addIssue({ code: "custom", message: "An ordinal preference needs a strength", path: [...at, "measurementLevel"] });
  }
}

/** Every cross-field problem of a rubric's content, with the path of the field at fault. */
export function rubricRuleIssues(content: { criteria: CriterionShape[] }): TRuleIssue[] {
  const issues: TRuleIssue[] = [];
  checkRubricRules(content, { addIssue: (issue) => issues.push(issue) });
  return issues;
}

function checkRubricRules(content: { criteria: CriterionShape[] }, ctx: Ctx): void {
  if (content.criteria.length === 0) ctx.addIssue({ code: "custom", message: "Add at least one criterion", path: ["criteria"] });
  const keys = new Set<string>();
  content.criteria.forEach((c, i) => {
    if (keys.has(c.key)) ctx.addIssue({ code: "custom", message: `The key "${c.key}" is used twice`, path: ["criteria", i, "key"] });
    keys.add(c.key);
    checkCriterion(c, ["criteria", i], ctx);
  });
}

/**
 * Names the criterion in an error path: `criteria.2.config.levels.1.description` becomes
 * `criteria[helpfulness].config.levels.1.description`, so a file's author finds it.
 */
export function describePath(path: readonly PropertyKey[], input: unknown): string {
  const parts = path.map(String);
  if (parts[0] === "criteria" && parts.length > 1 && /^\d+$/.test(parts[1])) {
    const criteria = (input as { criteria?: unknown } | null)?.criteria;
    const entry = Array.isArray(criteria) ? (criteria[Number(parts[1])] as { key?: unknown } | undefined) : undefined;
    const name = typeof entry?.key === "string" && entry.key ? entry.key : `#${Number(parts[1]) + 1}`;
    return [`criteria[${name}]`, ...parts.slice(2)].join(".");
  }
  return parts.join(".") || "rubric";
}
