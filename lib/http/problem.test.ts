import pg from "pg";
import { describe, expect, it } from "vitest";
import { freePort } from "@/lib/db/embedded";
import { AppError } from "@/lib/errors";
import { replaceLogger } from "@/lib/ops/log";
import { captureLogger } from "@/lib/ops/test-capture";
import { PROBLEM_CONTENT_TYPE, problemResponse, toProblem } from "./problem";

async function refusedConnectionError(): Promise<unknown> {
  const port = await freePort();
  const client = new pg.Client({ host: "127.0.0.1", port, user: "nobody", database: "nothing", connectionTimeoutMillis: 5_000 });
  try {
    await client.connect();
  } catch (error) {
    return error;
  } finally {
    await client.end().catch(() => {});
  }
  throw new Error(`something is listening on port ${port}`);
}

describe("toProblem", () => {
  it("keeps an AppError's status, code, detail and field errors", () => {
    const fieldErrors = [{ path: "email", message: "Enter a valid email address" }];
    const problem = toProblem(new AppError("validation_failed", "The body is not valid", fieldErrors));
    expect(problem).toEqual({
      type: "urn:assay:problem:validation_failed",
      title: "validation failed",
      status: 422,
      code: "validation_failed",
      detail: "The body is not valid",
      errors: fieldErrors,
    });
    expect(toProblem(new AppError("last_admin", "Keep one admin"))).toMatchObject({ status: 409, code: "last_admin", detail: "Keep one admin" });
    expect(toProblem(new AppError("not_found", "Queue not found"))).not.toHaveProperty("errors");
  });

  it("hides the message of an unexpected error behind a 500", () => {
    const problem = toProblem(new Error('relation "secret_table" does not exist at 10.0.0.7'));
    expect(problem.status).toBe(500);
    expect(problem.code).toBe("internal_error");
    expect(JSON.stringify(problem)).not.toContain("secret_table");
    expect(JSON.stringify(problem)).not.toContain("10.0.0.7");
  });

  it("maps a refused database connection to 503 database_unavailable", async () => {
    const error = await refusedConnectionError();
    expect((error as { code?: string }).code).toBe("ECONNREFUSED");
    const problem = toProblem(error);
    expect(problem.status).toBe(503);
    expect(problem.code).toBe("database_unavailable");
    expect(problem.detail).not.toContain("127.0.0.1");
  });

  it("recognises the refusal when it is wrapped as a cause", async () => {
    const wrapped = new Error("query failed", { cause: await refusedConnectionError() });
    expect(toProblem(wrapped).code).toBe("database_unavailable");
  });
});

describe("problemResponse", () => {
  it("answers 503 with Retry-After and a problem+json body when the database is down", async () => {
    const response = problemResponse(await refusedConnectionError());
    expect(response.status).toBe(503);
    expect(response.headers.get("content-type")).toBe(PROBLEM_CONTENT_TYPE);
    expect(response.headers.get("content-type")).toBe("application/problem+json");
    expect(Number(response.headers.get("retry-after"))).toBeGreaterThan(0);
    expect((await response.json()).code).toBe("database_unavailable");
  });

  it("answers an AppError without Retry-After", async () => {
    const response = problemResponse(new AppError("forbidden", "No"));
    expect(response.status).toBe(403);
    expect(response.headers.get("retry-after")).toBeNull();
    expect(response.headers.get("content-type")).toBe("application/problem+json");
    expect(await response.json()).toMatchObject({ code: "forbidden", detail: "No" });
  });

  it("logs an unexpected error on the server but not in the answer", async () => {
    const { lines, logger } = captureLogger();
    replaceLogger(logger);
    try {
      const response = problemResponse(new Error("password=hunter2"));
      expect(response.status).toBe(500);
      expect(await response.text()).not.toContain("hunter2");
      expect(lines).toMatchObject([{ level: "error", msg: "unhandled error", err: { message: "password=hunter2" } }]);
    } finally {
      replaceLogger(undefined);
    }
  });
});
