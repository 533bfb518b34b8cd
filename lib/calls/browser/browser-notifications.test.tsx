import { act, render, screen } from "@testing-library/react";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { useNotificationPermission } from "@/lib/calls/browser/browser-notifications";

// The permission hook reads `Notification.permission` once while subscribed, not on every render,
// and reads it again on each way it can change. jsdom has no Notification: a stand-in counts reads.

let permission: NotificationPermission = "default";
let reads = 0;

function Shown({ tick }: { tick: number }) {
  const [p] = useNotificationPermission();
  return <p data-testid="permission" data-tick={tick}>{p}</p>;
}

beforeEach(() => {
  permission = "default";
  reads = 0;
  vi.stubGlobal("Notification", {
    get permission() {
      reads++;
      return permission;
    },
    requestPermission: async () => {
      permission = "granted";
      return permission;
    },
  });
});
afterEach(() => vi.unstubAllGlobals());

describe("useNotificationPermission", () => {
  it("reads the browser's permission once across renders, and again when it changes", () => {
    const { rerender, unmount } = render(<Shown tick={0} />);
    expect(screen.getByTestId("permission").textContent).toBe("default");
    const afterMount = reads;
    for (let tick = 1; tick <= 20; tick++) rerender(<Shown tick={tick} />);
    expect(reads).toBe(afterMount);

    // Our own request tells the hook.
    permission = "granted";
    act(() => void window.dispatchEvent(new Event("meetcute:notification-permission-change")));
    expect(screen.getByTestId("permission").textContent).toBe("granted");

    // Back from the browser's site settings: the page becoming visible reads it again.
    permission = "denied";
    act(() => void document.dispatchEvent(new Event("visibilitychange")));
    expect(screen.getByTestId("permission").textContent).toBe("denied");
    unmount();
  });
});
