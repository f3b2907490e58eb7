/**
 * The scanner behind both one-shot and streaming parsing: a sync `feed(chunk)` / `end()` core.
 *
 * Guarantees (tested by property tests):
 * - The final result does not depend on how the text was chunked; `parseToolCalls(text)` is
 *   exactly `feed(text)` then `end()`.
 * - Work is linear in the input: text is scanned once, a chunk carries over at most one
 *   marker's length, and block bodies are collected in text accumulators and joined once.
 * - No part of a marker is ever emitted as text: a tail that could grow into one is held back.
 */
import { ToolUseError } from "../errors.ts";
import {
  type CompiledBlock,
  type CompiledFormats,
  type CompiledReasoning,
  compileFormats,
} from "./compile-formats.ts";
import { endOfTurnAt } from "./end-of-turn.ts";
import { checkFormat } from "./format-aliases.ts";
import type { BlockOutcome, ProblemDraft, RawCall } from "./format-spec.ts";
import { ValueScanner } from "./json-loose.ts";
import {
  CLEAR,
  COMPLETES,
  type HeldPrefix,
  heldPrefixText,
  LEAD_ANY,
  LEAD_LINE,
  type MarkerMatch,
  MarkerSet,
  NEWLINE,
} from "./marker-set.ts";
import { normalizeCall } from "./normalize-call.ts";
import { TextAccumulator } from "./text-accumulator.ts";
import { normalizeTools, ToolIndex } from "./tool-index.ts";
import type { FormatId, ParseOptions, ParseProblem, ParseResult, ParserEvent, ToolCall } from "./types.ts";

export interface StreamParserOptions extends ParseOptions {
  /** The output begins inside reasoning whose opener was in the prompt (a template's forced `<think>`). */
  readonly startInReasoning?: boolean;
  /** Collect events (default true); one-shot parsing turns this off. */
  readonly events?: boolean;
  /**
   * Receives every event as it happens, in order (the push style of SAX or eventsource-parser):
   * `feed()` and `end()` then return empty event lists, and no list is allocated per chunk.
   * An exception it throws propagates out of `feed()` or `end()` after the parser has finished
   * that chunk (its other events are still delivered first); the parser stays usable.
   */
  readonly onEvent?: (event: ParserEvent) => void;
}

const HEAD_MAX = 512;
/** Chunks up to this length skip the scan loop when they hold no marker character. */
const FAST_MAX = 16;
const MAX_LITERAL_CHECKS = 16;

type TextState = { readonly kind: "text" };
type ReasoningState = {
  readonly kind: "reasoning";
  readonly region: CompiledReasoning;
  /** The region's text so far. */
  readonly body: TextAccumulator;
  /** Implicit reasoning: a repeated opener at its start was looked for. */
  openerSkipped?: boolean;
};
type BlockState = {
  readonly kind: "block";
  /** Opened by the format's `startsInBlock` (the opener was in the prompt, not the output). */
  readonly implicit: boolean;
  /** The rules that may own the block; narrowed when a value turns out not to stand alone. */
  candidates: readonly CompiledBlock[];
  /** Every candidate has a `decide`, so the block may still be rejected early. */
  readonly canReject: boolean;
  /** A body chunk with no closer character is only appended (close end, no head, no verdicts). */
  readonly quick: boolean;
  /** Keep `head` (the body's first characters): for early verdicts and value starts. */
  readonly needsHead: boolean;
  readonly open: string;
  /** The body so far (a rope flattened every few kilobytes: cheaper than joining tiny parts). */
  readonly body: TextAccumulator;
  head: string;
  /** Index in the current work string where the body began, when it began in this run. */
  startInWork: number;
  workId: number;
  readonly closeSet: MarkerSet | undefined;
  readonly scanner: ValueScanner | undefined;
  /** value blocks: "start" (looking for the value), "value", "trail" (standalone check). */
  phase: "start" | "value" | "trail";
  trail: string;
  /** trail: a line break followed the value (what starts the next line decides). */
  lineEnded: boolean;
  literalChecks: number;
  /** The candidate `isLiteralClose` chose, for the body length in `chosenAt` (-1: none yet). */
  chosen: CompiledBlock | undefined;
  chosenAt: number;
};
type State = TextState | ReasoningState | BlockState;

const TEXT: TextState = { kind: "text" };

interface ReasoningCall {
  readonly call: RawCall;
  readonly format: FormatId;
  /** The format owning the reasoning region it was drafted in, when one does. */
  readonly owner?: CompiledReasoning["owner"];
}

export class StreamParser {
  private readonly compiled: CompiledFormats;
  /** `compiled.markers.classes`, for the inline path of `feed`. */
  private readonly textClasses: Uint8Array;
  private readonly tools: ToolIndex;
  private readonly idPrefix: string;
  private readonly collect: boolean;
  /** `options.onEvent`: events pushed to it instead of returned in lists. */
  private readonly sink: ((event: ParserEvent) => void) | undefined;
  private readonly inReasoning: boolean;

  private state: State = TEXT;
  private pending = "";
  private workId = 0;
  private atLineStart = true;
  private reasoningSeen = false;
  private bareDisabled = false;
  private ended = false;

  private readonly content = new TextAccumulator();
  private readonly reasoning = new TextAccumulator();
  private readonly calls: ToolCall[] = [];
  private readonly callFormats: FormatId[] = [];
  private readonly problems: ParseProblem[] = [];
  private readonly reasoningCalls: ReasoningCall[] = [];
  private detected: FormatId | null = null;
  /** The held marker prefix `holdMarkerStart` set (valid while `pending` and the state are its own). */
  private heldState: State | undefined;
  private heldText = "";
  private heldNode: HeldPrefix | undefined;
  private heldAtLineStart = true;
  /** Events of the current feed; allocated at its first event, exactly sized (GC matters per chunk). */
  private events: ParserEvent[] | undefined;
  /** The first exception `onEvent` threw during the current chunk, rethrown at its end. */
  private sinkFailure: { readonly error: unknown } | undefined;

