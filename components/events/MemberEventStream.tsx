"use client";

import { useMemberEventStream } from "@/lib/events/browser/member-events";

/** Opens the signed-in member's push channel for this tab. Mounted once, in the member layout. */
export function MemberEventStream() {
  useMemberEventStream();
  return null;
}
