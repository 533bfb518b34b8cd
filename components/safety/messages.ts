// What a member is told after a safety action, the same wherever they took it (the match card's
// menu, the after-call check, a report link).
export const safetyMessages = {
  blocked: (otherName: string) => `${otherName} is blocked. You won't see each other again.`,
  unmatched: (otherName: string) => `You unmatched ${otherName}.`,
  reportedAndBlocked: (otherName: string) => `Thanks for telling us. ${otherName} is blocked and our team will review your report.`,
  reported: "Thanks for telling us. Our team will review your report.",
};
