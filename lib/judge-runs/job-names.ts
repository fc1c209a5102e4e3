// The run's job names, apart from the job definitions so a service can queue one without
// importing the worker.
export const RUN_JUDGE = "judges.run";
export const SWEEP_JUDGE_RUNS = "judges.sweep";
