import ipaddr from "ipaddr.js";

// Which addresses an outbound request may connect to: public unicast only. Everything a server
// can reach that the internet cannot (loopback, private networks, link-local, cloud metadata)
// is refused, with a reason code the caller can show. IPv4-mapped IPv6 (::ffff:10.0.0.1) is
// judged as the IPv4 address it carries.

export type RefusalReason =
  | "loopback"
  | "private"
  | "link_local"
  | "unique_local"
  | "carrier_grade_nat"
  | "unspecified"
  | "multicast"
  | "broadcast"
  | "metadata"
  | "reserved"
  | "invalid_address"
  | "redirect";

// Cloud instance metadata endpoints, named apart from the ranges they sit in because they hold credentials.
const METADATA = new Set(["169.254.169.254", "fd00:ec2::254", "169.254.170.2", "100.100.100.200"]);

const REASON_OF_RANGE: Record<string, RefusalReason> = {
  loopback: "loopback",
  private: "private",
  linkLocal: "link_local",
  uniqueLocal: "unique_local",
  carrierGradeNat: "carrier_grade_nat",
  unspecified: "unspecified",
  multicast: "multicast",
  broadcast: "broadcast",
};

/** Why an address may not be connected to, or null when it is public unicast. */
export function refusalFor(address: string): RefusalReason | null {
  const bare = address.replace(/^\[|\]$/g, "").replace(/%.*$/, "");
  if (!ipaddr.isValid(bare)) return "invalid_address";
  // process() turns an IPv4-mapped IPv6 address into the IPv4 address it carries.
  const ip = ipaddr.process(bare);
  if (METADATA.has(ip.toNormalizedString()) || METADATA.has(ip.toString())) return "metadata";
  const range = ip.range();
  if (range === "unicast") return null;
  // Other special ranges (documentation, 6to4, Teredo, NAT64, benchmarking…) can hide or
  // translate to an address of the kinds above: refused as reserved.
  return REASON_OF_RANGE[range] ?? "reserved";
}

/** An outbound request refused by the policy, with its reason and the address or host concerned. */
export class OutboundRefused extends Error {
  readonly code = "outbound_refused";

  constructor(
    readonly reason: RefusalReason,
    readonly target: string,
  ) {
    super(reason === "redirect" ? `Refused to follow a redirect to ${target}` : `Refused to connect to ${target}: ${reason.replace(/_/g, " ")} address`);
    this.name = "OutboundRefused";
  }
}

/** The refusal anywhere in an error's chain of causes (clients wrap what their fetch threw). */
export function findRefusal(error: unknown): OutboundRefused | null {
  for (let e = error, depth = 0; e && depth < 8; e = (e as { cause?: unknown }).cause, depth++) {
    if (e instanceof OutboundRefused) return e;
  }
  return null;
}