  /**
   * Caller faults in `options` (an unknown format, a malformed tool list, an `onEvent` that is
   * not a function) throw a ToolUseError ("unknown-format" or "invalid-input").
   */
  constructor(options: StreamParserOptions = {}, nested?: { readonly inReasoning: boolean }) {
    if (typeof options !== "object" || options === null) {
      throw new ToolUseError("invalid-input", `StreamParser options must be an object, got ${options}`);
    }
    this.tools = new ToolIndex(normalizeTools(options.tools));
    this.compiled = compileFormats(checkFormat(options.format), this.tools);
    this.textClasses = this.compiled.markers.classes;
    if (options.idPrefix !== undefined && typeof options.idPrefix !== "string") {
      throw new ToolUseError("invalid-input", `idPrefix must be a string, got ${typeof options.idPrefix}`);
    }
    this.idPrefix = options.idPrefix ?? "call_";
    this.collect = options.events ?? true;
    if (options.onEvent !== undefined) {
      if (typeof options.onEvent !== "function") {
        throw new ToolUseError("invalid-input", `onEvent must be a function, got ${typeof options.onEvent}`);
      }
      if (!this.collect)
        throw new ToolUseError("invalid-input", "onEvent cannot be combined with events: false");
    }
    this.sink = options.onEvent;
    this.inReasoning = nested?.inReasoning ?? false;
    if (this.inReasoning) this.bareDisabled = true;
    const startInReasoning = options.startInReasoning ?? this.compiled.format?.startsInReasoning ?? false;
    if (startInReasoning && !this.inReasoning && this.compiled.implicitReasoning.closeSet.size > 0) {
      this.state = {
        kind: "reasoning",
        region: this.compiled.implicitReasoning,
        body: new TextAccumulator(),
      };
      this.reasoningSeen = true;
    }
    const opener = this.compiled.format?.startsInBlock;
    const implicitBlocks = opener === undefined ? undefined : this.compiled.entries.get(opener)?.blocks;
    if (
      opener !== undefined &&
      implicitBlocks &&
      implicitBlocks.length > 0 &&
      !this.inReasoning &&
      this.state.kind === "text"
    ) {
      this.enterBlock(implicitBlocks, opener, 0, true);
    }
  }

  /**
   * Feeds a chunk; returns the events it completes (a read-only list, shared when empty), or
   * pushes them to `onEvent` when one was given.
   */
  feed(chunk: string): readonly ParserEvent[] {
    // The commonest case first, kept small enough for V8 to inline `feed` into the caller's
    // loop: a short chunk with no marker character, in a block's body (only appended) or in
    // text (appended, one event).
    const state = this.state;
    if (this.pending.length === 0 && typeof chunk === "string" && !this.ended) {
      const length = chunk.length;
      if (length > 0 && length <= FAST_MAX && state !== TEXT && state.kind === "block" && state.quick) {
        // A block body's chunk with no closer character.
        const classes = state.closeSet!.classes;
        let i = 0;
        for (; i < length; i++) {
          const kind = classes[chunk.charCodeAt(i)]!;
          if (kind === LEAD_ANY || kind === LEAD_LINE) break;
        }
        if (i === length) {
          state.body.append(chunk);
          return NO_EVENTS;
        }
      }
      if (length > 0 && length <= FAST_MAX && state === TEXT) {
        const classes = this.textClasses;
        let lineStart = this.atLineStart;
        let i = 0;
        for (; i < length; i++) {
          const kind = classes[chunk.charCodeAt(i)]!;
          if (kind === 0) lineStart = false;
          else if (kind === NEWLINE) lineStart = true;
          else if (kind === LEAD_ANY || (kind === LEAD_LINE && lineStart)) break;
        }
        if (i === length) {
          this.content.append(chunk);
          this.atLineStart = lineStart;
          if (this.sink === undefined)
            return this.collect ? [{ type: "text-delta", text: chunk }] : NO_EVENTS;
          this.sink({ type: "text-delta", text: chunk });
          return NO_EVENTS;
        }
      }
    }
    return this.feedMore(chunk);
  }

  /** `feed` past its inline case. */
  private feedMore(chunk: string): readonly ParserEvent[] {
    if (this.ended) throw new ToolUseError("invalid-input", "StreamParser.feed() called after end()");
    if (typeof chunk !== "string") {
      throw new ToolUseError("invalid-input", `feed() takes a string, got ${typeof chunk}`);
    }
    const length = chunk.length;
    if (length === 0) return NO_EVENTS;
    const state = this.state;
    if (length <= FAST_MAX && (state === TEXT || (state.kind === "block" && state.quick))) {
      // A marker arriving a few characters at a time: its beginning and the chunks that only
      // extend it are held without the scan loop.
      if (
        this.pending.length === 0 ? this.holdMarkerStart(state, chunk) : this.extendHeldMarker(state, chunk)
      ) {
        return this.takeEvents();
      }
    }
    if (length <= FAST_MAX && this.pending.length === 0 && state.kind === "block") {
      // A small chunk of a block's body with no closer character.
      const closeSet = state.closeSet;
      if (closeSet !== undefined && (!state.canReject || state.head.length >= HEAD_MAX)) {
        const classes = closeSet.classes;
        let i = 0;
        for (; i < length; i++) {
          const kind = classes[chunk.charCodeAt(i)]!;
          if (kind === LEAD_ANY || kind === LEAD_LINE) break;
        }
        if (i === length) {
          this.appendBody(state, chunk);
          return NO_EVENTS;
        }
      }
    }
    if (!this.fastPath(chunk)) {
      const work = this.pending.length === 0 ? chunk : this.pending + chunk;
      this.pending = "";
      this.run(work, false);
    }
    return this.takeEvents();
  }

  /** Ends the input: flushes what was held back and returns the last events and the result. */
  end(): { events: readonly ParserEvent[]; result: ParseResult } {
    if (this.ended) throw new ToolUseError("invalid-input", "StreamParser.end() called twice");
    const work = this.pending;
    this.pending = "";
    this.run(work, true);
    this.ended = true;
    this.settleReasoningCalls();
    const format = this.compiled.format?.id ?? this.detected;
    return {
      events: this.takeEvents(),
      result: {
        toolCalls: this.calls,
        content: this.content.toString(),
        reasoning: this.reasoning.toString(),
        format,
        problems: this.problems,
      },
    };
  }

