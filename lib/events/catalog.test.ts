import { describe, expect, it } from "vitest";
import { z } from "zod";
import {
  eventGroups,
  eventTypeKeys,
  eventTypes,
  eventTypesInGroup,
  findToken,
  getEventType,
  isEventTypeKey,
  tokensBySection,
  type EventTypeKey,
} from "@/lib/events/catalog";
import { matchesTokenType } from "@/lib/events/matches-token-type";
import { sampleData } from "@/lib/events/sample-data";

// Copied verbatim from seeds/000_6285f75cd399071e.txt (LiveHelpNow Eventing API).
const seedCustomerData = [
  "Country",
  "Custom info feed (value 1)",
  "Custom info feed (value 2)",
  "Custom info feed (value 3)",
  "Customer language",
  "Date of last visit, if any",
  "Department ID",
  "Host Name",
  "IP Address",
  "ISP Company Name",
  "Keywords used if referrer is a search engine",
  "Number of pages visited",
  "Operator notes",
  "Referrer URL",
  "Visitor current page",
  "Visitor entry page",
  "Visitor ID",
  "Visitor referral source",
];

const seedBrowserData = [
  "Browser Name",
  "Browser platform",
  "Browser Version",
  "Java enabled",
  "Screen resolution",
];

const seedChatOpened = [
  "Chat session unique ID",
  "Chat window ID",
  "Customer email",
  "Pre-chat form values (Field 1)",
  "Pre-chat form values (Field 2)",
  "Pre-chat form values (Field 3)",
  "Pre-chat form values (Field 4)",
  "Customer first name",
  "Customer last name",
  "Customer full name",
];

const seedChatAssigned = [
  "Chat session unique ID",
  "Chat window ID",
  "Chatting Operator Email",
  "Chatting Operator ID",
  "Chatting Operator Username",
  "Custom ID",
  "Customer email",
  "HubSpot ID",
  "Phone ID",
  "Pre-chat form values (Field 1)",
  "Pre-chat form values (Field 2)",
  "Pre-chat form values (Field 3)",
  "Pre-chat form values (Field 4)",
  "SalesForce ID",
  "Customer first name",
  "Customer last name",
  "Customer full name",
];

const seedChatClosed = [
  "Chat session unique ID",
  "Chat transcript URL",
  "Chat window ID",
  "Chatting Operator Email",
  "Chatting Operator ID",
  "Chatting Operator Username",
  "Custom ID",
  "Custom Identifier 1",
  "Custom Identifier 10",
  "Custom Identifier 2",
  "Custom Identifier 3",
  "Custom Identifier 4",
  "Custom Identifier 5",
  "Custom Identifier 6",
  "Custom Identifier 7",
  "Custom Identifier 8",
  "Custom Identifier 9",
  "Customer chat transcript",
  "Customer email",
  "HubSpot ID",
  "Phone ID",
  "Pre-chat form values (Field 1)",
  "Pre-chat form values (Field 2)",
  "Pre-chat form values (Field 3)",
  "Pre-chat form values (Field 4)",
  "SalesForce ID",
  "Customer first name",
  "Customer last name",
  "Customer full name",
  "Chat start time",
  "Chat end time",
];

const seedLists: Record<"chat.opened" | "chat.assigned" | "chat.closed", string[]> = {
  "chat.opened": seedChatOpened,
  "chat.assigned": seedChatAssigned,
  "chat.closed": seedChatClosed,
};

const labelsOf = (key: EventTypeKey) =>
  tokensBySection(key).map((s) => ({
    section: s.key,
    label: s.label,
    labels: s.tokens.map((t) => t.label),
  }));

