import type { TCriterionType, TMeasurementLevel } from "@/lib/rubrics/constants";

// A criterion as the reports read it from the queue's rubric version. Its declared scale is
// the agreement module's (`criterionScale`), the one the command-line figures use too;
// re-exported here for the report's own modules.

export interface CriterionRow {
  id: string;
  key: string;
  label: string;
  type: TCriterionType;
  measurementLevel: TMeasurementLevel;
  config: Record<string, unknown>;
}

export { type CriterionScale, PREFERENCE_ORDER, criterionScale, displayValue, withObservedNumbers } from "@/lib/agreement";
