"use client";

import {
  ArrowDown,
  ArrowUp,
  Braces,
  CornerDownRight,
  CornerUpLeft,
  GripVertical,
  MoreHorizontal,
  Plus,
  X,
} from "lucide-react";
import { useState, type KeyboardEvent } from "react";
import { Button } from "@/components/ui/button";
import {
  DropdownMenu,
  DropdownMenuContent,
  DropdownMenuItem,
  DropdownMenuTrigger,
} from "@/components/ui/dropdown-menu";
import { Input } from "@/components/ui/input";
import {
  addObjectField,
  addValueField,
  canIndent,
  indentField,
  moveField,
  moveFieldTo,
  nestField,
  outdentField,
  removeField,
  renameField,
  setFieldValue,
  setRoot,
  xmlName,
  type BuilderField,
  type FieldFormat,
  type FieldProblem,
  type PayloadBuilder,
} from "@/lib/payload/builder";
import { cn } from "@/lib/utils";
import { plural } from "@/lib/format";

type Props = {
  builder: PayloadBuilder;
  format: FieldFormat;
  problems: readonly FieldProblem[];
  onChange(next: PayloadBuilder, focusId?: string): void;
  disabled?: boolean;
};

/** The payload as a list of named fields: rename, reorder (drag or Alt+↑/↓), nest, remove. */
export function PayloadFields({ builder, format, problems, onChange, disabled }: Props) {
  const [dragging, setDragging] = useState<string | null>(null);
  const problemOf = (id: string) => problems.find((p) => p.id === id)?.message;
  const rootProblem = problemOf("root");

  const row = (
    field: BuilderField,
    index: number,
    siblings: readonly BuilderField[],
    inList: boolean,
  ) => {
    const problem = problemOf(field.id);
    const label = inList ? `Item ${index + 1}` : field.key || "unnamed field";
    const onKeyDown = (e: KeyboardEvent) => {
      if (!e.altKey) return;
      const moves: Record<string, () => PayloadBuilder> = {
        ArrowUp: () => moveField(builder, field.id, -1),
        ArrowDown: () => moveField(builder, field.id, 1),
        ArrowRight: () => indentField(builder, field.id),
        ArrowLeft: () => outdentField(builder, field.id),
      };
      const move = moves[e.key];
      if (!move) return;
      e.preventDefault();
      onChange(move(), field.id);
    };
    const sentAs =
      format === "XML" && !inList && field.key.trim() && xmlName(field.key) !== field.key;
    return (
      <li
        key={field.id}
        data-field-id={field.id}
        onDragOver={(e) => {
          if (dragging && siblings.some((s) => s.id === dragging)) e.preventDefault();
        }}
        onDrop={(e) => {
          e.preventDefault();
          if (dragging) onChange(moveFieldTo(builder, dragging, index), dragging);
          setDragging(null);
        }}
        className={cn("space-y-1", dragging === field.id && "opacity-50")}
      >
        <div className="flex flex-wrap items-start gap-1.5 sm:flex-nowrap" onKeyDown={onKeyDown}>
          <span
            draggable={!disabled}
            onDragStart={(e) => {
              e.dataTransfer.effectAllowed = "move";
              e.dataTransfer.setData("text/plain", field.id);
              setDragging(field.id);
            }}
            onDragEnd={() => setDragging(null)}
            title="Drag to reorder, or press Alt+↑ / Alt+↓ in the field"
            className="text-muted-foreground hover:text-foreground mt-2 cursor-grab"
            aria-hidden
          >
            <GripVertical className="size-4" />
          </span>
          {inList ? (
            <span className="text-muted-foreground min-w-0 flex-1 py-2 text-sm sm:w-48 sm:flex-none">
              Item {index + 1}
            </span>
          ) : (
            <Input
              aria-label={`Key of ${label}`}
              aria-invalid={problem ? true : undefined}
              aria-describedby={problem ? `${field.id}-problem` : undefined}
              data-field-key={field.id}
              value={field.key}
              spellCheck={false}
              onChange={(e) => onChange(renameField(builder, field.id, e.target.value))}
              className="h-9 min-w-0 flex-1 font-mono text-[13px] sm:w-48 sm:flex-none"
            />
          )}
          {field.kind === "value" ? (
            <div className="order-last basis-full pl-5.5 sm:order-none sm:flex-1 sm:basis-auto sm:pl-0">
              <Input
                aria-label={`Value of ${label}`}
                value={field.value}
                spellCheck={false}
                placeholder="Text, {{tokens}} or both"
                onChange={(e) => onChange(setFieldValue(builder, field.id, e.target.value))}
                className="h-9 w-full min-w-0 font-mono text-[13px]"
              />
            </div>
          ) : (
            <span className="text-muted-foreground order-last flex basis-full items-center gap-1.5 pl-5.5 text-sm sm:order-none sm:flex-1 sm:basis-auto sm:py-2 sm:pl-0">
              <Braces className="size-3.5" aria-hidden />
              {field.kind === "list"
                ? `List of ${plural(field.children.length, "item")}`
                : `Object with ${plural(field.children.length, "field")}`}
            </span>
          )}
          <DropdownMenu>
            <DropdownMenuTrigger asChild>
              <Button
                variant="ghost"
                size="icon"
                aria-label={`More for ${label}`}
                disabled={disabled}
              >
                <MoreHorizontal aria-hidden />
              </Button>
            </DropdownMenuTrigger>
            <DropdownMenuContent align="end">
              <DropdownMenuItem
                disabled={index === 0}
                onSelect={() => onChange(moveField(builder, field.id, -1), field.id)}
              >
                <ArrowUp aria-hidden /> Move up <Kbd>Alt+↑</Kbd>
              </DropdownMenuItem>
              <DropdownMenuItem
                disabled={index === siblings.length - 1}
                onSelect={() => onChange(moveField(builder, field.id, 1), field.id)}
              >
                <ArrowDown aria-hidden /> Move down <Kbd>Alt+↓</Kbd>
              </DropdownMenuItem>
              <DropdownMenuItem onSelect={() => onChange(nestField(builder, field.id), field.id)}>
                <Braces aria-hidden /> Nest in a new object
              </DropdownMenuItem>
              <DropdownMenuItem
                disabled={!canIndent(builder, field.id)}
                onSelect={() => onChange(indentField(builder, field.id), field.id)}
              >
                <CornerDownRight aria-hidden /> Move into the object above <Kbd>Alt+→</Kbd>
              </DropdownMenuItem>
              <DropdownMenuItem
                disabled={!siblings.length || !isNested(builder, field.id)}
                onSelect={() => onChange(outdentField(builder, field.id), field.id)}
              >
                <CornerUpLeft aria-hidden /> Move out of its object <Kbd>Alt+←</Kbd>
              </DropdownMenuItem>
            </DropdownMenuContent>
          </DropdownMenu>
          <Button
            variant="ghost"
            size="icon"
            aria-label={`Remove ${label}`}
            disabled={disabled}
            onClick={() => onChange(removeField(builder, field.id))}
          >
            <X aria-hidden />
          </Button>
        </div>
        {problem && (
          <p
            id={`${field.id}-problem`}
            role="alert"
            className="text-destructive ml-6 text-[13px] font-medium"
          >
            {problem}
          </p>
        )}
        {sentAs && (
          <p className="text-muted-foreground ml-6 text-xs">
            Sent as <code>&lt;{xmlName(field.key)}&gt;</code> — an XML element name.
          </p>
        )}
        {field.kind !== "value" && (
          <div className="border-border ml-2 space-y-2 border-l pl-4">
            {list(field.children, field.kind === "list")}
            <div className="flex gap-2">
              <Button
                variant="ghost"
                size="sm"
                disabled={disabled}
                onClick={() => {
                  const added = addValueField(
                    builder,
                    field.id,
                    field.kind === "list" ? "" : "field",
                  );
                  onChange(added.builder, added.field.id);
                }}
              >
                <Plus aria-hidden /> Add {field.kind === "list" ? "item" : "field"} to {label}
              </Button>
            </div>
          </div>
        )}
      </li>
    );
  };

  const list = (fields: readonly BuilderField[], inList: boolean) =>
    fields.length === 0 ? null : (
      <ol className="space-y-2">{fields.map((f, i) => row(f, i, fields, inList))}</ol>
    );

  return (
    <div className="space-y-3" data-testid="payload-fields">
      {format === "XML" && (
        <div className="flex items-center gap-2">
          <label htmlFor="payload-root" className="text-sm font-medium">
            Root element
          </label>
          <Input
            id="payload-root"
            value={builder.root}
            spellCheck={false}
            aria-invalid={rootProblem ? true : undefined}
            onChange={(e) => onChange(setRoot(builder, e.target.value))}
            className="h-9 w-48 font-mono text-[13px]"
          />
          {rootProblem && (
            <p role="alert" className="text-destructive text-[13px] font-medium">
              {rootProblem}
            </p>
          )}
        </div>
      )}
      {builder.fields.length === 0 ? (
        <p className="text-muted-foreground rounded-md border border-dashed p-4 text-sm">
          No fields yet. Click a token to add it as a field, or start from a full payload.
        </p>
      ) : (
        list(builder.fields, false)
      )}
      <div className="flex flex-wrap gap-2">
        <Button
          variant="outline"
          size="sm"
          disabled={disabled}
          onClick={() => {
            const added = addValueField(builder);
            onChange(added.builder, added.field.id);
          }}
        >
          <Plus aria-hidden /> Add text field
        </Button>
        <Button
          variant="outline"
          size="sm"
          disabled={disabled}
          onClick={() => {
            const added = addObjectField(builder);
            onChange(added.builder, added.field.id);
          }}
        >
          <Braces aria-hidden /> Add object
        </Button>
      </div>
    </div>
  );
}

function isNested(b: PayloadBuilder, id: string) {
  return !b.fields.some((f) => f.id === id);
}

function Kbd({ children }: { children: string }) {
  return <span className="text-muted-foreground ml-auto pl-3 text-xs">{children}</span>;
}
