import type { z } from "zod";
import type { TAgreementReport, TDisagreementsAnswer, ZLight } from "@/lib/reports/answers";

// The agreement screens' types, all inferred from the routes' answer schemas.
export type TLightValue = z.infer<typeof ZLight>;
export type TCriterionReport = TAgreementReport["criteria"][number];
export type TDisputedItem = TDisagreementsAnswer["items"][number];
export type TSideBySideLabel = TDisputedItem["labels"][number];
