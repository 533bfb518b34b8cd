import type { ReportReason } from "@/lib/generated/prisma/enums";

// The fixed list members choose from; shared by the report dialog, the API and the admin queue.
// Keys are the database enum, so a reason the schema doesn't know cannot be listed here.
export const REPORT_REASONS = {
  inappropriate_on_camera: "Inappropriate behaviour on camera",
  harassment: "Harassment",
  fake_profile: "Fake profile",
  underage: "Underage",
  spam: "Spam or scam",
  other: "Other",
} as const satisfies Record<ReportReason, string>;

export const REPORT_REASON_KEYS = Object.keys(REPORT_REASONS) as [ReportReason, ...ReportReason[]];

export const MAX_REPORT_DETAILS = 1000;
