// Runs once when a server instance starts: it starts the job workers beside the web server.
export async function register() {
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  const { env } = await import("./lib/env");
  const e = env();
  if (e.ASSAY_JOBS === "off" || !e.DATABASE_URL) return;
  const { startJobRunner } = await import("./lib/jobs/queue");
  try {
    const runner = await startJobRunner(e.DATABASE_URL);
    const stop = () => void runner.stop();
    process.once("SIGTERM", stop);
    process.once("SIGINT", stop);
  } catch (error) {
    const { log } = await import("./lib/ops/log");
    log().error({ err: error }, "job workers did not start; requests are still served");
  }
}
