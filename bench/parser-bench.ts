/**
 * Parser benchmark: one-shot throughput against JSON.parse over the same call bodies, streaming
 * in 1-4 character chunks against one-shot, and 2 MB against 1 MB of adversarial input.
 */
import { parseToolCalls } from "../src/parser/parse-tool-calls.ts";
import { StreamParser } from "../src/parser/stream-parser.ts";
import type { FormatId } from "../src/parser/types.ts";
import { type Check, interleavedMeansMs, mb } from "./measure.ts";

const PROSE = [
  "The forecast for the coming week shows a mix of sun and clouds, with temperatures rising slowly. ",
  "I looked at the numbers you sent: revenue grew 12% while costs [mostly salaries] stayed flat. ",
  "To answer that, I need the current weather and the exchange rate, so I will call two tools. ",
  "Note that a < b and b > c in this case; the function f(x) = {x + 1} is monotonic. ",
];

function callBody(index: number): string {
  return JSON.stringify({
    name: index % 2 === 0 ? "get_weather" : "convert_currency",
    arguments: { city: `City number ${index}`, unit: "celsius", days: index % 7, include: ["wind", "rain"] },
  });
}

/** A document of prose and hermes calls of at least `minBytes`, with its call bodies. */
export function buildDocument(minBytes: number): { text: string; bodies: string[] } {
  const parts: string[] = [];
  const bodies: string[] = [];
  let size = 0;
  for (let i = 0; size < minBytes; i++) {
    const prose = `${PROSE[i % PROSE.length]}${PROSE[(i + 1) % PROSE.length]}\n`;
    const body = callBody(i);
    bodies.push(body);
    const block = `<tool_call>\n${body}\n</tool_call>\n`;
    parts.push(prose, block);
    size += prose.length + block.length;
  }
  return { text: parts.join(""), bodies };
}

/**
 * Input that defeats naive scanners: markers that never close, brackets that never balance,
 * bare `{` at line starts, and partial markers, so every candidate runs to the end of input.
 */
function adversarial(bytes: number): string {
  const unit =
    '{"name": "x", "arguments": {"a": [1, {"b": "<tool_call> { [ ( unclosed\n{ "k": <think> [TOOL_CALLS] <tool_ca\n[ f(x=\n';
  return unit.repeat(Math.ceil(bytes / unit.length)).slice(0, bytes);
}

function chunks14(text: string): string[] {
  const pieces: string[] = [];
  for (let i = 0, size = 1; i < text.length; i += size, size = (size % 4) + 1)
    pieces.push(text.slice(i, i + size));
  return pieces;
}

/**
 * How a streaming consumer receives events: pushed to `onEvent`, returned as a list by each
 * `feed()`, or not at all (the result only, as `tooluse parse --stream`). Every event is
 * consumed (counted), so the runtime cannot skip building it.
 */
type EventMode = "onEvent" | "lists" | "none";

function streamAll(pieces: readonly string[], format: FormatId | "auto", mode: EventMode): number {
  let events = 0;
  const parser =
    mode === "onEvent"
      ? new StreamParser({
          format,
          onEvent: () => {
            events += 1;
          },
        })
      : new StreamParser({ format, events: mode === "lists" });
  for (let i = 0; i < pieces.length; i++) {
    const count = parser.feed(pieces[i]!).length;
    events += count;
  }
  const last = parser.end().events.length;
  return events + last;
}

/**
 * The floor of any chunk-at-a-time event API: per chunk, scan it for a marker character, keep
 * it (a string flattened every 4 KB, as the parser keeps content) and push one event object to
 * a callback. No parsing at all.
 */
function minimalFeedLoop(pieces: readonly string[]): number {
  let events = 0;
  const kept: string[] = [];
  let content = "";
  const onEvent = (_event: { type: string; text: string }): void => {
    events += 1;
  };
  const feed = (chunk: string): void => {
    for (let i = 0; i < chunk.length; i++) if (chunk.charCodeAt(i) === 60) return;
    content += chunk;
    if (content.length >= 4096) {
      content.charCodeAt(0);
      kept.push(content);
      content = "";
    }
    onEvent({ type: "text-delta", text: chunk });
  };
  for (let i = 0; i < pieces.length; i++) feed(pieces[i]!);
  return events + kept.length;
}

/**
 * Enough warm-up for every path to reach the optimizing compiler, then the mean of 30
 * interleaved runs each: steady-state numbers, garbage collection included.
 */
const STEADY = { warmup: 10, runs: 30 };

/** One section of the parser benchmark, run in a fresh process so sections do not share JIT or heap state. */
export function runParserSection(section: string): Promise<Check[]> {
  const [kind, format] = section.split(":") as ["document" | "adversarial", "hermes" | "auto"];
  return kind === "document" ? documentChecks(format) : adversarialChecks(format);
}

