"use client";

import { json } from "@codemirror/lang-json";
import { xml } from "@codemirror/lang-xml";
import {
  Decoration,
  EditorView,
  MatchDecorator,
  ViewPlugin,
  type DecorationSet,
  type ViewUpdate,
} from "@codemirror/view";
import CodeMirror from "@uiw/react-codemirror";
import { useEffect, useMemo, useRef } from "react";
import type { PayloadFormat } from "@/lib/payload/render";
import { cn } from "@/lib/utils";

type Props = {
  value: string;
  onChange(value: string): void;
  /** The cursor's offset, reported as it moves (a clicked token is inserted there). */
  onCursor(offset: number): void;
  /** A clicked token's result: the whole text, the cursor after the token, and a new `seq` each time. */
  insertion?: { template: string; cursor: number; seq: number };
  format: PayloadFormat;
  /** Token paths the chosen event type offers; others are underlined as unknown. */
  knownTokens: ReadonlySet<string>;
  labelledBy: string;
  describedBy?: string;
  invalid?: boolean;
  readOnly?: boolean;
};

/** Marks every {{token}}: known ones as chips, unknown ones with a wavy red underline. */
function tokenMarks(known: ReadonlySet<string>) {
  const decorator = new MatchDecorator({
    regexp: /\{\{\s*([^{}]*?)\s*\}\}/g,
    decoration: (match) =>
      known.has(match[1] ?? "")
        ? Decoration.mark({ class: "cm-wh-token" })
        : Decoration.mark({
            class: "cm-wh-token-unknown",
            attributes: { title: `Unknown token: ${match[1]}` },
          }),
  });
  return ViewPlugin.fromClass(
    class {
      decorations: DecorationSet;
      constructor(view: EditorView) {
        this.decorations = decorator.createDeco(view);
      }
      update(update: ViewUpdate) {
        this.decorations = decorator.updateDeco(update, this.decorations);
      }
    },
    { decorations: (plugin) => plugin.decorations },
  );
}

const theme = EditorView.theme({
  "&": { fontSize: "13px", backgroundColor: "transparent" },
  ".cm-content": {
    fontFamily: "var(--font-geist-mono), ui-monospace, monospace",
    minHeight: "240px",
    padding: "10px 0",
  },
  ".cm-gutters": { backgroundColor: "transparent", borderRight: "1px solid var(--border)" },
  "&.cm-focused": { outline: "none" },
  ".cm-wh-token": {
    backgroundColor: "color-mix(in oklab, var(--primary) 12%, transparent)",
    borderRadius: "3px",
    color: "var(--primary)",
    fontWeight: 500,
  },
  ".cm-wh-token-unknown": {
    textDecoration: "underline wavy var(--destructive)",
    textUnderlineOffset: "3px",
    color: "var(--destructive)",
  },
});

/**
 * "Edit as text": the raw template editor, with syntax by format and token marks. Loaded only
 * when opened (next/dynamic), as CodeMirror is most of the form's JavaScript.
 */
export default function PayloadEditor({
  value,
  onChange,
  onCursor,
  insertion,
  format,
  knownTokens,
  labelledBy,
  describedBy,
  invalid,
  readOnly,
}: Props) {
  const view = useRef<EditorView | null>(null);
  // A clicked token: the new text, the cursor right after the token, and the focus back here.
  useEffect(() => {
    const v = view.current;
    if (!v || !insertion) return;
    v.dispatch({
      changes: { from: 0, to: v.state.doc.length, insert: insertion.template },
      selection: { anchor: Math.min(insertion.cursor, insertion.template.length) },
      scrollIntoView: true,
    });
    v.focus();
  }, [insertion]);

  const extensions = useMemo(
    () => [
      theme,
      EditorView.lineWrapping,
      EditorView.contentAttributes.of({
        "aria-labelledby": labelledBy,
        ...(describedBy && { "aria-describedby": describedBy }),
        "aria-invalid": invalid ? "true" : "false",
        "aria-multiline": "true",
        role: "textbox",
      }),
      tokenMarks(knownTokens),
      EditorView.updateListener.of((update) => {
        if (update.selectionSet || update.docChanged) onCursor(update.state.selection.main.head);
      }),
      ...(format === "JSON" ? [json()] : format === "XML" ? [xml()] : []),
    ],
    [format, knownTokens, labelledBy, describedBy, invalid, onCursor],
  );

  return (
    <div
      className={cn(
        "border-input bg-background focus-within:border-ring focus-within:ring-ring/30 overflow-hidden rounded-md border shadow-xs focus-within:ring-[3px]",
        invalid && "border-destructive focus-within:ring-destructive/20",
      )}
    >
      <CodeMirror
        value={value}
        onChange={onChange}
        onCreateEditor={(created) => {
          view.current = created;
        }}
        readOnly={readOnly}
        extensions={extensions}
        basicSetup={{
          foldGutter: false,
          highlightActiveLine: false,
          highlightActiveLineGutter: false,
        }}
        theme="light"
      />
    </div>
  );
}
