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
import CodeMirror, { type ReactCodeMirrorRef } from "@uiw/react-codemirror";
import { useImperativeHandle, useMemo, useRef, type Ref } from "react";
import type { PayloadFormat } from "@/lib/payload/render";
import { cn } from "@/lib/utils";

export type PayloadEditorHandle = { insert(text: string): void; replace(text: string): void };

type Props = {
  ref?: Ref<PayloadEditorHandle>;
  value: string;
  onChange(value: string): void;
  onBlur?(): void;
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

/** The payload template editor: syntax by format, token marks, insert at the cursor. */
export function PayloadEditor({
  ref,
  value,
  onChange,
  onBlur,
  format,
  knownTokens,
  labelledBy,
  describedBy,
  invalid,
  readOnly,
}: Props) {
  const editor = useRef<ReactCodeMirrorRef>(null);
  useImperativeHandle(ref, () => ({
    insert(text) {
      const view = editor.current?.view;
      if (!view) return onChange(value + text);
      view.dispatch(view.state.replaceSelection(text), { scrollIntoView: true });
      view.focus();
    },
    replace(text) {
      const view = editor.current?.view;
      if (!view) return onChange(text);
      view.dispatch({ changes: { from: 0, to: view.state.doc.length, insert: text } });
    },
  }));

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
      ...(format === "JSON" ? [json()] : format === "XML" ? [xml()] : []),
    ],
    [format, knownTokens, labelledBy, describedBy, invalid],
  );

  return (
    <div
      className={cn(
        "border-input bg-background focus-within:border-ring focus-within:ring-ring/30 overflow-hidden rounded-md border shadow-xs focus-within:ring-[3px]",
        invalid && "border-destructive focus-within:ring-destructive/20",
      )}
    >
      <CodeMirror
        ref={editor}
        value={value}
        onChange={onChange}
        onBlur={onBlur}
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