export const PARSER_SECTIONS = ["document:hermes", "document:auto", "adversarial:hermes", "adversarial:auto"];

async function documentChecks(format: "hermes" | "auto"): Promise<Check[]> {
  const { text, bodies } = buildDocument(1024 * 1024);
  const bodyBytes = bodies.reduce((sum, body) => sum + body.length, 0);
  let calls = 0;
  const [jsonMs, oneShotMs] = await interleavedMeansMs(
    () => {
      for (const body of bodies) JSON.parse(body);
    },
    () => {
      calls = parseToolCalls(text, { format }).toolCalls.length;
    },
    STEADY,
  );
  if (calls !== bodies.length)
    throw new Error(`expected ${bodies.length} calls with ${format}, got ${calls}`);
  const jsonMbps = mb(bodyBytes) / (jsonMs / 1000);
  const mbps = mb(text.length) / (oneShotMs / 1000);
  console.log(
    `[${format}] document ${mb(text.length).toFixed(2)} MB with ${bodies.length} calls (bodies ${mb(bodyBytes).toFixed(2)} MB)`,
  );
  console.log(
    `[${format}] JSON.parse over the call bodies: ${jsonMs.toFixed(1)} ms, ${jsonMbps.toFixed(0)} MB/s`,
  );
  console.log(`[${format}] one-shot: ${oneShotMs.toFixed(1)} ms, ${mbps.toFixed(0)} MB/s`);
  const pieces = chunks14(text);
  const [baseMs, streamMs] = await interleavedMeansMs(
    () => parseToolCalls(text, { format }),
    () => streamAll(pieces, format, "onEvent"),
    STEADY,
  );
  console.log(
    `[${format}] streamed in 1-4 char chunks (${pieces.length} feeds), events pushed to onEvent: ${streamMs.toFixed(1)} ms vs one-shot ${baseMs.toFixed(1)} ms (${(streamMs / baseMs).toFixed(2)}x)`,
  );
  // For reference, the same events returned as a list by each feed() (one list per chunk).
  const [baseListMs, listMs] = await interleavedMeansMs(
    () => parseToolCalls(text, { format }),
    () => streamAll(pieces, format, "lists"),
    STEADY,
  );
  console.log(
    `[${format}] the same with event lists returned by feed(): ${listMs.toFixed(1)} ms vs one-shot ${baseListMs.toFixed(1)} ms (${(listMs / baseListMs).toFixed(2)}x)`,
  );
  // For reference, the floor any chunk-at-a-time event API pays (no parsing at all).
  const [floorBaseMs, floorMs] = await interleavedMeansMs(
    () => parseToolCalls(text, { format }),
    () => minimalFeedLoop(pieces),
    STEADY,
  );
  console.log(
    `[${format}] floor of a minimal feed loop over the same chunks: ${floorMs.toFixed(1)} ms vs one-shot ${floorBaseMs.toFixed(1)} ms (${(floorMs / floorBaseMs).toFixed(2)}x)`,
  );
  // For reference, the result-only stream `tooluse parse --stream` runs (no event objects).
  const [baseQuietMs, quietMs] = await interleavedMeansMs(
    () => parseToolCalls(text, { format }),
    () => streamAll(pieces, format, "none"),
    STEADY,
  );
  console.log(
    `[${format}] the same without events (tooluse parse --stream): ${quietMs.toFixed(1)} ms vs one-shot ${baseQuietMs.toFixed(1)} ms (${(quietMs / baseQuietMs).toFixed(2)}x)`,
  );
  return [
    {
      name: `one-shot MB/s (${format}) / JSON.parse MB/s`,
      value: mbps / jsonMbps,
      target: ">= 0.5",
      ok: mbps / jsonMbps >= 0.5,
    },
    {
      name: `streaming (events to onEvent) time / one-shot (${format})`,
      value: streamMs / baseMs,
      target: "<= 3",
      ok: streamMs / baseMs <= 3,
    },
  ];
}

async function adversarialChecks(format: "hermes" | "auto"): Promise<Check[]> {
  const one = adversarial(1024 * 1024);
  const two = adversarial(2 * 1024 * 1024);
  const [oneMs, twoMs] = await interleavedMeansMs(
    () => parseToolCalls(one, { format }),
    () => parseToolCalls(two, { format }),
  );
  console.log(`[${format}] adversarial: 1 MB ${oneMs.toFixed(1)} ms, 2 MB ${twoMs.toFixed(1)} ms`);
  return [
    {
      name: `adversarial 2 MB time / 1 MB time (${format})`,
      value: twoMs / oneMs,
      target: "<= 2.2",
      ok: twoMs / oneMs <= 2.2,
    },
  ];
}
