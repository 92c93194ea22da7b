import { describe, expect, it } from "vitest";
import { conditionsInWords, ruleInWords, tokenPhrase } from "@/lib/conditions/describe";

describe("tokenPhrase", () => {
  it("puts the section's name before a label that does not say whose value it is", () => {
    expect(tokenPhrase("chat.closed", "customer.country")).toBe("Customer country");
    expect(tokenPhrase("chat.closed", "customer.ip_address")).toBe("Customer IP Address");
  });

  it("keeps a label that already names its owner", () => {
    expect(tokenPhrase("chat.closed", "customer.language")).toBe("Customer language");
    expect(tokenPhrase("chat.closed", "chat.customer_email")).toBe("Customer email");
    expect(tokenPhrase("chat.closed", "browser.name")).toBe("Browser Name");
  });

  it("knows the meta tokens, and shows an unknown path as it is", () => {
    expect(tokenPhrase("chat.closed", "webhook.name")).toBe("Webhook name");
    expect(tokenPhrase("chat.closed", "chat.no_such_thing")).toBe("chat.no_such_thing");
  });
});

describe("conditionsInWords", () => {
  it("says each rule with the operator's words and the value in quotes", () => {
    expect(
      ruleInWords("chat.closed", { token: "customer.country", operator: "equals", value: "DE" }),
    ).toBe("Customer country equals “DE”");
    expect(
      ruleInWords("chat.closed", {
        token: "chat.customer_email",
        operator: "is_not_empty",
        value: "",
      }),
    ).toBe("Customer email is not empty");
    expect(
      ruleInWords("chat.closed", {
        token: "customer.country",
        operator: "one_of",
        value: "DE, AT,CH",
      }),
    ).toBe("Customer country is one of “DE”, “AT”, “CH”");
  });

  it("joins a group's rules with 'and', one sentence per OR group", () => {
    expect(
      conditionsInWords("chat.closed", [
        {
          rules: [
            { token: "customer.country", operator: "equals", value: "DE" },
            { token: "customer.pages_visited", operator: "greater_than", value: "3" },
          ],
        },
        { rules: [{ token: "browser.name", operator: "contains", value: "Firefox" }] },
      ]),
    ).toEqual([
      "Customer country equals “DE” and Customer number of pages visited is greater than “3”",
      "Browser Name contains “Firefox”",
    ]);
    expect(conditionsInWords("chat.closed", [])).toEqual([]);
  });
});
