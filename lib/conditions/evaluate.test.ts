import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { meetsConditions, ruleHolds } from "@/lib/conditions/evaluate";
import { operators, type Rule } from "@/lib/conditions/schemas";

const data = {
  chat: {
    department_id: "4",
    customer_email: "Mary@Example.com",
    rating: 3,
    tags: ["vip", "billing"],
    ended_at: "2026-11-22T10:00:00Z",
    notes: "",
  },
};
const holds = (token: string, operator: Rule["operator"], value = "") =>
  ruleHolds({ token, operator, value }, data);

describe("ruleHolds", () => {
  it("compares text ignoring case and surrounding spaces", () => {
    expect(holds("chat.customer_email", "equals", " mary@example.com ")).toBe(true);
    expect(holds("chat.customer_email", "not_equals", "bob@example.com")).toBe(true);
    expect(holds("chat.customer_email", "contains", "@EXAMPLE")).toBe(true);
    expect(holds("chat.customer_email", "not_contains", "example")).toBe(false);
  });

  it("treats missing, null and blank values as empty", () => {
    expect(holds("chat.notes", "is_empty")).toBe(true);
    expect(holds("chat.nothing_here", "is_empty")).toBe(true);
    expect(holds("chat.department_id", "is_not_empty")).toBe(true);
  });

  it("orders numbers as numbers and dates as dates, and nothing else", () => {
    expect(holds("chat.rating", "greater_than", "2")).toBe(true);
    expect(holds("chat.rating", "less_than", "10")).toBe(true); // not "3" > "10" as text
    expect(holds("chat.ended_at", "greater_than", "2026-11-01")).toBe(true);
    expect(holds("chat.customer_email", "greater_than", "a")).toBe(false);
    expect(holds("chat.notes", "less_than", "5")).toBe(false);
  });

  it("matches one of a comma-separated list", () => {
    expect(holds("chat.department_id", "one_of", "2, 4,7")).toBe(true);
    expect(holds("chat.department_id", "one_of", "2,7")).toBe(false);
  });

  it("compares arrays and objects as their JSON text", () => {
    expect(holds("chat.tags", "contains", "vip")).toBe(true);
    expect(holds("chat.tags.1", "equals", "billing")).toBe(true);
  });
});

describe("meetsConditions", () => {
  const rule = (value: string): Rule => ({
    token: "chat.department_id",
    operator: "equals",
    value,
  });

  it("fires for everything without conditions", () => {
    expect(meetsConditions([], data)).toBe(true);
  });

  it("needs every rule of a group, and any one group", () => {
    const vip = { token: "chat.tags", operator: "contains", value: "vip" } as const;
    expect(meetsConditions([{ rules: [rule("4"), vip] }], data)).toBe(true);
    expect(meetsConditions([{ rules: [rule("5"), vip] }], data)).toBe(false);
    expect(meetsConditions([{ rules: [rule("5")] }, { rules: [vip] }], data)).toBe(true);
    expect(meetsConditions([{ rules: [rule("5")] }, { rules: [rule("6")] }], data)).toBe(false);
  });

  it("answers true or false for any value and data, and never throws", () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...operators),
        fc.string({ maxLength: 1000 }),
        fc.jsonValue({ maxDepth: 3 }),
        (operator, value, chat) => {
          const start = performance.now();
          meetsConditions([{ rules: [{ token: "chat.x", operator, value }] }], {
            chat: { x: chat as never },
          });
          expect(performance.now() - start).toBeLessThan(50);
        },
      ),
    );
  });
});
