import type { LookupAddress } from "node:dns";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type LookupFn, findRefusal, guardedDispatcher, guardedFetch, parseAllowedHosts } from "@/lib/outbound";
import { type ModelStub, startModelStub } from "@/tests/support/model-stub";

// The guarded dispatcher over real sockets, with a resolver injected in place of DNS: the
// check runs on what a name resolves to when the connection is made, not earlier.

let stub: ModelStub;
beforeAll(async () => {
  stub = await startModelStub();
});
afterAll(() => stub.close());

/** A resolver that answers each call with the next list of addresses (the last one repeats). */
function resolver(...answers: string[][]): { lookup: LookupFn; calls: string[] } {
  const calls: string[] = [];
  const lookup: LookupFn = (hostname, _options, callback) => {
    calls.push(hostname);
    const addresses = answers[Math.min(calls.length - 1, answers.length - 1)];
    setImmediate(() =>
      callback(
        null,
        addresses.map((address): LookupAddress => ({ address, family: address.includes(":") ? 6 : 4 })),
      ),
    );
  };
  return { lookup, calls };
}

async function refusal(fetcher: typeof fetch, url: string): Promise<string | null> {
  try {
    await fetcher(url, { method: "GET" });
    return null;
  } catch (error) {
    const refused = findRefusal(error);
    if (!refused) throw error;
    return refused.reason;
  }
}

describe("the guarded dispatcher", () => {
  it("refuses a name that resolves to a private, loopback or metadata address", async () => {
    for (const [address, reason] of [
      ["10.0.0.7", "private"],
      ["127.0.0.1", "loopback"],
      ["169.254.169.254", "metadata"],
      ["::ffff:192.168.1.1", "private"],
    ]) {
      const { lookup, calls } = resolver([address]);
      const fetcher = guardedFetch(guardedDispatcher({ allowed: [], lookup }));
      expect(await refusal(fetcher, `http://models.example.test:${stub.port}/v1/models`), address).toBe(reason);
      expect(calls).toEqual(["models.example.test"]);
    }
  });

  it("refuses a name when any of its addresses is private, even next to a public one", async () => {
    const { lookup } = resolver(["93.184.216.34", "10.0.0.7"]);
    expect(await refusal(guardedFetch(guardedDispatcher({ allowed: [], lookup })), `http://mixed.example.test:${stub.port}/`)).toBe("private");
  });

  it("checks again at every connection, so a name that turns private later (DNS rebinding) is refused then", async () => {
    // The first answer is public: the connection is attempted (nothing answers there offline,
    // so it fails, but it is not refused). The second, for the next connection, is the loopback address.
    const { lookup, calls } = resolver(["93.184.216.34"], ["127.0.0.1"]);
    const fetcher = guardedFetch(guardedDispatcher({ allowed: [], lookup, connectTimeoutMs: 200 }));
    const first = await refusal(fetcher, `http://rebind.example.test:${stub.port}/`).catch(() => "not refused");
    expect(first).toBe("not refused");
    expect(await refusal(fetcher, `http://rebind.example.test:${stub.port}/`)).toBe("loopback");
    expect(calls).toEqual(["rebind.example.test", "rebind.example.test"]);
  });

  it("lets an allowed host through to its private address, and only on its port", async () => {
    const { lookup } = resolver(["127.0.0.1"]);
    const allowed = parseAllowedHosts(`models.lan:${stub.port}`);
    const fetcher = guardedFetch(guardedDispatcher({ allowed, lookup }));
    const res = await fetcher(`http://models.lan:${stub.port}/v1/models`);
    expect(res.status).toBe(200);
    expect(((await res.json()) as { data: { id: string }[] }).data[0].id).toBe("stub-ok");
    const literal = guardedFetch(guardedDispatcher({ allowed: parseAllowedHosts(stub.hostPort) }));
    expect((await literal(`${stub.url}/models`)).status).toBe(200);
    expect(await refusal(fetcher, `http://models.lan:${stub.port + 1}/`)).toBe("loopback");
  });

  it("refuses to follow a redirect, even from an allowed host", async () => {
    const fetcher = guardedFetch(guardedDispatcher({ allowed: parseAllowedHosts(stub.hostPort) }));
    expect(await refusal(fetcher, `http://${stub.hostPort}/redirect/anywhere`)).toBe("redirect");
  });
});