describe("catalog", () => {
  it.each(Object.entries(seedLists))(
    "%s offers exactly the seed's tokens, in the seed's order",
    (key, chat) => {
      expect(labelsOf(key as EventTypeKey)).toEqual([
        { section: "customer", label: "Customer Data", labels: seedCustomerData },
        { section: "browser", label: "Browser Data", labels: seedBrowserData },
        { section: "chat", label: "Chat Data", labels: chat },
      ]);
    },
  );

  it("keeps stable snake_case keys for the seed tokens", () => {
    const closed = getEventType("chat.closed");
    const path = (label: string) => closed.tokens.find((t) => t.label === label)?.path;
    expect(path("Country")).toBe("customer.country");
    expect(path("IP Address")).toBe("customer.ip_address");
    expect(path("Browser Name")).toBe("browser.name");
    expect(path("Chat session unique ID")).toBe("chat.session_id");
    expect(path("Customer email")).toBe("chat.customer_email");
    expect(path("Customer chat transcript")).toBe("chat.transcript");
    expect(path("Chat transcript URL")).toBe("chat.transcript_url");
    expect(path("Custom Identifier 1")).toBe("chat.custom_identifier_1");
    expect(path("Custom Identifier 10")).toBe("chat.custom_identifier_10");
    expect(path("Chat start time")).toBe("chat.started_at");
    expect(path("Chat end time")).toBe("chat.ended_at");
    expect(path("Chatting Operator Email")).toBe("chat.operator_email");
    expect(path("Pre-chat form values (Field 1)")).toBe("chat.prechat_field_1");
    expect(path("Customer first name")).toBe("chat.customer_first_name");
  });

  it("gives only Chat Closed the transcript, custom identifiers and start/end times", () => {
    const closedOnly = [
      "chat.transcript",
      "chat.transcript_url",
      ...Array.from({ length: 10 }, (_, i) => `chat.custom_identifier_${i + 1}`),
    ];
    for (const path of closedOnly) {
      const owners = eventTypes
        .filter((t) => t.tokens.some((token) => token.path === path))
        .map((t) => t.key);
      expect(owners, path).toEqual(["chat.closed"]);
    }
    for (const path of ["chat.started_at", "chat.ended_at"]) {
      expect(findToken("chat.closed", path)).toBeDefined();
      expect(findToken("chat.opened", path)).toBeUndefined();
      expect(findToken("chat.assigned", path)).toBeUndefined();
    }
  });

  it("adds the operator and CRM ids to Chat Assigned and Chat Closed only", () => {
    const added = [
      "operator_email",
      "operator_id",
      "operator_username",
      "custom_id",
      "hubspot_id",
      "phone_id",
      "salesforce_id",
    ];
    for (const key of added) {
      expect(findToken("chat.opened", `chat.${key}`)).toBeUndefined();
      expect(findToken("chat.assigned", `chat.${key}`)).toBeDefined();
      expect(findToken("chat.closed", `chat.${key}`)).toBeDefined();
    }
  });

  it.each(eventTypeKeys)(
    "%s: unique snake_case keys, path = section.key, samples match their types",
    (key) => {
      const type = getEventType(key);
      const paths = type.tokens.map((t) => t.path);
      expect(new Set(paths).size).toBe(paths.length);
      expect(type.tokens.length).toBeGreaterThan(0);
      for (const token of type.tokens) {
        expect(token.key).toMatch(/^[a-z][a-z0-9]*(?:_[a-z0-9]+)*$/);
        expect(token.path).toBe(`${token.section}.${token.key}`);
        expect(matchesTokenType(token.type, token.sample), `${token.path} (${token.type})`).toBe(
          true,
        );
      }
    },
  );

  it("has realistic samples of the notable kinds", () => {
    const transcript = findToken("chat.closed", "chat.transcript")?.sample;
    expect(typeof transcript === "string" && transcript.split("\n").length).toBeGreaterThan(3);
    expect(findToken("chat.closed", "browser.java_enabled")?.sample).toBe(false);
    expect(findToken("chat.closed", "customer.pages_visited")?.sample).toBeTypeOf("number");
    expect(findToken("chat.tags_changed", "chat.tags")?.type).toBe("array");
    expect(findToken("chat.tags_changed", "visitor.custom_variables")?.sample).toEqual([
      { key: "Customer ID", value: "POQ51023XZA" },
      { key: "Plan", value: "Business" },
    ]);
  });

  it("lists groups and types consistently", () => {
    expect(eventGroups.map((g) => [g.key, g.label])).toEqual([
      ["chat", "Chat"],
      ["offline_message", "Offline message"],
      ["visitor", "Visitor"],
      ["ticket", "Ticket"],
    ]);
    expect(eventTypes.map((t) => t.key)).toEqual([...eventTypeKeys]);
    expect(eventTypes.map((t) => t.label)).toEqual([
      "Chat Opened",
      "Chat Assigned",
      "Chat Closed",
      "Chat Tags Changed",
      "Chat Not Assigned in Time",
      "Offline Message",
      "Offline Message Answered",
      "Offline Message Not Answered in Time",
      "Visitor Queued",
      "Ticket Created",
    ]);
    expect(eventTypesInGroup("chat").map((t) => t.key)).toEqual([
      "chat.opened",
      "chat.assigned",
      "chat.closed",
      "chat.tags_changed",
      "chat.not_assigned",
    ]);
    for (const group of eventGroups) expect(eventTypesInGroup(group.key).length).toBeGreaterThan(0);
    expect(z.enum(eventTypeKeys).parse("chat.closed")).toBe("chat.closed");
    expect(isEventTypeKey("chat.closed")).toBe(true);
    expect(isEventTypeKey("chat.deleted")).toBe(false);
    expect(isEventTypeKey(42)).toBe(false);
    expect(getEventType("nope")).toBeUndefined();
    expect(tokensBySection("nope")).toEqual([]);
    expect(findToken("chat.opened", "chat.nope")).toBeUndefined();
  });

  it("is frozen", () => {
    const token = findToken("chat.closed", "chat.transcript");
    expect(Object.isFrozen(token)).toBe(true);
    expect(Object.isFrozen(findToken("chat.tags_changed", "chat.tags")?.sample)).toBe(true);
  });
});

describe("sampleData", () => {
  it("builds section → key → sample from the catalog", () => {
    const data = sampleData("chat.closed");
    expect(Object.keys(data)).toEqual(["customer", "browser", "chat"]);
    expect(data.customer?.country).toBe("United States");
    expect(data.chat?.transcript).toBe(findToken("chat.closed", "chat.transcript")?.sample);
    expect(Object.keys(data.chat ?? {})).toHaveLength(31);
  });

  it("returns an editable copy", () => {
    const data = sampleData("chat.tags_changed");
    const tags = data.chat?.tags;
    expect(Array.isArray(tags)).toBe(true);
    if (Array.isArray(tags)) tags.push("extra");
    expect(findToken("chat.tags_changed", "chat.tags")?.sample).toEqual([
      "sales",
      "billing",
      "upgrade",
    ]);
  });
});
