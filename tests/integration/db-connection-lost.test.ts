import { describe, expect, it } from "vitest";
import { pool } from "@/lib/db/client";

// A connection the server ends while the app holds it (Postgres restarted, an admin's
// pg_terminate_backend, a failover) fails that holder's queries; it must not take the
// process down with an unhandled 'error' event, and the pool must go on serving.

describe("a held connection that the server ends", () => {
  it("fails its own queries, does not crash the process, and the pool serves the next caller", async () => {
    const held = await pool().connect();
    const { rows } = await held.query<{ pid: number }>("SELECT pg_backend_pid() AS pid");
    const ended = new Promise<void>((resolve) => held.once("end", () => resolve()));
    await pool().query("SELECT pg_terminate_backend($1)", [rows[0].pid]);
    await ended;
    await expect(held.query("SELECT 1")).rejects.toThrow();
    held.release(true);
    const again = await pool().query<{ one: number }>("SELECT 1 AS one");
    expect(again.rows[0].one).toBe(1);
  });
});
