import { describe, expect, it } from "vitest";
import { actionLabel } from "./labels";
import { SECURITY_ACTIONS } from "../auth/security-audit";

describe("audit action labels", () => {
  it("gives every sign-in security event words of its own", () => {
    for (const action of Object.values(SECURITY_ACTIONS)) {
      expect(actionLabel(action), action).not.toContain("_");
      expect(actionLabel(action), action).not.toContain(".");
    }
    expect(actionLabel("auth.sign_in_failed")).toBe("Sign-in failed");
  });

  it("reads other actions as subject and verb", () => {
    expect(actionLabel("template.update")).toBe("Template: update");
    expect(actionLabel("platform_account.needs_reconnect")).toBe("Platform account: needs reconnect");
    expect(actionLabel("odd")).toBe("odd");
  });
});
