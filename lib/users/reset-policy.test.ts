import { describe, expect, it } from "vitest";
import { projectAdminMayReset } from "./reset-policy";

const HERE = "project-here";
const active = (projectId: string) => ({ projectId, deactivatedAt: null });

describe("a project admin's reset links", () => {
  it("reach an account whose only membership is an active one in their project", () => {
    expect(projectAdminMayReset({ isInstanceAdmin: false, memberships: [active(HERE)] }, HERE)).toBe(true);
  });

  it("never reach an instance admin", () => {
    expect(projectAdminMayReset({ isInstanceAdmin: true, memberships: [active(HERE)] }, HERE)).toBe(false);
  });

  it("never reach an account of another project, even a deactivated membership there", () => {
    expect(projectAdminMayReset({ isInstanceAdmin: false, memberships: [active(HERE), active("elsewhere")] }, HERE)).toBe(false);
    expect(projectAdminMayReset({ isInstanceAdmin: false, memberships: [active(HERE), { projectId: "elsewhere", deactivatedAt: new Date() }] }, HERE)).toBe(
      false,
    );
    expect(projectAdminMayReset({ isInstanceAdmin: false, memberships: [active("elsewhere")] }, HERE)).toBe(false);
  });

  it("do not reach a member they deactivated", () => {
    expect(projectAdminMayReset({ isInstanceAdmin: false, memberships: [{ projectId: HERE, deactivatedAt: new Date() }] }, HERE)).toBe(false);
  });
});
