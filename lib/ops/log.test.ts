import { describe, expect, it } from "vitest";
import { requestIdFrom, setContextProject, withContext } from "./context";
import { REDACTED_FIELDS } from "./log";
import { captureLogger as capture } from "./test-capture";

describe("request ids", () => {
  it("keeps a caller's id that is a plain token of at most 128 characters", () => {
    for (const id of ["abc", "req-42", "a.b_c-D9", "x".repeat(128), "0f8fad5b-d9cb-469f-a165-70867728950e"]) expect(requestIdFrom(id)).toBe(id);
  });

  it("replaces anything else with a new UUID", () => {
    const uuid = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;
    for (const id of [null, "", "x".repeat(129), "has space", "new\nline", 'quote"', "a/b", "ünï", "{}"]) expect(requestIdFrom(id)).toMatch(uuid);
    expect(requestIdFrom(null)).not.toBe(requestIdFrom(null));
  });
});

describe("the logger", () => {
  it("writes one JSON object per line with the level by name and the context's ids", () => {
    const { lines, logger } = capture();
    withContext({ requestId: "req-1" }, () => {
      setContextProject("project-1");
      logger.info({ status: 200 }, "request");
    });
    logger.warn("outside");
    expect(lines[0]).toMatchObject({ level: "info", msg: "request", status: 200, requestId: "req-1", projectId: "project-1", service: "assay" });
    expect(typeof lines[0].time).toBe("string");
    expect(lines[1]).toMatchObject({ level: "warn", msg: "outside" });
    expect(lines[1]).not.toHaveProperty("requestId");
  });

  it("removes secret fields wherever they are passed, up to two levels deep", () => {
    const { lines, logger } = capture();
    const secrets = Object.fromEntries(REDACTED_FIELDS.map((f) => [f, `secret-${f}`]));
    logger.info({ ...secrets, headers: { ...secrets, accept: "json" }, req: { headers: { ...secrets } }, kept: "yes" }, "passed by mistake");
    expect(REDACTED_FIELDS).toEqual(expect.arrayContaining(["authorization", "cookie", "password", "apiKey", "key", "token"]));
    const text = JSON.stringify(lines[0]);
    expect(text).not.toContain("secret-");
    expect(lines[0]).toMatchObject({ kept: "yes", headers: { accept: "json" } });
  });

  it("logs an error by kind, message and code, never a database error's detail", () => {
    const { lines, logger } = capture();
    const error = Object.assign(new Error("new row violates check constraint"), { code: "23514", detail: "Failing row contains (the trace's input)" });
    logger.error({ err: error }, "refused");
    expect(lines[0].err).toMatchObject({ type: "Error", message: "new row violates check constraint", code: "23514" });
    expect(JSON.stringify(lines[0])).not.toContain("Failing row");
  });
});