  /** For nested parses of reasoning text: the calls found, with their formats. */
  foundCalls(): ReasoningCall[] {
    return this.calls.map((call, index) => ({
      call: { name: call.name, arguments: call.arguments },
      format: this.callFormats[index]!,
    }));
  }

  /**
   * Text or a quick block's body receiving a chunk whose only lead character begins a marker
   * that the chunk does not finish: the part before it goes out, the rest is held (as
   * `fastPath` would, without its general checks). False when the general path must decide.
   */
  private holdMarkerStart(state: TextState | BlockState, chunk: string): boolean {
    const markers = state.kind === "text" ? this.compiled.markers : state.closeSet!;
    const classes = markers.classes;
    // Whether `lead` starts a line (block closers have no line-start-only markers).
    let lineStart = state.kind === "text" ? this.atLineStart : true;
    let lead = 0;
    for (; lead < chunk.length; lead++) {
      const kind = classes[chunk.charCodeAt(lead)]!;
      if (kind === LEAD_ANY) break;
      if (kind === LEAD_LINE) return false;
      if (kind === 0) lineStart = false;
      else if (kind === NEWLINE) lineStart = true;
    }
    if (lead === chunk.length) return false;
    const node = markers.holdFrom(chunk, lead, lineStart || state.kind !== "text");
    if (node === undefined) return false;
    if (node === CLEAR) {
      if (state.kind === "text") this.emitText(chunk);
      else this.appendBody(state, chunk);
      return true;
    }
    const before = chunk.slice(0, lead);
    if (state.kind === "text") this.emitText(before);
    else this.appendBody(state, before);
    // The held text is the trie node's own string: no copy per held chunk.
    this.pending = heldPrefixText(node);
    this.heldState = state;
    this.heldText = this.pending;
    this.heldNode = node;
    this.heldAtLineStart = lineStart || state.kind !== "text";
    return true;
  }

  /** A held marker prefix that `chunk` extends and still does not finish: held on. */
  private extendHeldMarker(state: TextState | BlockState, chunk: string): boolean {
    if (this.heldState !== state || this.heldText !== this.pending) return false;
    const markers = state.kind === "text" ? this.compiled.markers : state.closeSet!;
    const node = markers.extendHeld(this.heldNode!, this.pending.length, chunk, this.heldAtLineStart);
    if (node === undefined) {
      // The held text is no marker's beginning after all: read it with the chunk as one chunk.
      const held = this.pending;
      if (held.length + chunk.length > FAST_MAX) return false;
      this.pending = "";
      if (this.holdMarkerStart(state, held + chunk)) return true;
      this.pending = held;
      return false;
    }
    if (node === COMPLETES) {
      // The marker is complete: the scan loop takes it from here (as `fastPath` would decide).
      const work = this.pending + chunk;
      this.pending = "";
      this.run(work, false);
      return true;
    }
    this.pending = heldPrefixText(node);
    this.heldText = this.pending;
    this.heldNode = node;
    return true;
  }

  /**
   * The common streaming case, a small chunk with no marker character in the middle of text,
   * reasoning or a closing-tag block: handled without the scan loop. Same result as `run`.
   */
  private fastPath(chunk: string): boolean {
    const state = this.state;
    if (chunk.length > FAST_MAX) return false;
    if (this.pending.length > 0) {
      // A held-back marker prefix that is still only a prefix: keep holding, nothing to scan.
      const markers =
        state.kind === "text"
          ? this.compiled.markers
          : state.kind === "reasoning"
            ? state.region.closeSet
            : state.closeSet;
      if (
        state.kind === "reasoning" &&
        state.body.length === 0 &&
        state.region === this.compiled.implicitReasoning
      )
        return false;
      if (markers === undefined) return false;
      const held = this.pending + chunk;
      if (markers.extendsProperPrefix(this.pending, held)) {
        this.pending = held;
        return true;
      }
      if (state.kind === "block" && state.canReject && state.head.length < HEAD_MAX) return false;
      // No longer a prefix: when no marker completes in it either, it is released as the scan
      // loop would (up to a new held tail).
      const hold = markers.heldTail(held);
      if (hold < 0) return false;
      this.pending = held.slice(hold);
      const text = held.slice(0, hold);
      if (state.kind === "text") this.emitText(text);
      else if (state.kind === "reasoning") this.emitReasoning(state, text);
      else this.appendBody(state, text);
      return true;
    }
    // A chunk whose only marker character starts a tail that may grow into a marker: that tail
    // is held back, as the scan loop would (no marker completes, so it would find none).
    if (state.kind === "text") {
      const markers = this.compiled.markers;
      if (markers.isClear(chunk, this.atLineStart)) {
        this.emitText(chunk);
        return true;
      }
      const hold = markers.heldTail(chunk);
      if (hold < 0) return false;
      this.emitText(chunk.slice(0, hold));
      this.pending = chunk.slice(hold);
      return true;
    }
    if (state.kind === "reasoning") {
      if (state.body.length === 0 && state.region === this.compiled.implicitReasoning) return false;
      const closeSet = state.region.closeSet;
      if (closeSet.isClear(chunk)) {
        this.emitReasoning(state, chunk);
        return true;
      }
      const hold = closeSet.heldTail(chunk);
      if (hold < 0) return false;
      this.emitReasoning(state, chunk.slice(0, hold));
      this.pending = chunk.slice(hold);
      return true;
    }
    const closeSet = state.closeSet;
    if (closeSet === undefined) return false;
    if (state.canReject && state.head.length < HEAD_MAX) return false;
    if (closeSet.isClear(chunk)) {
      this.appendBody(state, chunk);
      return true;
    }
    const hold = closeSet.heldTail(chunk);
    if (hold < 0) return false;
    this.appendBody(state, chunk.slice(0, hold));
    this.pending = chunk.slice(hold);
    return true;
  }

