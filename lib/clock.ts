// Time source for domain rules. Tests replace it to exercise timeouts without sleeping.
let nowFn: () => Date = () => new Date();

export function now(): Date {
  return nowFn();
}

/** For tests: fix or advance the clock. Returns a restore function. */
export function setClock(fn: () => Date): () => void {
  const prev = nowFn;
  nowFn = fn;
  return () => {
    nowFn = prev;
  };
}
