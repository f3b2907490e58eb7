/**
 * Turns format specs into the scanner's marker table: which marker opens which block rules,
 * reasoning regions and dropped tokens. Auto-detection merges every format's table, ordered by
 * priority; a given format uses only its own.
 */
import type { BlockRule, FormatSpec, ReasoningCallPolicy, ReasoningRule } from "./format-spec.ts";
import { allFormats, getFormat } from "./formats/index.ts";
import { MarkerSet } from "./marker-set.ts";
import type { ToolIndex } from "./tool-index.ts";
import type { FormatId } from "./types.ts";

export interface CompiledBlock {
  readonly rule: BlockRule;
  readonly format: FormatSpec;
  /** The opener must start a line in this mode. */
  readonly lineStart: boolean;
}

export interface MarkerEntry {
  readonly marker: string;
  readonly blocks: CompiledBlock[];
  /**
   * `blocks` narrowed for where the marker was seen, precomputed once: index
   * (line start ? 1 : 0) + (bare openers disabled ? 2 : 0).
   */
  candidates: readonly (readonly CompiledBlock[])[];
  reasoning: CompiledReasoning | undefined;
  /** A reasoning closer whose opener may have been in the prompt. */
  orphanClose: boolean;
  strip: boolean;
}

export interface CompiledReasoning {
  readonly rule: ReasoningRule;
  readonly closeSet: MarkerSet;
  /**
   * The one format whose own rule opens this region (`<ifm|think>`, `<seed:think>`), so that
   * when auto-detecting, calls drafted only inside it follow that format's `reasoningCalls`
   * policy. Undefined for openers several formats share (`<think>`).
   */
  readonly owner?: { readonly id: FormatId; readonly policy: ReasoningCallPolicy };
}

export interface CompiledFormats {
  readonly auto: boolean;
  /** The given format (undefined when auto-detecting). */
  readonly format: FormatSpec | undefined;
  readonly entries: ReadonlyMap<string, MarkerEntry>;
  readonly markers: MarkerSet;
  /** Closers that end reasoning begun in the prompt (startsInReasoning). */
  readonly implicitReasoning: CompiledReasoning;
  /** Openers of those regions: one written again at the very start of the output is dropped. */
  readonly implicitOpeners: readonly string[];
}

export const THINK: ReasoningRule = { open: "<think>", close: ["</think>"] };

const cache = new Map<string, CompiledFormats>();

export function compileFormats(formatId: FormatId | "auto", tools: ToolIndex): CompiledFormats {
  // Formats whose openers come from the declared tools (morph_xml, pythonic, react) compile per tool list.
  const dynamic = formatId === "auto" || typeof getFormat(formatId).blocks === "function";
  const key = dynamic ? `${formatId}|${tools.names.join("\u0000")}` : formatId;
  const cached = cache.get(key);
  if (cached) return cached;
  const compiled = build(formatId, tools);
  if (cache.size > 64) cache.clear();
  cache.set(key, compiled);
  return compiled;
}

function build(formatId: FormatId | "auto", tools: ToolIndex): CompiledFormats {
  const auto = formatId === "auto";
  const formats = auto
    ? [...allFormats()].sort((a, b) => (a.priority ?? 100) - (b.priority ?? 100))
    : [getFormat(formatId)];
  const entries = new Map<string, MarkerEntry>();
  const entry = (marker: string): MarkerEntry => {
    let found = entries.get(marker);
    if (!found) {
      found = { marker, blocks: [], candidates: [], reasoning: undefined, orphanClose: false, strip: false };
      entries.set(marker, found);
    }
    return found;
  };
  const implicitClosers: string[] = [];
  const implicitRules: ReasoningRule[] = [];
  /** The formats declaring each reasoning opener (null: the shared `<think>`). */
  const owners = new Map<string, Set<FormatSpec | null>>();
  for (const format of formats) {
    const blocks = typeof format.blocks === "function" ? format.blocks(tools) : format.blocks;
    for (const rule of blocks) {
      if (auto && rule.auto === false) continue;
      const lineStart =
        rule.lineStart === "always" ||
        (auto && rule.lineStart === "auto" && !(rule.inlineWithTools === true && tools.declared));
      entry(rule.open).blocks.push({ rule, format, lineStart });
    }
    const reasoning = [...(format.thinkTags === false ? [] : [THINK]), ...(format.reasoning ?? [])];
    for (const rule of reasoning) {
      if (auto && rule.auto === false) continue;
      const opener = entry(rule.open);
      opener.reasoning ??= { rule, closeSet: new MarkerSet(rule.close) };
      const declaring = owners.get(rule.open) ?? new Set<FormatSpec | null>();
      declaring.add(rule === THINK ? null : format);
      owners.set(rule.open, declaring);
      if (format.startsInReasoning || rule === THINK || rule.promptOpened === true) {
        for (const close of rule.close) {
          implicitClosers.push(close);
          entry(close).orphanClose = true;
        }
        implicitRules.push(rule);
      }
    }
    for (const token of format.strip ?? []) entry(token).strip = true;
  }
  for (const found of entries.values()) {
    found.candidates = candidateLists(found.blocks);
    const declaring = [...(owners.get(found.marker) ?? [])];
    const only = declaring.length === 1 ? declaring[0] : null;
    if (found.reasoning && only) {
      found.reasoning = {
        ...found.reasoning,
        owner: { id: only.id, policy: only.reasoningCalls ?? "promote" },
      };
    }
  }
  const implicitRule: ReasoningRule = { open: "", close: implicitClosers };
  return {
    auto,
    format: auto ? undefined : formats[0],
    entries,
    markers: new MarkerSet(entries.keys(), lineStartOnly(entries)),
    implicitReasoning: { rule: implicitRule, closeSet: new MarkerSet(implicitClosers) },
    implicitOpeners: [...new Set(implicitRules.map((rule) => rule.open))],
  };
}

/** The blocks an opener may start, per `MarkerEntry.candidates` index. */
function candidateLists(blocks: readonly CompiledBlock[]): (readonly CompiledBlock[])[] {
  const lists: (readonly CompiledBlock[])[] = [];
  for (let index = 0; index < 4; index++) {
    const lineStart = (index & 1) !== 0;
    const bareDisabled = (index & 2) !== 0;
    lists.push(
      blocks.filter(
        (block) => (!block.lineStart || lineStart) && !(bareDisabled && block.rule.lineStart !== undefined),
      ),
    );
  }
  return lists;
}

/** Markers that only open blocks that must start a line (no reasoning, strip or closer role). */
function lineStartOnly(entries: ReadonlyMap<string, MarkerEntry>): Set<string> {
  const markers = new Set<string>();
  for (const entry of entries.values()) {
    const onlyLineStart = entry.blocks.length > 0 && entry.blocks.every((block) => block.lineStart);
    if (onlyLineStart && !entry.reasoning && !entry.strip && !entry.orphanClose) markers.add(entry.marker);
  }
  return markers;
}