  private takeEvents(): readonly ParserEvent[] {
    if (this.sinkFailure !== undefined) {
      // onEvent threw during this chunk: every event went out, now the first exception does.
      const { error } = this.sinkFailure;
      this.sinkFailure = undefined;
      throw error;
    }
    const events = this.events;
    if (events === undefined) return NO_EVENTS;
    this.events = undefined;
    return events;
  }

  private emit(event: ParserEvent): void {
    const sink = this.sink;
    if (sink !== undefined) {
      // Pushed as it happens (no list per chunk); an exception waits for the chunk's end.
      try {
        sink(event);
      } catch (error) {
        this.sinkFailure ??= { error };
      }
      return;
    }
    if (this.events === undefined) this.events = [event];
    else this.events.push(event);
  }

  // ---------------------------------------------------------------- the scan loop

  private run(initial: string, final: boolean): void {
    let work = initial;
    let i = 0;
    this.workId++;
    for (;;) {
      const state = this.state;
      let next: number | Replay;
      if (state.kind === "text") next = this.stepText(work, i, final);
      else if (state.kind === "reasoning") next = this.stepReasoning(state, work, i, final);
      else next = this.stepBlock(state, work, i, final);
      if (typeof next !== "number") {
        // A rejected block: its body is scanned again as text.
        work = next.work;
        i = next.index;
        this.workId++;
        continue;
      }
      if (next === STOP) return;
      i = next;
      if (i >= work.length && final && this.state.kind === "text") return;
    }
  }

  private stepText(work: string, i: number, final: boolean): number {
    const markers = this.compiled.markers;
    let from = i;
    for (;;) {
      const match = markers.find(work, from);
      if (!match) {
        const hold = final ? work.length : markers.holdIndex(work, i);
        this.emitText(work.slice(i, hold));
        this.pending = work.slice(hold);
        return STOP;
      }
      if (!final && match.index > work.length - markers.maxLength && mayGrow(markers, work, i, match)) {
        // A longer marker may still be arriving, starting at or before this match (only possible
        // when the match sits within one marker's length of the end, and grows from the match
        // itself only when its marker begins a longer one).
        // (Only positions up to the match matter; the match's own position is among them.)
        const hold = markers.holdIndex(work, i, match.index);
        if (hold <= match.index) {
          this.emitText(work.slice(i, hold));
          this.pending = work.slice(hold);
          return STOP;
        }
      }
      const entry = this.compiled.entries.get(match.marker)!;
      const after = match.index + match.marker.length;
      const before = work.slice(i, match.index);
      const lineStart = this.lineStartAfter(before);
      if (entry.reasoning && !this.inReasoning) {
        this.emitText(before);
        this.state = { kind: "reasoning", region: entry.reasoning, body: new TextAccumulator() };
        this.reasoningSeen = true;
        return after;
      }
      const candidates = entry.candidates[(lineStart ? 1 : 0) + (this.bareDisabled ? 2 : 0)]!;
      if (candidates.length > 0) {
        this.emitText(before);
        this.enterBlock(candidates, match.marker, after);
        return after;
      }
      if (entry.orphanClose && !this.inReasoning && !this.reasoningSeen) {
        this.emitText(before);
        this.retractAsReasoning();
        return after;
      }
      if (entry.strip || entry.orphanClose) {
        this.emitText(before);
        return after;
      }
      // Not a marker in this position: keep scanning from its next character (another marker
      // may start inside it: `shell\n{` mid-line holds a `{` that starts a line).
      from = match.index + 1;
    }
  }

  private lineStartAfter(text: string): boolean {
    for (let k = text.length - 1; k >= 0; k--) {
      const code = text.charCodeAt(k);
      if (code === 10) return true;
      if (code !== 32 && code !== 9 && code !== 13) return false;
    }
    return this.atLineStart;
  }

  private stepReasoning(state: ReasoningState, work: string, at: number, final: boolean): number {
    let i = at;
    if (state.region === this.compiled.implicitReasoning && state.body.length === 0 && !state.openerSkipped) {
      // The opener was in the prompt; a model that writes it again starts its reasoning after it.
      const skipped = skipRepeatedOpener(work, i, this.compiled.implicitOpeners, final);
      if (skipped === "wait") {
        this.pending = work.slice(i);
        return STOP;
      }
      state.openerSkipped = true;
      i = skipped;
    }
    const closeSet = state.region.closeSet;
    const match = closeSet.find(work, i);
    if (match && (final || !closeSet.isExtendable(match.marker) || !closeSet.isPrefixAt(work, match.index))) {
      this.emitReasoning(state, work.slice(i, match.index));
      this.finishReasoning(state);
      return match.index + match.marker.length;
    }
    const hold = final ? work.length : closeSet.holdIndex(work, i);
    this.emitReasoning(state, work.slice(i, hold));
    if (final) {
      this.finishReasoning(state);
      return work.length;
    }
    this.pending = work.slice(hold);
    return STOP;
  }

  private emitReasoning(state: ReasoningState, text: string): void {
    if (text.length === 0) return;
    state.body.append(text);
    this.reasoning.append(text);
    if (this.collect) this.emit({ type: "reasoning-delta", text });
  }

  private finishReasoning(state: ReasoningState): void {
    this.state = TEXT;
    this.atLineStart = true;
    this.collectReasoningCalls(state.body.toString(), state.region.owner);
  }

  private collectReasoningCalls(text: string, owner: CompiledReasoning["owner"]): void {
    if (text.length === 0) return;
    const nested = new StreamParser(
      {
        format: this.compiled.format?.id ?? "auto",
        tools: this.tools.declared ? this.tools.names.map((name) => this.tools.get(name)!) : undefined,
        events: false,
      },
      { inReasoning: true },
    );
    nested.feed(text);
    nested.end();
    for (const found of nested.foundCalls()) this.reasoningCalls.push(owner ? { ...found, owner } : found);
  }

  // ---------------------------------------------------------------- blocks

