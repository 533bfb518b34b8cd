// jsdom (the components project): the tab's sessionStorage is the record of dismissed calls.
import { afterEach, describe, expect, it, vi } from "vitest";
import { dismissCall, isCallDismissed } from "@/lib/calls/browser/dismissed-calls";

describe("dismissed calls", () => {
  afterEach(() => {
    vi.restoreAllMocks();
    sessionStorage.clear();
  });

  it("are kept in the tab's sessionStorage, and only there where it works", () => {
    dismissCall("s-1");
    expect(isCallDismissed("s-1")).toBe(true);
    expect(isCallDismissed("s-2")).toBe(false);
    sessionStorage.clear();
    expect(isCallDismissed("s-1")).toBe(false);
  });

  it("are still hidden until the page reloads where storage refuses", () => {
    vi.spyOn(Storage.prototype, "setItem").mockImplementation(() => {
      throw new DOMException("denied", "SecurityError");
    });
    vi.spyOn(Storage.prototype, "getItem").mockImplementation(() => {
      throw new DOMException("denied", "SecurityError");
    });
    dismissCall("s-3");
    expect(isCallDismissed("s-3")).toBe(true);
    expect(isCallDismissed("s-4")).toBe(false);
  });
});
