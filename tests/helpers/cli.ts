import { spawn } from "node:child_process";
import path from "node:path";

// The `assay` command as a user runs it: a process with the API key in its environment, its
// output and its exit status.

export function runAssay(key: string, ...args: string[]): Promise<{ status: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [path.resolve("cli/assay.mjs"), ...args], { env: { ...process.env, ASSAY_API_KEY: key } });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (chunk) => (stdout += chunk));
    child.stderr.on("data", (chunk) => (stderr += chunk));
    child.on("close", (status) => resolve({ status, stdout, stderr }));
  });
}
