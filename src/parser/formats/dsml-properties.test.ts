/**
 * Property check over text built from the DSML family's markers (and their halves): never
 * throws, and every chunking gives the one-shot result, format given or auto-detected.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { parseToolCalls } from "../parse-tool-calls.ts";
import { StreamParser } from "../stream-parser.ts";

const MARKERS = [
  "<｜DSML｜function_calls>",
  "</｜DSML｜function_calls>",
  "<｜DSML｜tool_calls>",
  "</｜DSML｜tool_calls>",
  '<｜DSML｜invoke name="f">',
  "</｜DSML｜invoke>",
  '<｜DSML｜parameter name="k" string="false">',
  '<｜DSML｜parameter name="k" string="true">',
  "</｜DSML｜parameter>",
  "<function_calls>",
  "</function_calls>",
  '<invoke name="g">',
  "</invoke>",
  "<think>",
  "</think>",
  "<|open|>think<|sep|>",
  "<|close|>think<|sep|>",
  "<|open|>response<|sep|>",
  "<|close|>response<|sep|>",
  "<|open|>tools<|sep|>",
  "<|close|>tools<|sep|>",
  '<|open|>call tool="t" index="1"<|sep|>',
  "<|close|>call<|sep|>",
  '<|open|>argument key="a" type="number"<|sep|>',
  '<|open|>argument key="b" type="string"<|sep|>',
  "<|close|>argument<|sep|>",
  "<|open|>json<|sep|>",
  "<|close|>json<|sep|>",
  "<|close|>message<|sep|>",
  "<|end_of_msg|>",
];
const FRAGMENTS = [
  ...MARKERS,
  ...MARKERS.map((marker) => marker.slice(0, Math.ceil(marker.length / 2))),
  "{",
  "}",
  '"',
  "1",
  "x",
  " ",
  "\n",
  "null",
];

function streamed(text: string, sizes: readonly number[], options: Parameters<typeof parseToolCalls>[1]) {
  const parser = new StreamParser(options);
  for (let at = 0, step = 0; at < text.length; step++) {
    const size = sizes[step % sizes.length]!;
    parser.feed(text.slice(at, at + size));
    at += size;
  }
  return parser.end().result;
}

describe("dsml formats, properties", () => {
  it("stream like they parse one-shot, under any chunking", () => {
    fc.assert(
      fc.property(
        fc.array(fc.constantFrom(...FRAGMENTS), { maxLength: 24 }),
        fc.constantFrom("deepseek_v32", "deepseek_v4", "kimi_k3", "auto"),
        fc.array(fc.integer({ min: 1, max: 9 }), { minLength: 1, maxLength: 8 }),
        fc.boolean(),
        (parts, format, sizes, startInReasoning) => {
          const text = parts.join("");
          const options = { format: format as "auto", startInReasoning };
          expect(streamed(text, sizes, options)).toEqual(parseToolCalls(text, options));
        },
      ),
      { numRuns: 600, seed: 7 },
    );
  });
});