  private enterBlock(
    candidates: readonly CompiledBlock[],
    open: string,
    after: number,
    implicit = false,
  ): void {
    const end = candidates[0]!.rule.end;
    let canReject = true;
    for (let k = 0; k < candidates.length; k++) {
      if (candidates[k]!.rule.decide === undefined) canReject = false;
    }
    const needsHead = end.kind === "value" || canReject;
    const state: BlockState = {
      kind: "block",
      implicit,
      candidates,
      canReject,
      quick: end.kind === "close" && !needsHead,
      needsHead,
      open,
      body: new TextAccumulator(),
      head: "",
      startInWork: after,
      workId: this.workId,
      closeSet: end.kind === "close" ? closeMarkersOf(candidates) : undefined,
      scanner: end.kind === "value" ? new ValueScanner() : undefined,
      phase: "start",
      trail: "",
      lineEnded: false,
      literalChecks: 0,
      chosen: undefined,
      chosenAt: -1,
    };
    this.state = state;
    if (end.kind === "value" && end.includeOpen) {
      state.scanner!.scan(open, 0, open.length);
      state.phase = "value";
    }
  }

  private appendBody(state: BlockState, text: string): void {
    if (text.length === 0) return;
    state.body.append(text);
    // The head feeds early verdicts and value starts only; other blocks skip the copy.
    if (state.needsHead && state.head.length < HEAD_MAX)
      state.head += text.slice(0, HEAD_MAX - state.head.length);
  }

  private stepBlock(state: BlockState, work: string, i: number, final: boolean): number | Replay {
    const end = state.candidates[0]!.rule.end;
    if (end.kind === "token") return this.finishBlock(state, work, i, null, false);
    if (end.kind === "close") return this.stepCloseBlock(state, work, i, final);
    return this.stepValueBlock(state, work, i, final);
  }

  private stepCloseBlock(state: BlockState, work: string, i: number, final: boolean): number | Replay {
    const closeSet = state.closeSet!;
    const match = closeSet.find(work, i);
    if (match && (final || !closeSet.isPrefixAt(work, match.index))) {
      this.appendBody(state, work.slice(i, match.index));
      if (!isStopBefore(state, match.marker) && this.isLiteralClose(state, match.marker)) {
        // The closer is quoted text inside the body (a value holding a whole call): keep scanning.
        this.appendBody(state, match.marker);
        return match.index + match.marker.length;
      }
      // Formats sharing an opener may end it differently (hy_v3's `<end_of_tool_call>` after
      // `<tool_call>`): the closer that ends the block keeps only the candidates it ends.
      const all = state.candidates;
      if (all.length > 1 && !endsBlock(all[0]!, match.marker)) {
        const owners = all.filter((candidate) => endsBlock(candidate, match.marker));
        if (owners.length > 0) {
          state.candidates = owners;
          state.chosenAt = -1;
        }
      }
      const verdict = this.earlyVerdict(state, true);
      if (verdict) return this.rejectBlock(state, work, match.index);
      const consumed =
        closeSet === state.closeSet && isStopBefore(state, match.marker) ? 0 : match.marker.length;
      const stop = consumed === 0;
      return this.finishBlock(state, work, match.index + consumed, stop ? null : match.marker, false);
    }
    const hold = final ? work.length : closeSet.holdIndex(work, i);
    this.appendBody(state, work.slice(i, hold));
    if (this.earlyVerdict(state, final)) return this.rejectBlock(state, work, hold);
    if (final) return this.finishBlock(state, work, work.length, null, true);
    this.pending = work.slice(hold);
    return STOP;
  }

  private stepValueBlock(state: BlockState, work: string, i: number, final: boolean): number | Replay {
    const end = state.candidates[0]!.rule.end;
    if (end.kind !== "value") throw new Error("unreachable");
    let at = i;
    if (state.phase === "start") {
      const look = state.head + work.slice(at, at + (HEAD_MAX - state.head.length));
      const lookFinal = final && at + (look.length - state.head.length) >= work.length;
      const start = (end.valueStart ?? defaultValueStart)(look, lookFinal);
      if (start === "wait" && lookFinal && state.open.length > 1 && !state.implicit) {
        // The output ended while the opener still waited for its value (`[TOOL_CALLS]` or
        // `<|tool_call|>` last, `[TOOL_CALLS]NAME[ARGS]`): a truncated generation, reported
        // rather than left in the text as tokens. (A one-character opener, `{` or `[`, is text.)
        this.state = TEXT;
        const name = /^\s*([A-Za-z_][\w.-]*)/.exec(look)?.[1];
        const problem: ProblemDraft = {
          code: "truncated-call",
          message: `the output ended before the call after ${state.open.trim()} (truncated generation)`,
          raw: state.open + look,
        };
        this.addProblem(name ? { ...problem, toolName: name } : problem, state.candidates[0]!.format.id);
        return work.length;
      }
      if (
        start === "none" ||
        (start === "wait" && lookFinal) ||
        (start === "wait" && look.length >= HEAD_MAX)
      ) {
        return this.rejectBlock(state, work, at);
      }
      if (start === "wait") {
        this.appendBody(state, work.slice(at));
        this.pending = "";
        return STOP;
      }
      // Consume up to the value start, then scan the value from there.
      const fromWork = start - state.head.length;
      if (fromWork < 0) {
        // The value started inside text already consumed: feed the scanner that part first.
        const alreadyEnd = state.scanner!.scan(state.head, start, state.head.length);
        state.phase = "value";
        if (alreadyEnd >= 0) return this.rejectBlock(state, work, at); // cannot happen: it would have closed
      } else {
        this.appendBody(state, work.slice(at, at + fromWork));
        at += fromWork;
        state.phase = "value";
      }
    }
    if (state.phase === "value") {
      const endIndex = state.scanner!.scan(work, at, work.length);
      if (endIndex < 0) {
        this.appendBody(state, work.slice(at));
        if (this.earlyVerdict(state, final)) return this.rejectBlock(state, work, work.length);
        if (final) return this.finishBlock(state, work, work.length, null, true);
        this.pending = "";
        return STOP;
      }
      this.appendBody(state, work.slice(at, endIndex));
      at = endIndex;
      if (this.earlyVerdict(state, true)) return this.rejectBlock(state, work, at);
      if (!end.standalone || (end.standalone === "auto" && !this.compiled.auto)) {
        return this.finishBlock(state, work, at, null, false);
      }
      state.phase = "trail";
    }
    // trail: only spaces may follow the value on its line, and the next line must not close an
    // enclosing list or object (`[\n {..},\n {..}\n]`: the last element stands alone on its line).
    for (; at < work.length; at++) {
      const code = work.charCodeAt(at);
      if (code === 32 || code === 9 || code === 13 || code === 10) {
        if (code === 10) state.lineEnded = true;
        state.trail += work[at];
        continue;
      }
      if (state.lineEnded) {
        if (code === 93 || code === 125 || code === 44) return this.rejectBlock(state, work, at);
        return this.finishWithTrail(state, work, at);
      }
      // An end-of-turn token the server left in the text ends the line too.
      const token = code === 60 ? endOfTurnAt(work, at, final) : 0;
      if (token === "wait") {
        this.pending = work.slice(at);
        return STOP;
      }
      if (token > 0) return this.finishWithTrail(state, work, at);
      if (code === 59) {
        // `{..}; {..}`: calls listed on one line with a separator (Llama 3.2), or a trailing `;`.
        const next = this.separatorEnd(work, at, final);
        if (next === "wait") {
          this.pending = work.slice(at);
          return STOP;
        }
        if (next > 0) {
          state.trail += work.slice(at, next);
          const result = this.finishBlock(state, work, next, null, false);
          // What follows the separator counts as the start of a line.
          if (typeof result === "number" && this.state.kind === "text") this.atLineStart = true;
          return result;
        }
      }
      // Text follows the value on its line: only candidates that need not stand alone remain.
      const relaxed = state.candidates.filter((candidate) => !this.needsStandalone(candidate));
      if (relaxed.length === 0) return this.rejectBlock(state, work, at);
      state.candidates = relaxed;
      return this.finishWithTrail(state, work, at);
    }
    if (final) return this.finishWithTrail(state, work, at);
    this.pending = "";
    return STOP;
  }

