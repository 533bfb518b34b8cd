// Dismissing a card hides that call in this tab only, hence sessionStorage. The in-memory set
// covers browsers that refuse storage (private modes, disabled cookies).
const PREFIX = "meetcute:dismissed-call:";
const memory = new Set<string>();

export function isCallDismissed(sessionId: string): boolean {
  if (memory.has(sessionId)) return true;
  try {
    return window.sessionStorage.getItem(PREFIX + sessionId) !== null;
  } catch {
    return false;
  }
}

export function dismissCall(sessionId: string): void {
  memory.add(sessionId);
  try {
    window.sessionStorage.setItem(PREFIX + sessionId, "1");
  } catch {
    // The in-memory set still hides it until the page reloads.
  }
}
