import { describe, expect, it } from "vitest";
import { MEMBER_EVENT_TYPES, memberEventSchema, streamEventSchema } from "@/lib/events/types";

describe("member event types", () => {
  it("lists every event type the schemas know, and no other", () => {
    const types = (schema: ReturnType<typeof memberEventSchema> | ReturnType<typeof streamEventSchema>) => schema.options.map((o) => o.shape.type.value);
    expect([...MEMBER_EVENT_TYPES].sort()).toEqual(types(memberEventSchema()).sort());
    expect([...MEMBER_EVENT_TYPES].sort()).toEqual(types(streamEventSchema()).sort());
  });

  it("builds each schema once, on first use", () => {
    expect(memberEventSchema()).toBe(memberEventSchema());
    expect(streamEventSchema()).toBe(streamEventSchema());
  });
});