  /** Ends a standalone value's block at `at`; the spaces and line breaks after the value are text. */
  private finishWithTrail(state: BlockState, work: string, at: number): number | Replay {
    const trail = state.trail;
    const next = this.finishBlock(state, work, at, null, false);
    if (typeof next === "number" && this.state.kind === "text") this.emitText(trail);
    return next;
  }

  /**
   * After a standalone value, a `;` (at `at`) followed by spaces and the end of the line or of
   * the output, or by a marker that opens another block: where the separator ends (the next
   * block's start, or the line's end), "wait" when the text ends before that is known, or 0
   * when it is text (`{..}; then ...`).
   */
  private separatorEnd(work: string, at: number, final: boolean): number | "wait" {
    let next = at + 1;
    while (next < work.length && (work.charCodeAt(next) === 32 || work.charCodeAt(next) === 9)) next++;
    if (next === work.length) return final ? next : "wait";
    const code = work.charCodeAt(next);
    if (code === 10 || code === 13) return next;
    const markers = this.compiled.markers;
    const match = markers.find(work, next);
    if (match?.index === next) {
      const entry = this.compiled.entries.get(match.marker)!;
      return entry.candidates[this.bareDisabled ? 3 : 1]!.length > 0 ? next : 0;
    }
    return !final && markers.holdIndex(work, next) === next ? "wait" : 0;
  }

  /** Asks the rule that would parse the body whether this closer belongs to the body. */
  private isLiteralClose(state: BlockState, marker: string): boolean {
    if (!state.candidates.some(hasLiteralClose)) return false;
    // Bounded so a flood of quoted closers cannot make the scan quadratic.
    if (state.literalChecks++ >= MAX_LITERAL_CHECKS) return false;
    const body = state.body.toString();
    const chosen =
      state.candidates.length === 1
        ? state.candidates[0]
        : state.candidates.find((candidate) => safeAccepts(candidate, body));
    // A close block's candidates never narrow: the block's end reuses this choice for this body.
    state.chosen = chosen;
    state.chosenAt = body.length;
    const end = chosen?.rule.end;
    if (end?.kind !== "close" || !end.literalClose) return false;
    try {
      return end.literalClose(body, marker, { tools: this.tools, auto: this.compiled.auto });
    } catch {
      return false;
    }
  }

