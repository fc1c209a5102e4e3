import { describe, expect, it } from "vitest";
import { AppError } from "@/lib/errors";
import { API_KEY_SCOPES, ROLE_SCOPES, ROLES, SCOPES, assertCan, can, scopesForKey, scopesForRole } from "./scopes";

const WRITE_SUFFIXES = [":write", ":delete", ":manage", ":label", ":run"];

describe("role → scope matrix", () => {
  it("gives an admin every scope", () => {
    expect([...scopesForRole("ADMIN")].sort()).toEqual([...SCOPES].sort());
  });

  it("lets an expert only see the project and label queues", () => {
    expect([...scopesForRole("EXPERT")].sort()).toEqual(["project:read", "queues:label"]);
  });

  it("lets a viewer write nothing", () => {
    const writes = [...scopesForRole("VIEWER")].filter((s) => WRITE_SUFFIXES.some((suffix) => s.endsWith(suffix)));
    expect(writes).toEqual([]);
    expect(can({ scopes: scopesForRole("VIEWER") }, "traces:read")).toBe(true);
  });

  it("keeps member and key management to admins", () => {
    for (const role of ROLES.filter((r) => r !== "ADMIN")) {
      for (const scope of ["members:manage", "apikeys:manage", "settings:manage", "rubrics:manage"] as const) {
        expect(ROLE_SCOPES[role], `${role} ${scope}`).not.toContain(scope);
      }
    }
  });

  it("lets admins and engineers adjudicate, and no expert, viewer or API key by scope", () => {
    expect(ROLES.filter((role) => ROLE_SCOPES[role].includes("queues:adjudicate"))).toEqual(["ADMIN", "ENGINEER"]);
    for (const key of ["INGEST", "FULL", "ADMIN"] as const) expect(can({ scopes: scopesForKey(key) }, "queues:adjudicate"), key).toBe(false);
  });

  it("lets only admins delete a dataset, and no API key", () => {
    expect(ROLES.filter((role) => ROLE_SCOPES[role].includes("datasets:delete"))).toEqual(["ADMIN"]);
    for (const key of ["INGEST", "FULL", "ADMIN"] as const) expect(can({ scopes: scopesForKey(key) }, "datasets:delete"), key).toBe(false);
  });

  it("lets only admins manage model connections, and no API key", () => {
    expect(ROLES.filter((role) => ROLE_SCOPES[role].includes("connections:manage"))).toEqual(["ADMIN"]);
    for (const key of ["INGEST", "FULL", "ADMIN"] as const) expect(can({ scopes: scopesForKey(key) }, "connections:manage"), key).toBe(false);
  });

  it("lets admins, engineers and FULL keys manage and run judges, viewers read them, experts and INGEST keys nothing", () => {
    for (const scope of ["judges:manage", "judges:run"] as const) {
      expect(
        ROLES.filter((role) => ROLE_SCOPES[role].includes(scope)),
        scope,
      ).toEqual(["ADMIN", "ENGINEER"]);
      expect(
        (["INGEST", "FULL", "ADMIN"] as const).filter((key) => can({ scopes: scopesForKey(key) }, scope)),
        scope,
      ).toEqual(["FULL", "ADMIN"]);
    }
    expect(ROLES.filter((role) => ROLE_SCOPES[role].includes("judges:read"))).toEqual(["ADMIN", "ENGINEER", "VIEWER"]);
    expect(can({ scopes: scopesForKey("INGEST") }, "judges:read")).toBe(false);
  });

  it("names only known scopes", () => {
    const known = new Set<string>(SCOPES);
    for (const scopes of [...Object.values(ROLE_SCOPES), ...Object.values(API_KEY_SCOPES)]) {
      for (const s of scopes) expect(known.has(s), s).toBe(true);
    }
  });
});

describe("API key scopes", () => {
  it("lets an INGEST key write traces and scores and nothing else", () => {
    expect([...scopesForKey("INGEST")].sort()).toEqual(["scores:write", "traces:write"]);
  });

  it("gives a FULL key what an engineer has, except adjudicating", () => {
    expect([...scopesForKey("FULL")].sort()).toEqual([...scopesForRole("ENGINEER")].filter((s) => s !== "queues:adjudicate").sort());
  });
});

describe("assertCan", () => {
  it("throws forbidden naming the missing permission", () => {
    const grants = { scopes: scopesForRole("EXPERT") };
    let caught: unknown;
    try {
      assertCan(grants, "traces:read");
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(AppError);
    expect((caught as AppError).code).toBe("forbidden");
    expect((caught as AppError).status).toBe(403);
    expect((caught as AppError).message).toContain("traces:read");
  });

  it("passes when the scope is granted", () => {
    const grants = { scopes: scopesForRole("EXPERT") };
    expect(() => assertCan(grants, "queues:label")).not.toThrow();
    expect(can(grants, "queues:label")).toBe(true);
  });
});
