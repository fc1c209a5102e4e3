import { spawn } from "node:child_process";

/** Runs a command to completion, inheriting output; rejects on a non-zero exit. */
export function run(command: string, args: string[], env: NodeJS.ProcessEnv = process.env): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { stdio: "inherit", env });
    child.on("error", reject);
    child.on("exit", (code, signal) =>
      code === 0 ? resolve() : reject(new Error(`${command} ${args.join(" ")} exited with ${signal ?? code}`)),
    );
  });
}

/** Applies committed migrations (the WebAssembly schema engine; nothing is downloaded). */
export async function migrateDeploy(databaseUrl: string): Promise<void> {
  await run("node_modules/.bin/prisma", ["migrate", "deploy"], { ...process.env, DATABASE_URL: databaseUrl });
}
