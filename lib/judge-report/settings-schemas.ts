import { z } from "zod";

// Under this many comparable items a judge's figures are null with "insufficient data".

export const ZJudgeSettings = z.strictObject({ judgeMinItems: z.number().int() });
export type TJudgeSettings = z.infer<typeof ZJudgeSettings>;

export const ZJudgeSettingsUpdate = z.strictObject({
  judgeMinItems: z.number().int().min(2).max(100_000).describe("Comparable items a judge's figures need (2–100,000)"),
});
export type TJudgeSettingsUpdate = z.infer<typeof ZJudgeSettingsUpdate>;
