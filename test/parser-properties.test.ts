/**
 * Property tests over random text built from every format's markers: the parser never throws,
 * streaming under any chunking equals one-shot, and the events add up to the result.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { compileFormats } from "../src/parser/compile-formats.ts";
import { allFormats } from "../src/parser/formats/index.ts";
import { parseToolCalls } from "../src/parser/parse-tool-calls.ts";
import { StreamParser } from "../src/parser/stream-parser.ts";
import { ToolIndex } from "../src/parser/tool-index.ts";
import { FORMAT_IDS, type FormatId, type ParseResult, type ParserEvent } from "../src/parser/types.ts";

const autoMarkers = compileFormats("auto", ToolIndex.empty).markers.markers;
const FRAGMENTS = [
  ...autoMarkers,
  ...autoMarkers.map((marker) => marker.slice(0, Math.ceil(marker.length / 2))),
  '{"name": "get_weather", "arguments": {"city": "Paris"}}',
  '[{"name": "a", "arguments": {}}]',
  'get_weather(city="Paris")',
  "<function=f>",
  "<parameter=x>",
  "</parameter>",
  "</function>",
  "</think>",
  "<think>",
  "NAME",
  "\n",
  "\r",
  "\r\n",
  "\t",
  " ",
  "{",
  "}",
  "[",
  "]",
  '"',
  "'",
  ":",
  ",",
];

const textArbitrary = fc
  .array(
    fc.oneof(
      fc.constantFrom(...FRAGMENTS),
      fc.string({ maxLength: 6 }),
      fc.string({ unit: "grapheme", maxLength: 3 }),
    ),
    {
      maxLength: 40,
    },
  )
  .map((parts) => parts.join(""));

/**
 * Text dense in markers' first characters, prefixes, newlines and spaces: small chunks then
 * hold several lead characters at once, the case the scanner's short-chunk paths must get right.
 */
const shortChunkText = fc
  .array(
    fc.oneof(
      fc.constantFrom(...FRAGMENTS),
      fc.constantFrom(...new Set(autoMarkers.map((marker) => marker[0]!)), "\n", " ", "a"),
      fc.constantFrom(...autoMarkers.map((marker) => marker.slice(0, 2))),
    ),
    { maxLength: 40 },
  )
  .map((parts) => parts.join(""));

const formatArbitrary = fc.constantFrom<FormatId | "auto">(
  "auto",
  ...allFormats().map((format) => format.id),
);

function splitAt(text: string, cuts: number[]): string[] {
  const points = [...new Set(cuts.map((cut) => cut % (text.length + 1)))].sort((a, b) => a - b);
  const chunks: string[] = [];
  let last = 0;
  for (const point of points) {
    chunks.push(text.slice(last, point));
    last = point;
  }
  chunks.push(text.slice(last));
  return chunks;
}

function runStream(
  chunks: string[],
  format: FormatId | "auto",
): { result: ParseResult; events: ParserEvent[] } {
  const parser = new StreamParser({ format });
  const events: ParserEvent[] = [];
  for (const chunk of chunks) events.push(...parser.feed(chunk));
  const end = parser.end();
  events.push(...end.events);
  return { result: end.result, events };
}

