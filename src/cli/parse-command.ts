/**
 * `tooluse parse`: JSON Lines in (one case per line), JSON Lines out (one result per line).
 * A bad line gets an error object on its line and the rest go on.
 */
import { createInterface } from "node:readline";
import { z } from "zod";
import { ToolUseError } from "../errors.ts";
import { checkFormat } from "../parser/format-aliases.ts";
import { parseToolCalls } from "../parser/parse-tool-calls.ts";
import { StreamParser } from "../parser/stream-parser.ts";
import { normalizeTools } from "../parser/tool-index.ts";
import type { FormatId, ParseResult, ToolSpec } from "../parser/types.ts";

const CaseLine = z.object({
  text: z.string(),
  format: z.string().optional(),
  tools: z.array(z.unknown()).optional(),
  chunks: z.array(z.string()).optional(),
});

export interface ParseCommandOptions {
  readonly format?: string;
  readonly stream: boolean;
  /** Declared tools for lines that give none (`--tools FILE`). */
  readonly tools?: readonly ToolSpec[];
}

/** The output line for one input line (never throws). */
export function parseLine(line: string, options: ParseCommandOptions): string {
  let input: unknown;
  try {
    input = JSON.parse(line);
  } catch (error) {
    return errorLine("invalid-input", `the line is not JSON: ${(error as Error).message}`);
  }
  const checked = CaseLine.safeParse(input);
  if (!checked.success) {
    const issue = checked.error.issues[0]!;
    return errorLine("invalid-input", `${issue.path.join(".") || "line"}: ${issue.message}`);
  }
  try {
    const format = checkFormat(options.format ?? checked.data.format);
    const tools =
      checked.data.tools === undefined && options.tools
        ? [...options.tools]
        : normalizeTools(checked.data.tools);
    const result = options.stream
      ? parseStreamed(checked.data.chunks ?? smallPieces(checked.data.text), format, tools)
      : parseToolCalls(checked.data.text, { format, tools });
    return JSON.stringify(toOutput(result));
  } catch (error) {
    if (ToolUseError.is(error)) return errorLine(error.code, error.message);
    throw error;
  }
}

function parseStreamed(chunks: readonly string[], format: FormatId | "auto", tools: ToolSpec[]): ParseResult {
  const parser = new StreamParser({ format, tools, events: false });
  for (const chunk of chunks) parser.feed(chunk);
  return parser.end().result;
}

/** Deterministic 1-4 character pieces, for --stream without recorded chunks. */
export function smallPieces(text: string): string[] {
  const pieces: string[] = [];
  for (let i = 0, size = 1; i < text.length; i += size, size = (size % 4) + 1) {
    pieces.push(text.slice(i, i + size));
  }
  return pieces;
}

export function toOutput(result: ParseResult) {
  return {
    format: result.format,
    tool_calls: result.toolCalls.map((call) => ({ id: call.id, name: call.name, arguments: call.arguments })),
    content: result.content,
    reasoning: result.reasoning,
    problems: result.problems,
  };
}

function errorLine(code: string, message: string): string {
  return JSON.stringify({ error: { code, message } });
}

/** Reads JSON Lines from `input` and writes one line per non-blank input line. */
export async function runParseLines(
  input: NodeJS.ReadableStream,
  write: (line: string) => void,
  options: ParseCommandOptions,
): Promise<number> {
  const lines = createInterface({ input, crlfDelay: Number.POSITIVE_INFINITY });
  let failures = 0;
  for await (const line of lines) {
    if (line.trim().length === 0) continue;
    const output = parseLine(line, options);
    if (output.startsWith('{"error"')) failures++;
    write(output);
  }
  return failures;
}

/** `--text-file F`: one raw output, printed for people. */
export function describeResult(result: ParseResult): string {
  const lines: string[] = [`format: ${result.format ?? "(none found)"}`];
  lines.push(`tool calls: ${result.toolCalls.length}`);
  for (const call of result.toolCalls) {
    lines.push(
      `  ${call.id}  ${call.name}(${JSON.stringify(call.arguments, null, 2).replace(/\n/g, "\n  ")})`,
    );
  }
  if (result.reasoning.length > 0) lines.push("reasoning:", indent(result.reasoning));
  lines.push(result.content.trim().length > 0 ? `content:\n${indent(result.content)}` : "content: (empty)");
  if (result.problems.length > 0) {
    lines.push(`problems: ${result.problems.length}`);
    for (const problem of result.problems) lines.push(`  [${problem.code}] ${problem.message}`);
  }
  return lines.join("\n");
}

function indent(text: string): string {
  return text
    .trim()
    .split("\n")
    .map((line) => `  | ${line}`)
    .join("\n");
}

/** The tools of a `--tools FILE`: a JSON list in any shape `tools` takes. */
export function readToolsFile(text: string, path: string): ToolSpec[] {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (error) {
    throw new ToolUseError("invalid-input", `--tools ${path} is not JSON: ${(error as Error).message}`);
  }
  return normalizeTools(parsed);
}
