import { afterEach } from "vitest";
import { setClock } from "@/lib/clock";

/** A controllable clock for time rules (ring timeout, first-call cap): no sleeping in tests. */
export function useFakeClock(start = new Date()) {
  let t = start.getTime();
  let restore: (() => void) | undefined = setClock(() => new Date(t));
  afterEach(() => {
    restore?.();
    restore = undefined;
  });
  return {
    advance(seconds: number) {
      t += seconds * 1000;
    },
    now: () => new Date(t),
  };
}