  /**
   * When auto-detecting, an opener several formats share (`<tool_call>`) that the output never
   * closed, followed by a space and a word that no candidate reads as the start of a call, is a
   * tag named in prose rather than a cut-off call: no format writes a space then a word after it.
   */
  private isProseMention(state: BlockState, body: string): boolean {
    if (!this.compiled.auto || state.implicit || state.candidates.length < 2) return false;
    if (state.candidates[0]!.rule.end.kind !== "close" || !/^[ \t]+[^\s{[<]/.test(body)) return false;
    return !state.candidates.some((candidate) => safeAccepts(candidate, body));
  }

  /** Whether a value block's candidate requires the value to stand alone on its line here. */
  private needsStandalone(candidate: CompiledBlock): boolean {
    const end = candidate.rule.end;
    if (end.kind !== "value" || !end.standalone) return false;
    if (end.standalone === "auto" && !this.compiled.auto) return false;
    return !(this.compiled.auto && candidate.rule.inlineWithTools === true && this.tools.declared);
  }

  /** The block is abandoned early only when every candidate rule rejects it. */
  private earlyVerdict(state: BlockState, final: boolean): boolean {
    if (!state.canReject) return false;
    const ctx = { tools: this.tools, auto: this.compiled.auto };
    return state.candidates.every(
      (candidate) => candidate.rule.decide?.(state.head, final, ctx) === "reject",
    );
  }

  /** The opener was text after all: emit it and scan the body again from just after it. */
  private rejectBlock(state: BlockState, work: string, at: number): Replay {
    this.state = TEXT;
    if (!state.implicit) this.emitText(state.open);
    if (state.workId === this.workId && state.startInWork <= at) {
      return { work, index: state.startInWork };
    }
    const body = state.body.toString() + state.trail;
    return { work: body + work.slice(at), index: 0 };
  }

  private finishBlock(
    state: BlockState,
    work: string,
    at: number,
    close: string | null,
    truncated: boolean,
  ): number | Replay {
    const includeOpen = isIncludeOpen(state);
    const body = (includeOpen ? state.open : "") + state.body.toString();
    // `Do not output <tool_call> tags.`: a tag named in prose, never closed, is text (and what
    // follows it is scanned again as text).
    if (truncated && this.isProseMention(state, body)) return this.rejectBlock(state, work, at);
    const chosen =
      state.candidates.length === 1
        ? state.candidates[0]!
        : !includeOpen && state.chosenAt === body.length
          ? (state.chosen ?? state.candidates[0]!)
          : (state.candidates.find((candidate) => safeAccepts(candidate, body)) ?? state.candidates[0]!);
    const outcome = safeParse(chosen, body, {
      tools: this.tools,
      truncated,
      auto: this.compiled.auto,
      open: state.open,
      close,
    });
    this.state = TEXT;
    if (outcome.reject) {
      if (chosen.rule.end.kind === "value") {
        if (truncated) this.bareDisabled = true;
        return this.rejectBlock(state, work, at);
      }
      this.emitText((state.implicit ? "" : state.open) + state.body.toString() + (close ?? ""));
      return at;
    }
    this.atLineStart = false;
    const formatId = chosen.format.id;
    if (outcome.reasoning) {
      this.reasoning.append(outcome.reasoning);
      if (this.collect) this.emit({ type: "reasoning-delta", text: outcome.reasoning });
    }
    if (outcome.content) this.emitText(outcome.content);
    for (const draft of outcome.problems ?? []) this.addProblem(draft, formatId);
    for (const raw of outcome.calls ?? []) this.addCall(raw, formatId);
    return at;
  }

  // ---------------------------------------------------------------- output

  private emitText(text: string): void {
    if (text.length === 0) return;
    this.content.append(text);
    // Most text ends in a visible character: settle that without a call.
    const last = text.charCodeAt(text.length - 1);
    this.atLineStart =
      last === 10 || ((last === 32 || last === 9 || last === 13) && this.lineStartAfter(text));
    if (this.collect) this.emit({ type: "text-delta", text });
  }

  private addProblem(draft: ProblemDraft, format: FormatId, suggestion?: string): void {
    const problem: ParseProblem = suggestion ? { ...draft, format, suggestion } : { ...draft, format };
    this.problems.push(problem);
    if (this.collect) this.emit({ type: "problem", problem });
  }

  private addCall(raw: RawCall, format: FormatId): void {
    const normalized = normalizeCall(raw, this.tools);
    if (!normalized.ok) {
      this.addProblem(normalized.problem, format);
      return;
    }
    if (normalized.problem) {
      const suggestion = this.tools.closest(normalized.problem.toolName ?? normalized.name);
      this.addProblem(normalized.problem, format, suggestion);
    }
    const id = normalized.id ?? `${this.idPrefix}${this.calls.length}`;
    const call: ToolCall = { id, name: normalized.name, arguments: normalized.arguments };
    this.calls.push(call);
    this.callFormats.push(format);
    this.detected ??= format;
    if (this.collect) {
      this.emit({ type: "tool-call-start", id, name: call.name });
      this.emit(argumentsDeltaEvent(id, call.arguments));
      this.emit({ type: "tool-call-end", call });
    }
  }

  /** An orphan reasoning closer: what came before it was reasoning begun in the prompt. */
  private retractAsReasoning(): void {
    this.reasoningSeen = true;
    const text = this.content.toString();
    const callIds = this.calls.map((call) => call.id);
    for (const [index, call] of this.calls.entries()) {
      this.reasoningCalls.push({
        call: { name: call.name, arguments: call.arguments },
        format: this.callFormats[index]!,
      });
    }
    this.calls.length = 0;
    this.callFormats.length = 0;
    this.content.clear();
    this.detected = null;
    this.reasoning.append(text);
    this.atLineStart = true;
    if (this.collect && (text.length > 0 || callIds.length > 0)) {
      this.emit({ type: "retract", text, callIds });
      if (text.length > 0) this.emit({ type: "reasoning-delta", text });
    }
  }

  /** Calls written only inside reasoning: promoted or reported, per the format's policy. */
  private settleReasoningCalls(): void {
    if (this.reasoningCalls.length === 0) return;
    const outside = new Set(this.calls.map((call) => callKey(call.name, call.arguments)));
    if (this.calls.length > 0) {
      for (const { call, format } of this.reasoningCalls) {
        if (outside.has(callKey(call.name, call.arguments))) continue;
        this.addProblem(
          {
            code: "call-in-reasoning",
            message: `a call to ${call.name} drafted inside the reasoning was ignored: the calls after the reasoning win`,
            raw: JSON.stringify(call),
            toolName: call.name,
          },
          format,
        );
      }
      return;
    }
    for (const { call, format, owner } of this.reasoningCalls) {
      // The given format's policy; when auto-detecting, that of the format owning the region.
      const policy = this.compiled.format?.reasoningCalls ?? owner?.policy ?? "promote";
      if (policy === "promote") this.addCall(call, format);
      else {
        this.addProblem(
          {
            code: "call-in-reasoning",
            message: `the model called ${call.name} only inside its reasoning; ${this.compiled.format?.id ?? owner?.id ?? format} does not run such calls`,
            raw: JSON.stringify(call),
            toolName: call.name,
          },
          format,
        );
      }
    }
  }
}

interface Replay {
  readonly work: string;
  readonly index: number;
}

const STOP = -1;
const NO_EVENTS: readonly ParserEvent[] = Object.freeze([]);

/**
 * The tool-call-delta event, whose JSON text is serialized when first read: `argumentsDelta` is
 * an own, enumerable accessor (spreading or JSON.stringify of the event carries the text), so
 * consumers that only use tool-call-end never pay for it. A class with one shared accessor is
 * about twice as cheap to create as an object literal with its own getter.
 */
class ToolCallDeltaEvent {
  static readonly #argumentsDelta: PropertyDescriptor = {
    get(this: ToolCallDeltaEvent): string {
      this.#text ??= JSON.stringify(this.#arguments);
      return this.#text;
    },
    enumerable: true,
  };
  readonly type = "tool-call-delta";
  readonly id: string;
  /** Defined per instance in the constructor, as the shared accessor above. */
  declare readonly argumentsDelta: string;
  readonly #arguments: Record<string, unknown>;
  #text: string | undefined;

  constructor(id: string, args: Record<string, unknown>) {
    this.id = id;
    this.#arguments = args;
    Object.defineProperty(this, "argumentsDelta", ToolCallDeltaEvent.#argumentsDelta);
  }
}

function argumentsDeltaEvent(id: string, args: Record<string, unknown>): ParserEvent {
  return new ToolCallDeltaEvent(id, args);
}

function skipRepeatedOpener(
  work: string,
  i: number,
  openers: readonly string[],
  final: boolean,
): number | "wait" {
  let j = i;
  while (j < work.length && /\s/.test(work[j]!)) j++;
  const rest = work.slice(j, j + 64);
  for (const opener of openers) {
    if (opener.length === 0) continue;
    if (rest.startsWith(opener)) return j + opener.length;
    if (!final && j + opener.length > work.length && opener.startsWith(rest)) return "wait";
  }
  return i;
}

function defaultValueStart(head: string): number | "wait" | "none" {
  for (let i = 0; i < head.length; i++) {
    const code = head.charCodeAt(i);
    if (code === 32 || code === 10 || code === 13 || code === 9) continue;
    return code === 123 || code === 91 ? i : "none";
  }
  return "wait";
}

/** Close marker sets per end rule (rules are static data of their formats), built once. */
const closeSetCache = new WeakMap<object, MarkerSet>();

function closeMarkers(end: {
  readonly close: readonly string[];
  readonly stopBefore?: readonly string[];
}): MarkerSet {
  let set = closeSetCache.get(end);
  if (set === undefined) {
    set = new MarkerSet([...end.close, ...(end.stopBefore ?? [])]);
    closeSetCache.set(end, set);
  }
  return set;
}

/**
 * Whether a longer marker may still be arriving at or before `match` (near the end of `work`):
 * the match's own marker begins a longer one, or a marker character precedes it in the last
 * marker-length of text. Otherwise no position up to the match can hold a marker's beginning.
 */
function mayGrow(markers: MarkerSet, work: string, from: number, match: MarkerMatch): boolean {
  if (markers.isExtendable(match.marker)) return true;
  const lead = markers.firstCandidate(work, Math.max(from, work.length - markers.maxLength + 1));
  return lead >= 0 && lead < match.index;
}

/** The close markers of a block's candidates together (an opener's lists are built once). */
const candidateCloseSets = new WeakMap<readonly CompiledBlock[], MarkerSet>();

function closeMarkersOf(candidates: readonly CompiledBlock[]): MarkerSet {
  const first = candidates[0]!.rule.end;
  if (candidates.length === 1 && first.kind === "close") return closeMarkers(first);
  let set = candidateCloseSets.get(candidates);
  if (set === undefined) {
    const markers: string[] = [];
    for (const candidate of candidates) {
      const end = candidate.rule.end;
      if (end.kind === "close") markers.push(...end.close, ...(end.stopBefore ?? []));
    }
    set = new MarkerSet(markers);
    candidateCloseSets.set(candidates, set);
  }
  return set;
}

/** Whether `marker` is one of the candidate's close or stop-before markers. */
function endsBlock(candidate: CompiledBlock, marker: string): boolean {
  const end = candidate.rule.end;
  return end.kind === "close" && (end.close.includes(marker) || (end.stopBefore?.includes(marker) ?? false));
}

function isStopBefore(state: BlockState, marker: string): boolean {
  const end = state.candidates[0]!.rule.end;
  return end.kind === "close" && (end.stopBefore?.includes(marker) ?? false) && !end.close.includes(marker);
}

function hasLiteralClose(candidate: CompiledBlock): boolean {
  return candidate.rule.end.kind === "close" && candidate.rule.end.literalClose !== undefined;
}

function isIncludeOpen(state: BlockState): boolean {
  const end = state.candidates[0]!.rule.end;
  return end.kind === "value" && end.includeOpen === true;
}

function safeAccepts(candidate: CompiledBlock, body: string): boolean {
  try {
    return candidate.rule.accepts ? candidate.rule.accepts(body) : true;
  } catch {
    return false;
  }
}

function safeParse(
  candidate: CompiledBlock,
  body: string,
  ctx: Parameters<CompiledBlock["rule"]["parse"]>[1],
): BlockOutcome {
  try {
    return candidate.rule.parse(body, ctx);
  } catch (error) {
    // A format's parser must not throw; if one does, the block is reported, never lost.
    return {
      problems: [
        {
          code: "malformed-call",
          message: `the ${candidate.format.id} parser failed on this block: ${error instanceof Error ? error.message : String(error)}`,
          raw: ctx.open + body,
        },
      ],
      content: ctx.open + body + (ctx.close ?? ""),
    };
  }
}

function callKey(name: string, args: unknown): string {
  return `${name}\u0000${stableStringify(args)}`;
}

function stableStringify(value: unknown): string {
  if (value === null || typeof value !== "object") return JSON.stringify(value) ?? "null";
  if (Array.isArray(value)) return `[${value.map(stableStringify).join(",")}]`;
  const record = value as Record<string, unknown>;
  return `{${Object.keys(record)
    .sort()
    .map((key) => `${JSON.stringify(key)}:${stableStringify(record[key])}`)
    .join(",")}}`;
}
