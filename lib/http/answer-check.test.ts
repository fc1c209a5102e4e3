import { describe, expect, it } from "vitest";
import { z } from "zod";
import { replaceLogger } from "@/lib/ops/log";
import { captureLogger } from "@/lib/ops/test-capture";
import { publicRoute } from "./handler";

// Outside production the wrapper checks each answer against its schema, so drift between a
// service and what the API documents fails loudly instead of reaching clients.

const ZAnswer = z.strictObject({ count: z.number().int() });
const call = (result: unknown) => publicRoute({ answer: ZAnswer }, async () => result)(new Request("http://localhost/api/x"), { params: Promise.resolve({}) });

describe("the answer check", () => {
  it("records the answer schema and status for the OpenAPI document", () => {
    const handler = publicRoute({ answer: ZAnswer, status: 201 }, async () => ({ count: 1 }));
    expect(handler.meta).toMatchObject({ answer: ZAnswer, status: 201 });
  });

  it("lets an answer that matches its schema through unchanged", async () => {
    const res = await call({ count: 2 });
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ count: 2 });
  });

  it("refuses, with a 500 and the mismatch in the log, an answer with a field its schema lacks or of the wrong type", async () => {
    const { lines, logger } = captureLogger();
    replaceLogger(logger);
    for (const drifted of [{ count: 2, extra: true }, { count: "2" }]) {
      const res = await call(drifted);
      expect(res.status).toBe(500);
      expect((await res.json()).code).toBe("internal_error");
    }
    replaceLogger(undefined);
    const errors = lines.filter((l) => l.msg === "unhandled error") as { err: { message: string } }[];
    expect(errors[0].err.message).toMatch(/does not match its schema/);
  });
});
