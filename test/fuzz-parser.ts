/**
 * `npm run fuzz -- [SECONDS] [SEED]`: mutates the corpora's real model outputs (cut, spliced with
 * another output, a marker inserted, a span removed), parses each with its family, another
 * format or auto-detection, with and without its tools, and streams it in random 1-6 character
 * chunks. Streaming must equal one-shot and nothing may throw; the first few counterexamples are
 * printed as JSON (text, format, tools, chunks) ready to become a test. Exits 1 when one is found.
 */
import { readdirSync, readFileSync } from "node:fs";
import { isDeepStrictEqual } from "node:util";
import { compileFormats } from "../src/parser/compile-formats.ts";
import { allFormats } from "../src/parser/formats/index.ts";
import { parseToolCalls } from "../src/parser/parse-tool-calls.ts";
import { StreamParser } from "../src/parser/stream-parser.ts";
import { ToolIndex } from "../src/parser/tool-index.ts";
import type { ToolInput } from "../src/parser/types.ts";

interface Case {
  readonly text: string;
  readonly family: string;
  readonly tools?: ToolInput[];
}

const seconds = Number(process.argv[2] ?? 60);
let seed = Number(process.argv[3] ?? Date.now() % 100_000);
const firstSeed = seed;

/** A small linear congruential generator: the same seed gives the same run. */
function random(): number {
  seed = (seed * 1103515245 + 12345) & 0x7fffffff;
  return seed / 0x7fffffff;
}

function pick<T>(items: readonly T[]): T {
  return items[Math.floor(random() * items.length)]!;
}

const root = new URL("../", import.meta.url);
const files = [
  new URL("fixtures/corpus/tool-calls.jsonl", root),
  ...readdirSync(new URL("fixtures/extra/", root))
    .filter((name) => name.endsWith(".jsonl"))
    .map((name) => new URL(`fixtures/extra/${name}`, root)),
];
const cases: Case[] = files.flatMap((file) =>
  readFileSync(file, "utf8")
    .split("\n")
    .filter((line) => line.trim())
    .map((line) => JSON.parse(line) as Case),
);
const markers = compileFormats("auto", ToolIndex.empty).markers.markers;
const formats = ["auto", ...allFormats().map((format) => format.id)];

function mutate(text: string): string {
  const kind = random();
  const at = Math.floor(random() * (text.length + 1));
  if (kind < 0.25) return text;
  if (kind < 0.5) return text.slice(0, at);
  if (kind < 0.7) return text.slice(0, at) + pick(markers) + text.slice(at);
  if (kind < 0.85) {
    const other = pick(cases).text;
    return text + pick(["", "\n", " "]) + other.slice(0, Math.floor(random() * (other.length + 1)));
  }
  const end = Math.floor(random() * (text.length + 1));
  return text.slice(0, Math.min(at, end)) + text.slice(Math.max(at, end));
}

const deadline = Date.now() + seconds * 1000;
let runs = 0;
let found = 0;
while (Date.now() < deadline && found < 5) {
  const source = pick(cases);
  const text = mutate(source.text);
  const format = random() < 0.5 ? source.family : pick(formats);
  const tools = random() < 0.5 ? source.tools : undefined;
  const chunks: string[] = [];
  const largest = 1 + Math.floor(random() * 6);
  for (let at = 0; at < text.length; ) {
    const size = 1 + Math.floor(random() * largest);
    chunks.push(text.slice(at, at + size));
    at += size;
  }
  const options = { format, tools };
  runs += 1;
  try {
    const oneShot = parseToolCalls(text, options);
    const parser = new StreamParser(options);
    for (const chunk of chunks) parser.feed(chunk);
    const streamed = parser.end().result;
    if (!isDeepStrictEqual(streamed, oneShot)) {
      found += 1;
      console.log(JSON.stringify({ mismatch: { text, format, tools, chunks } }));
    }
  } catch (error) {
    found += 1;
    console.log(JSON.stringify({ threw: String(error), text, format, tools, chunks }));
  }
}
console.log(`${runs} cases from ${cases.length} outputs (seed ${firstSeed}): ${found} counterexample(s)`);
process.exitCode = found > 0 ? 1 : 0;
