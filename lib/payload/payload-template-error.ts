import { UserError } from "@/lib/errors";
import type { PayloadFormat } from "@/lib/payload/payload-format";
import { lineColumnAt } from "@/lib/payload/text-position";

// Where in the template a problem is: offsets for editor underlining, line/column for people.
export type TemplateLocation = { start: number; end: number; line: number; column: number };

// A template that can't be rendered (malformed JSON/XML/form). A UserError: the message is
// meant for the admin who wrote the template and is shown word for word.
export class PayloadTemplateError extends UserError {
  readonly format: PayloadFormat;
  readonly reason: string;
  readonly location: TemplateLocation | undefined;

  constructor(
    format: PayloadFormat,
    reason: string,
    template?: string,
    start?: number,
    end?: number,
  ) {
    const location =
      template !== undefined && start !== undefined
        ? { start, end: Math.max(end ?? start + 1, start), ...lineColumnAt(template, start) }
        : undefined;
    const where = location ? ` (line ${location.line}, column ${location.column})` : "";
    super(`Invalid ${format === "FORM" ? "form" : format} template${where}: ${reason}`);
    this.name = "PayloadTemplateError";
    this.format = format;
    this.reason = reason;
    this.location = location;
  }
}
