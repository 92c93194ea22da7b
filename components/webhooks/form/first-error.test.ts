import { describe, expect, it } from "vitest";
import { errorPaths, errorSummary } from "@/components/webhooks/form/first-error";

describe("the error summary", () => {
  it("lists every failing field by path and names their sections in page order", () => {
    const errors = {
      payloadTemplate: { type: "fields", message: "1 payload field needs fixing." },
      headers: [undefined, { name: { type: "custom", message: "Bad name" } }],
      url: { type: "invalid", message: "Enter a URL." },
      authUsername: { type: "custom", message: "Enter the user name." },
    };
    const paths = errorPaths(errors as never);
    expect(paths).toEqual(["payloadTemplate", "headers.1.name", "url", "authUsername"]);
    expect(errorSummary(paths)).toEqual({
      count: 4,
      sections: ["URL", "Headers", "Payload", "Authentication"],
    });
  });
});
