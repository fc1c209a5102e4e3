import { describe, expect, it } from "vitest";
import { OutboundRefused, findRefusal, refusalFor } from "./address-policy";
import { isAllowedHost, parseAllowedHosts } from "./allowlist";

describe("the outbound address policy", () => {
  it.each([
    ["127.0.0.1", "loopback"],
    ["127.8.9.10", "loopback"],
    ["::1", "loopback"],
    ["10.1.2.3", "private"],
    ["172.16.0.1", "private"],
    ["172.31.255.255", "private"],
    ["192.168.1.1", "private"],
    ["169.254.1.1", "link_local"],
    ["fe80::1", "link_local"],
    ["fc00::1", "unique_local"],
    ["fd12:3456::1", "unique_local"],
    ["100.64.0.1", "carrier_grade_nat"],
    ["100.127.255.254", "carrier_grade_nat"],
    ["0.0.0.0", "unspecified"],
    ["::", "unspecified"],
    ["224.0.0.1", "multicast"],
    ["ff02::1", "multicast"],
    ["255.255.255.255", "broadcast"],
    ["169.254.169.254", "metadata"],
    ["fd00:ec2::254", "metadata"],
    ["::ffff:127.0.0.1", "loopback"],
    ["::ffff:10.0.0.1", "private"],
    ["::ffff:169.254.169.254", "metadata"],
    ["[::1]", "loopback"],
    ["2002:7f00:1::1", "reserved"],
    ["192.0.2.10", "reserved"],
    ["not-an-address", "invalid_address"],
  ])("refuses %s as %s", (address, reason) => {
    expect(refusalFor(address)).toBe(reason);
  });

  it.each(["8.8.8.8", "1.1.1.1", "172.32.0.1", "100.128.0.1", "2606:4700:4700::1111", "::ffff:8.8.8.8"])("lets public %s through", (address) => {
    expect(refusalFor(address)).toBeNull();
  });

  it("finds a refusal wrapped in the causes of a client's error", () => {
    const refusal = new OutboundRefused("private", "10.0.0.1");
    const wrapped = new Error("Connection error.", { cause: new TypeError("fetch failed", { cause: refusal }) });
    expect(findRefusal(wrapped)).toBe(refusal);
    expect(findRefusal(new Error("other"))).toBeNull();
    expect(refusal.message).toBe("Refused to connect to 10.0.0.1: private address");
  });
});

describe("allowed hosts", () => {
  const allowed = parseAllowedHosts(" ollama.lan , 127.0.0.1:11434,[::1]:8000, fd00::5 ,VLLM.internal:80,");

  it("reads hosts with and without ports, IPv6 in brackets or bare", () => {
    expect(allowed).toEqual([
      { host: "ollama.lan", port: null },
      { host: "127.0.0.1", port: 11434 },
      { host: "::1", port: 8000 },
      { host: "fd00::5", port: null },
      { host: "vllm.internal", port: 80 },
    ]);
  });

  it("matches the host as written and the port when one is given", () => {
    expect(isAllowedHost(allowed, "ollama.lan", 443)).toBe(true);
    expect(isAllowedHost(allowed, "OLLAMA.lan", 80)).toBe(true);
    expect(isAllowedHost(allowed, "127.0.0.1", 11434)).toBe(true);
    expect(isAllowedHost(allowed, "127.0.0.1", 11435)).toBe(false);
    expect(isAllowedHost(allowed, "[::1]", 8000)).toBe(true);
    expect(isAllowedHost(allowed, "vllm.internal", 8080)).toBe(false);
    expect(isAllowedHost(allowed, "sub.ollama.lan", 80)).toBe(false);
    expect(isAllowedHost([], "127.0.0.1", 80)).toBe(false);
  });
});
