import { describe, expect, it } from "vitest";
import { clientAddress } from "./client-address";

const from = (xff?: string) => new Request("http://assay.test/", { headers: xff === undefined ? {} : { "x-forwarded-for": xff } });

describe("the client address", () => {
  it("is the peer Next.js reports when no proxy is listed, whatever came before it", () => {
    expect(clientAddress(from("203.0.113.7"), [])).toBe("203.0.113.7");
    expect(clientAddress(from("198.51.100.1, 203.0.113.7"), [])).toBe("203.0.113.7");
    expect(clientAddress(from("::ffff:203.0.113.7"), [])).toBe("203.0.113.7");
  });

  it("looks past the operator's proxies, and only those", () => {
    expect(clientAddress(from("198.51.100.1, 203.0.113.7, 10.0.0.2"), ["10.0.0.2"])).toBe("203.0.113.7");
    expect(clientAddress(from("198.51.100.1, 203.0.113.7, 10.0.0.3, 10.0.0.2"), ["10.0.0.2", "10.0.0.3"])).toBe("203.0.113.7");
  });

  it("is a fixed placeholder when nothing names it", () => {
    expect(clientAddress(from(), [])).toBe("unknown");
    expect(clientAddress(from("10.0.0.2"), ["10.0.0.2"])).toBe("10.0.0.2");
  });
});
