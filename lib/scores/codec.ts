import type { TCriterionType, TPreferenceChoice } from "@/lib/rubrics/constants";

// The one translation between a judgment's value and the columns of `scores`. Every writer
// encodes here and every reader decodes here, so the CHECK `scores_typed_value` and the
// values clients see cannot drift apart. Validation against a criterion is the rubric
// module's job (`validateScoreValue`); this module only says how a valid value is stored.

export type TPreferenceValue = { choice: TPreferenceChoice; strength: number | null };

/** A value in its columns: exactly the shapes the CHECK `scores_typed_value` accepts. */
export type TScoreColumns =
  | { dataType: "NUMERIC"; numberValue: number; textValue: null; jsonValue: null }
  | { dataType: "BOOLEAN"; numberValue: 0 | 1; textValue: null; jsonValue: null }
  | { dataType: "CATEGORICAL"; numberValue: null; textValue: string; jsonValue: null }
  | { dataType: "TEXT"; numberValue: null; textValue: string; jsonValue: null }
  | { dataType: "MULTI"; numberValue: null; textValue: null; jsonValue: string[] }
  | { dataType: "JSON"; numberValue: null; textValue: null; jsonValue: TPreferenceValue };

export type TScoreDataType = TScoreColumns["dataType"];

/** A value as clients send and read it. */
export type TJudgmentValue = boolean | number | string | string[] | TPreferenceValue;

/** The columns as a row read from the database holds them (any driver). */
export interface TStoredColumns {
  dataType: string;
  numberValue: number | null;
  textValue: string | null;
  jsonValue: unknown;
}

export const numericColumns = (numberValue: number): TScoreColumns => ({ dataType: "NUMERIC", numberValue, textValue: null, jsonValue: null });
export const booleanColumns = (pass: boolean): TScoreColumns => ({ dataType: "BOOLEAN", numberValue: pass ? 1 : 0, textValue: null, jsonValue: null });
export const textColumns = (dataType: "TEXT" | "CATEGORICAL", textValue: string): TScoreColumns => ({
  dataType,
  numberValue: null,
  textValue,
  jsonValue: null,
});
export const multiColumns = (values: string[]): TScoreColumns => ({ dataType: "MULTI", numberValue: null, textValue: null, jsonValue: values });
export const preferenceColumns = (value: TPreferenceValue): TScoreColumns => ({ dataType: "JSON", numberValue: null, textValue: null, jsonValue: value });

/**
 * A valid answer to a criterion of this type, as columns. A preference without strength is a
 * category (`A`, `B`, `TIE`, `BOTH_BAD`); with strength it is `{choice, strength}` as JSON.
 */
export function encodeAnswer(type: TCriterionType, value: TJudgmentValue): TScoreColumns {
  switch (type) {
    case "BINARY":
      return booleanColumns(value === true);
    case "SCALE":
    case "NUMERIC":
      return numericColumns(value as number);
    case "CATEGORICAL":
      return textColumns("CATEGORICAL", value as string);
    case "MULTI":
      return multiColumns(value as string[]);
    case "TEXT":
    case "CORRECTION":
      return textColumns("TEXT", value as string);
    case "PREFERENCE":
      return typeof value === "string" ? textColumns("CATEGORICAL", value) : preferenceColumns(value as TPreferenceValue);
  }
}

/** A score without a rubric criterion: the value's own type decides (strings are categories unless said otherwise). */
export function encodeUntyped(value: boolean | number | string | string[], textType: "CATEGORICAL" | "TEXT" = "CATEGORICAL"): TScoreColumns {
  if (typeof value === "boolean") return booleanColumns(value);
  if (typeof value === "number") return numericColumns(value);
  if (typeof value === "string") return textColumns(textType, value);
  return multiColumns(value);
}

/** The value a client reads back from stored columns. */
export function decodeValue(columns: TStoredColumns): TJudgmentValue | null {
  switch (columns.dataType) {
    case "BOOLEAN":
      return columns.numberValue === 1;
    case "NUMERIC":
      return columns.numberValue;
    case "MULTI":
    case "JSON":
      return columns.jsonValue as TJudgmentValue;
    default:
      return columns.textValue;
  }
}

/**
 * The columns for a Prisma `create`: null columns are left out, because Prisma writes a JSON
 * `null` (not SQL NULL) for `jsonValue: null`, which the CHECK refuses.
 */
export function prismaColumns(columns: TScoreColumns): {
  dataType: TScoreDataType;
  numberValue?: number;
  textValue?: string;
  jsonValue?: string[] | TPreferenceValue;
} {
  return {
    dataType: columns.dataType,
    ...(columns.numberValue === null ? {} : { numberValue: columns.numberValue }),
    ...(columns.textValue === null ? {} : { textValue: columns.textValue }),
    ...(columns.jsonValue === null ? {} : { jsonValue: columns.jsonValue }),
  };
}

/** `json_value` as a `$n::jsonb` parameter of raw SQL. */
export const jsonParameter = (columns: TScoreColumns): string | null => (columns.jsonValue === null ? null : JSON.stringify(columns.jsonValue));

export interface TNamedColumns {
  name: string;
  criterionId: string;
  value: TScoreColumns;
}

/** Parallel arrays (name, data type, number, text, json, criterion) for one `INSERT … SELECT FROM unnest(…)`. */
export function unnestParameters(rows: TNamedColumns[]) {
  return [
    rows.map((r) => r.name),
    rows.map((r) => r.value.dataType),
    rows.map((r) => r.value.numberValue),
    rows.map((r) => r.value.textValue),
    rows.map((r) => jsonParameter(r.value)),
    rows.map((r) => r.criterionId),
  ];
}

export type TSide = "A" | "B";

/**
 * A label's name on a queue item: the criterion key, or `key:A` / `key:B` for a criterion
 * answered per side of a pairwise item (a preference answers for the pair, without a side).
 */
export const labelName = (key: string, side?: TSide | null): string => (side ? `${key}:${side}` : key);

export function parseLabelName(name: string): { key: string; side: TSide | null } {
  const at = name.lastIndexOf(":");
  const side = at >= 0 ? name.slice(at + 1) : "";
  return side === "A" || side === "B" ? { key: name.slice(0, at), side } : { key: name, side: null };
}
