import type { JsonValue } from "@/lib/events/event-data";
import type { TokenType } from "@/lib/events/matches-token-type";

// A token before it is placed in a section: its key inside the section, label, type and sample.
export type TokenDefinition = {
  readonly key: string;
  readonly label: string;
  readonly type: TokenType;
  readonly sample: JsonValue;
};

const def = (key: string, label: string, type: TokenType, sample: JsonValue): TokenDefinition => ({
  key,
  label,
  type,
  sample,
});

const transcript = [
  "[14:02:11] Anna Lee: Hi Mary, thanks for reaching out! How can I help you today?",
  '[14:02:40] Mary Brown: Hi! I\'d like to upgrade to the annual plan, but checkout says "card declined".',
  "[14:03:05] Anna Lee: Sorry about that. The payment was flagged because the billing ZIP didn't match — could you try again with the ZIP on your card statement?",
  "[14:04:52] Mary Brown: That worked, thank you! 🙂",
  "[14:05:10] Anna Lee: You're welcome! Is there anything else I can help with?",
  "[14:05:31] Mary Brown: No, that's all. Have a great day!",
].join("\n");

const customIdentifiers = [
  "ORD-10482",
  "Premium",
  "EU-West",
  "Referral",
  "Q2-Promo",
  "Renewal",
  "Mobile",
  "Returning",
  "Newsletter",
  "VIP",
];

// LiveHelpNow "Customer Data", in the seed's order (shared by every chat event).
const customer: readonly TokenDefinition[] = [
  def("country", "Country", "string", "United States"),
  def("custom_info_feed_1", "Custom info feed (value 1)", "string", "Plan: Business"),
  def("custom_info_feed_2", "Custom info feed (value 2)", "string", "Account #48213"),
  def("custom_info_feed_3", "Custom info feed (value 3)", "string", "Renewal due 2024-07-01"),
  def("language", "Customer language", "string", "en-US"),
  def("last_visit_at", "Date of last visit, if any", "datetime", "2024-05-09T18:22:41Z"),
  def("department_id", "Department ID", "string", "4"),
  def("host_name", "Host Name", "string", "c-73-61-114-20.hsd1.ma.comcast.net"),
  def("ip_address", "IP Address", "ip", "73.61.114.20"),
  def("isp_name", "ISP Company Name", "string", "Comcast Cable Communications, LLC"),
  def(
    "search_keywords",
    "Keywords used if referrer is a search engine",
    "string",
    "live chat pricing",
  ),
  def("pages_visited", "Number of pages visited", "number", 6),
  def(
    "operator_notes",
    "Operator notes",
    "string",
    "Returning customer, asked about annual billing last week.",
  ),
  def("referrer_url", "Referrer URL", "url", "https://www.google.com/search?q=live+chat+pricing"),
  def("current_page_url", "Visitor current page", "url", "https://www.example.com/pricing"),
  def("entry_page_url", "Visitor entry page", "url", "https://www.example.com/"),
  def("visitor_id", "Visitor ID", "string", "V-8F3A2C91"),
  def("referral_source", "Visitor referral source", "string", "Google (organic search)"),
];

// LiveHelpNow "Browser Data".
const browser: readonly TokenDefinition[] = [
  def("name", "Browser Name", "string", "Chrome"),
  def("platform", "Browser platform", "string", "Windows 10"),
  def("version", "Browser Version", "string", "124.0.6367.119"),
  def("java_enabled", "Java enabled", "boolean", false),
  def("screen_resolution", "Screen resolution", "string", "1920x1080"),
];

// Every "Chat Data" token by key; each chat event type picks its own list from these.
const chat: Readonly<Record<string, TokenDefinition>> = Object.fromEntries(
  [
    def("session_id", "Chat session unique ID", "string", "CS-20240514-7F3K9Q"),
    def(
      "transcript_url",
      "Chat transcript URL",
      "url",
      "https://chat.example.com/transcripts/CS-20240514-7F3K9Q",
    ),
    def("window_id", "Chat window ID", "string", "W-4821"),
    def("operator_email", "Chatting Operator Email", "email", "anna.lee@example.com"),
    def("operator_id", "Chatting Operator ID", "string", "OP-1187"),
    def("operator_username", "Chatting Operator Username", "string", "anna.lee"),
    def("custom_id", "Custom ID", "string", "CRM-55012"),
    ...customIdentifiers.map((sample, i) =>
      def(`custom_identifier_${i + 1}`, `Custom Identifier ${i + 1}`, "string", sample),
    ),
    def("transcript", "Customer chat transcript", "string", transcript),
    def("customer_email", "Customer email", "email", "mary.brown@example.com"),
    def("hubspot_id", "HubSpot ID", "string", "51234987"),
    def("phone_id", "Phone ID", "string", "PH-20931"),
    def("prechat_field_1", "Pre-chat form values (Field 1)", "string", "Mary Brown"),
    def("prechat_field_2", "Pre-chat form values (Field 2)", "string", "mary.brown@example.com"),
    def("prechat_field_3", "Pre-chat form values (Field 3)", "string", "Billing"),
    def(
      "prechat_field_4",
      "Pre-chat form values (Field 4)",
      "string",
      "I can't complete checkout for the annual plan.",
    ),
    def("salesforce_id", "SalesForce ID", "string", "0035g00000XyZ12AAB"),
    def("customer_first_name", "Customer first name", "string", "Mary"),
    def("customer_last_name", "Customer last name", "string", "Brown"),
    def("customer_full_name", "Customer full name", "string", "Mary Brown"),
    def("started_at", "Chat start time", "datetime", "2024-05-14T14:02:03Z"),
    def("ended_at", "Chat end time", "datetime", "2024-05-14T14:05:44Z"),
    // Not in the LiveHelpNow lists: LiveChat's chat_changed data (Chat Tags Changed only).
    def("tags", "Chat tags", "array", ["sales", "billing", "upgrade"]),
    def("added_tags", "Tags added", "array", ["upgrade"]),
    def("removed_tags", "Tags removed", "array", ["support"]),
  ].map((token) => [token.key, token]),
);