describe("parser properties", () => {
  it("implements every format id", () => {
    expect(
      allFormats()
        .map((format) => format.id)
        .sort(),
    ).toEqual([...FORMAT_IDS].sort());
  });

  it("never throws, and streaming equals one-shot under random chunkings", () => {
    fc.assert(
      fc.property(
        textArbitrary,
        formatArbitrary,
        fc.array(fc.nat(), { maxLength: 12 }),
        (text, format, cuts) => {
          const oneShot = parseToolCalls(text, { format });
          expect(runStream(splitAt(text, cuts), format).result).toEqual(oneShot);
          expect(runStream([...text], format).result).toEqual(oneShot);
        },
      ),
      { numRuns: 600, seed: 20261122 },
    );
  });

  it("streaming in small chunks (1-6 characters, the scanner's short-chunk paths) equals one-shot", () => {
    fc.assert(
      fc.property(
        shortChunkText,
        fc.oneof(fc.constant<FormatId | "auto">("auto"), formatArbitrary),
        fc.array(fc.integer({ min: 1, max: 6 }), { minLength: 1, maxLength: 8 }),
        (text, format, sizes) => {
          const chunks: string[] = [];
          for (let at = 0, k = 0; at < text.length; k++) {
            const size = sizes[k % sizes.length]!;
            chunks.push(text.slice(at, at + size));
            at += size;
          }
          expect(runStream(chunks, format).result).toEqual(parseToolCalls(text, { format }));
        },
      ),
      { numRuns: 1500, seed: 4242 },
    );
  });

  it("prose with brackets and comparison signs streams like one-shot in every small chunking", () => {
    // '[' alone is a line-start-only marker in auto (a pythonic or JSON list) and begins
    // markers that count anywhere ([TOOL_CALLS]); mid-line it is text, at a line start a list.
    const text =
      'Costs [mostly salaries] stayed flat; a < b and b > c.\n[get_weather(city="Oslo")]\nthen [TOOL_CALLS] [{"name": "get_weather", "arguments": {}}]';
    for (const tools of [undefined, [{ name: "get_weather" }]]) {
      const oneShot = parseToolCalls(text, { tools });
      for (let max = 1; max <= 5; max++) {
        const parser = new StreamParser({ tools });
        for (let at = 0, size = 1; at < text.length; at += size, size = (size % max) + 1)
          parser.feed(text.slice(at, at + size));
        expect(parser.end().result).toEqual(oneShot);
      }
    }
  });

  it("events add up to the result: text deltas, reasoning deltas and calls", () => {
    fc.assert(
      fc.property(
        textArbitrary,
        formatArbitrary,
        fc.array(fc.nat(), { maxLength: 12 }),
        (text, format, cuts) => {
          const { result, events } = runStream(splitAt(text, cuts), format);
          let content = "";
          let reasoning = "";
          let calls: string[] = [];
          for (const event of events) {
            if (event.type === "text-delta") content += event.text;
            else if (event.type === "reasoning-delta") reasoning += event.text;
            else if (event.type === "tool-call-end") calls.push(event.call.id);
            else if (event.type === "retract") {
              content = content.slice(event.text.length);
              calls = calls.filter((id) => !event.callIds.includes(id));
            }
          }
          expect(content).toEqual(result.content);
          expect(reasoning).toEqual(result.reasoning);
          expect(calls).toEqual(result.toolCalls.map((call) => call.id));
        },
      ),
      { numRuns: 400, seed: 7 },
    );
  });

  it("never emits a marker fragment that a longer chunk would have parsed", () => {
    // Streaming "<tool_call>" one character at a time must not leak "<" or "<tool" as text.
    const parser = new StreamParser({ format: "hermes" });
    const text = 'ok <tool_call>{"name": "a", "arguments": {}}</tool_call>';
    let content = "";
    for (const char of text) {
      for (const event of parser.feed(char)) if (event.type === "text-delta") content += event.text;
    }
    for (const event of parser.end().events) if (event.type === "text-delta") content += event.text;
    expect(content).toBe("ok ");
  });

  it("treats a carriage return before a line-start marker the same streamed and one-shot", () => {
    // Regression: the streaming fast path once read "\r" as text before a line-start-only marker.
    const cases: [string, string[]][] = [
      [
        'Hi\n\r{"name": "get_weather", "arguments": {"city": "Paris"}}\n',
        ["Hi\n", "\r{", '"name": "get_weather", "arguments": {"city": "Paris"}}\n'],
      ],
      [
        'ok\n\rto=functions.get_weather<|channel|>commentary json<|message|>{"city": "x"}',
        ["ok\n", "\rto=", 'functions.get_weather<|channel|>commentary json<|message|>{"city": "x"}'],
      ],
    ];
    for (const [text, chunks] of cases) {
      const tools = [{ name: "get_weather" }];
      const oneShot = parseToolCalls(text, { tools });
      expect(oneShot.toolCalls.map((call) => call.name)).toEqual(["get_weather"]);
      const parser = new StreamParser({ tools });
      for (const chunk of chunks) parser.feed(chunk);
      expect(parser.end().result).toEqual(oneShot);
    }
  });

  it("streaming equals one-shot with declared tools (openers built from the tool names)", () => {
    const tools = [
      { name: "get_weather", parameters: { type: "object", properties: { city: { type: "string" } } } },
      { name: "calc" },
    ];
    const withTools = compileFormats("auto", new ToolIndex(tools)).markers.markers;
    const fragments = [
      ...withTools,
      ...FRAGMENTS,
      "Action: get_weather",
      "Action Input: ",
      "\nObservation:",
      "Final Answer:",
      "city='Paris'",
      ")",
      "(",
      "print(",
    ];
    const text = fc
      .array(fc.oneof(fc.constantFrom(...fragments), fc.string({ maxLength: 4 })), { maxLength: 30 })
      .map((parts) => parts.join(""));
    const formats = fc.constantFrom<FormatId | "auto">(
      "auto",
      "pythonic",
      "react",
      "granite_20b_fc",
      "morph_xml",
    );
    fc.assert(
      fc.property(
        text,
        formats,
        fc.array(fc.integer({ min: 1, max: 4 }), { minLength: 1, maxLength: 6 }),
        (t, format, sizes) => {
          const chunks: string[] = [];
          for (let at = 0, k = 0; at < t.length; k++) {
            const size = sizes[k % sizes.length]!;
            chunks.push(t.slice(at, at + size));
            at += size;
          }
          const oneShot = parseToolCalls(t, { format, tools });
          const parser = new StreamParser({ format, tools });
          for (const chunk of chunks) parser.feed(chunk);
          expect(parser.end().result).toEqual(oneShot);
        },
      ),
      { numRuns: 800, seed: 99 },
    );
  });
});
