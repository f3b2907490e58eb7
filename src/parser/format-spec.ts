/**
 * The contract every tool-call format implements. A format is data for the shared scanner
 * (which markers open a call block, how a block ends, which regions are reasoning, which
 * tokens are dropped) plus a pure `parse` for one block's body.
 *
 * The scanner (stream-parser.ts) finds blocks incrementally, so one-shot and streaming share
 * one code path; formats never see chunk boundaries.
 */
import type { ToolIndex } from "./tool-index.ts";
import type { FormatId, ProblemCode } from "./types.ts";

/** How a call block ends. */
export type EndRule =
  /**
   * Ends at the first of `close` (consumed) or `stopBefore` (left for the scanner); EOF ends it too.
   * `literalClose(bodySoFar, closer)` may say a closer is quoted text inside the body (a value that
   * holds a whole call): it then joins the body and the scan goes on. It must depend only on the
   * text, so streaming still equals one-shot parsing.
   */
  | {
      readonly kind: "close";
      readonly close: readonly string[];
      readonly stopBefore?: readonly string[];
      readonly literalClose?: (body: string, close: string, ctx: DecideContext) => boolean;
    }
  /**
   * A bracketed value ({...} or [...], string-aware) after an optional prefix. `valueStart` finds
   * where the value starts in the text after the opener (default: the first non-space character
   * must be `{` or `[`). With `includeOpen` the opener itself is the value's first character.
   * With `standalone`, only spaces may follow the value on its line, or the block is rejected.
   */
  | {
      readonly kind: "value";
      readonly valueStart?: (head: string, final: boolean) => ValueStart;
      readonly includeOpen?: boolean;
      /** true: always; "auto": only when auto-detecting. */
      readonly standalone?: boolean | "auto";
    }
  /** A bare token: nothing after it belongs to the block (the body is empty). */
  | { readonly kind: "token" };

/**
 * Index of the value's first bracket in `head`, "wait" for more text, or "none" (not a block).
 * "wait" at the end of the output (`final`) means the output ended while the opener still
 * awaited its value: the scanner reports a truncated call (for openers longer than one
 * character; a lone `{` or `[` stays text). Return "none" where such an ending is text.
 */
export type ValueStart = number | "wait" | "none";

/** What `parse` sees besides the body. */
export interface BlockContext {
  readonly tools: ToolIndex;
  /** The output ended before the block's end marker (or before the value closed). */
  readonly truncated: boolean;
  /** The format was auto-detected rather than given. */
  readonly auto: boolean;
  /** The opener text that started this block. */
  readonly open: string;
  /** The close marker that ended the block, or null (EOF, stopBefore, value end). */
  readonly close: string | null;
}

/** A call as a format reads it, before the shared normalisation (ids, argument decoding, names). */
export interface RawCall {
  readonly name: string;
  /** An object, or a JSON string of one (decoded leniently), or undefined for no arguments. */
  readonly arguments: unknown;
  readonly id?: string;
}

export interface ProblemDraft {
  readonly code: ProblemCode;
  readonly message: string;
  readonly raw: string;
  readonly toolName?: string;
}

export interface BlockOutcome {
  readonly calls?: readonly RawCall[];
  readonly problems?: readonly ProblemDraft[];
  /** Text this block contributes to content (e.g. a harmony final channel). */
  readonly content?: string;
  /** Text this block contributes to reasoning (e.g. a harmony analysis channel). */
  readonly reasoning?: string;
  /**
   * Not a call block after all. For "value" blocks the scanner resumes right after the opener
   * (so calls inside are still found); for "close" blocks the whole raw text becomes content.
   */
  readonly reject?: boolean;
}

export interface BlockRule {
  readonly open: string;
  readonly end: EndRule;
  /** The opener counts only at the start of a line: "always", or "auto" (only when auto-detecting). */
  readonly lineStart?: "always" | "auto";
  /**
   * With lineStart "auto": when tools are declared, the opener need not start a line while
   * auto-detecting (the declared names already make a false positive unlikely).
   */
  readonly inlineWithTools?: boolean;
  /** Active when auto-detecting (default true). */
  readonly auto?: boolean;
  /**
   * Early verdict on a growing body (called with at most the first 512 characters while the block
   * is open, `final` at EOF): "reject" abandons the block as soon as it cannot be one. Must give
   * the same verdict for every longer prefix once it has given one.
   */
  readonly decide?: (head: string, final: boolean, ctx: DecideContext) => "reject" | undefined;
  /** Content sniffing among formats that share an opener (auto mode); the first that accepts wins. */
  readonly accepts?: (body: string) => boolean;
  readonly parse: (body: string, ctx: BlockContext) => BlockOutcome;
}

export interface DecideContext {
  readonly tools: ToolIndex;
  readonly auto: boolean;
}

export interface ReasoningRule {
  readonly open: string;
  readonly close: readonly string[];
  /**
   * The family's template may open this region in the prompt (as templates do with `<think>`):
   * a closer with no opener before it ends reasoning begun there, and the text before it is
   * reasoning.
   */
  readonly promptOpened?: boolean;
  /**
   * Also when auto-detecting (default true). Plain-word openers (Granite's "Here is my thought
   * process:") are too weak a signal to turn any model's prose into reasoning, and a letter that
   * may start a marker anywhere costs every streamed chunk holding it the scanner's slow path.
   */
  readonly auto?: boolean;
}

/** What to do with a call that exists only inside reasoning. */
export type ReasoningCallPolicy = "promote" | "report";

export interface FormatSpec {
  readonly id: FormatId;
  /** One line: the wire format, for docs and `--help`. */
  readonly description: string;
  /** Call blocks; a function when openers depend on the declared tools (morph_xml). */
  readonly blocks: readonly BlockRule[] | ((tools: ToolIndex) => readonly BlockRule[]);
  /** Reasoning regions besides the universal `<think>...</think>`. */
  readonly reasoning?: readonly ReasoningRule[];
  /** Set to false when `<think>` is not reasoning for this family. */
  readonly thinkTags?: boolean;
  /** Tokens removed from content wherever they appear (end-of-turn tokens, text wrappers). */
  readonly strip?: readonly string[];
  /**
   * The prompt ends with this block opener (functionary v3.2's `>>>`): with the format given, the
   * output begins inside the block it opens, and that opener is never emitted as text.
   */
  readonly startsInBlock?: string;
  /** The output usually begins inside reasoning whose opener is in the prompt. */
  readonly startsInReasoning?: boolean;
  /** Calls found only inside reasoning: promoted to calls, or reported as problems. Default "promote". */
  readonly reasoningCalls?: ReasoningCallPolicy;
  /** Lower runs first when auto-detection sees the same opener in several formats (default 100). */
  readonly priority?: number;
}