// LiveChat "visitor" data type, plus what a queue consumer needs.
const visitor: Readonly<Record<string, TokenDefinition>> = Object.fromEntries(
  [
    def("id", "Visitor ID", "string", "S1354547427.0c151b0e1b"),
    def("name", "Visitor name", "string", "Mary Brown"),
    def("email", "Visitor email", "email", "mary.brown@example.com"),
    def("custom_variables", "Custom variables", "array", [
      { key: "Customer ID", value: "POQ51023XZA" },
      { key: "Plan", value: "Business" },
    ]),
    def("ip_address", "Visitor IP address", "ip", "73.61.114.20"),
    def("country", "Visitor country", "string", "United States"),
    def("current_page_url", "Visitor current page", "url", "https://www.example.com/pricing"),
    def("department_id", "Department ID", "string", "4"),
    def("queue_position", "Position in queue", "number", 3),
    def("queued_at", "Queued at", "datetime", "2024-05-14T14:01:37Z"),
  ].map((token) => [token.key, token]),
);

// LiveChat "pre_chat_survey" data type, as one array of answered fields.
const preChatSurvey: readonly TokenDefinition[] = [
  def("responses", "Pre-chat survey answers", "array", [
    { id: "135963440121804757", type: "name", label: "Your name", answer: "Mary Brown" },
    {
      id: "135963440121802531",
      type: "email",
      label: "Your e-mail",
      answer: "mary.brown@example.com",
    },
    {
      id: "135963613764705707",
      type: "checkbox",
      label: "What are your favourite music bands?",
      answers: [
        { label: "Deep Purple", chosen: true },
        { label: "Iron Maiden", chosen: false },
        { label: "Guns N' Roses", chosen: true },
      ],
    },
  ]),
];

// LiveChat "ticket" data type, flattened where a field is a single value.
const ticket: readonly TokenDefinition[] = [
  def("id", "Ticket ID", "string", "CCWWM"),
  def("subject", "Subject", "string", "Refund for a duplicate charge"),
  def("status", "Status", "string", "open"),
  def("requester_name", "Requester name", "string", "Mary Brown"),
  def("requester_email", "Requester email", "email", "mary.brown@example.com"),
  def("assignee_id", "Assignee ID", "string", "agent.gregory@example.com"),
  def("assignee_name", "Assignee name", "string", "Gregory"),
  def("groups", "Groups", "array", [
    { id: 0, name: "All operators" },
    { id: 2, name: "Billing" },
  ]),
  def("tags", "Tags", "array", ["billing", "refund"]),
  def(
    "first_message",
    "First message",
    "string",
    "Hello,\nI was charged twice for my May invoice (#INV-2024-0517).\nCould you refund the duplicate payment?\n\nThanks, Mary",
  ),
  def("source", "Source", "object", { type: "lc2", url: null, id: "NO4Y5FAERW" }),
  def("url", "Ticket URL", "url", "https://support.example.com/tickets/CCWWM"),
  def("created_at", "Created at", "datetime", "2024-05-14T16:45:12Z"),
];

// A message left while no operator was available.
const offlineMessage: readonly TokenDefinition[] = [
  def("id", "Offline message ID", "string", "OM-30417"),
  def("customer_name", "Customer name", "string", "Mary Brown"),
  def("customer_email", "Customer email", "email", "mary.brown@example.com"),
  def("customer_phone", "Customer phone", "string", "+1 617 555 0142"),
  def("department", "Department", "string", "Billing"),
  def(
    "message",
    "Message",
    "string",
    "Hi,\nI tried to reach you after hours about upgrading to the annual plan.\nPlease call me back tomorrow morning — thanks!",
  ),
  def("page_url", "Page URL", "url", "https://www.example.com/pricing"),
  def("created_at", "Sent at", "datetime", "2024-05-14T22:17:05Z"),
];

// What offline_message.answered adds to the message: who answered it, when, and how.
const offlineAnswer: readonly TokenDefinition[] = [
  def("answered_at", "Answered at", "datetime", "2024-05-15T08:42:10Z"),
  def("operator_email", "Operator email", "email", "anna.lee@example.com"),
  def("operator_name", "Operator name", "string", "Anna Lee"),
  def(
    "reply",
    "Reply",
    "string",
    "Hi Mary, thanks for your message! I have switched you to the annual plan.",
  ),
];

// The token definitions every event type is assembled from.
export const catalogTokens = {
  customer,
  browser,
  chat,
  visitor,
  preChatSurvey,
  ticket,
  offlineMessage,
  offlineAnswer,
};
