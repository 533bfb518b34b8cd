// Dismissing a card hides that call in this tab only, hence sessionStorage. The in-memory set is
// for browsers that refuse storage (private modes, disabled cookies) and only for them, so the
// tab's storage stays the one record wherever it works (clearing it shows the calls again).
const PREFIX = "meetcute:dismissed-call:";
const memory = new Set<string>();

export function isCallDismissed(sessionId: string): boolean {
  try {
    return window.sessionStorage.getItem(PREFIX + sessionId) !== null || memory.has(sessionId);
  } catch {
    return memory.has(sessionId);
  }
}

export function dismissCall(sessionId: string): void {
  try {
    window.sessionStorage.setItem(PREFIX + sessionId, "1");
  } catch {
    // The in-memory set hides it until the page reloads.
    memory.add(sessionId);
  }
}
