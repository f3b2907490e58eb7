/**
 * The `tooluse` command line: parses argv and calls into src; no logic of its own.
 */
import { readFileSync } from "node:fs";
import { parseArgs } from "node:util";
import { ToolUseError } from "../errors.ts";
import { checkFormat, FORMAT_ALIASES } from "../parser/format-aliases.ts";
import { allFormats } from "../parser/formats/index.ts";
import { parseToolCalls } from "../parser/parse-tool-calls.ts";
import { CHAT_USAGE, chatCommand } from "./chat-command.ts";
import { processIo } from "./command-io.ts";
import { EVAL_USAGE, evalCommand } from "./eval-command.ts";
import { HEALTH_USAGE, healthCommand } from "./health-command.ts";
import { MODELS_USAGE, modelsCommand } from "./models-command.ts";
import { describeResult, readToolsFile, runParseLines, toOutput } from "./parse-command.ts";
import { PROBE_USAGE, probeCommand } from "./probe-command.ts";
import { PULL_USAGE, pullCommand } from "./pull-command.ts";
import { RUN_USAGE, runCommand } from "./run-command.ts";

const USAGE = `usage: tooluse <command> [options]

commands:
  parse            parse model outputs: JSON Lines on stdin, one result line per input line
                   input line: {"text": "...", "format"?: "<id>", "tools"?: [...], "chunks"?: ["..."]}
    --format ID      use this format for every line (default: the line's, else auto-detect)
    --stream         feed the streaming parser (the line's chunks, or 1-4 character pieces)
    --text-file F    parse one raw output file and print the result readably
    --tools FILE     a JSON file with the declared tools (for lines that give none)
    --json           with --text-file: print the result as one JSON object
  formats          list the supported format ids
${RUN_USAGE}${CHAT_USAGE}${EVAL_USAGE}${MODELS_USAGE}${PULL_USAGE}${HEALTH_USAGE}${PROBE_USAGE}  help             this text
`;

export async function main(argv: readonly string[]): Promise<number> {
  const [command, ...rest] = argv;
  try {
    switch (command) {
      case "parse":
        return await parseCommand(rest);
      case "run":
        return await runCommand(rest, processIo());
      case "chat":
        return await chatCommand(rest, processIo());
      case "eval":
        return await evalCommand(rest, processIo());
      case "models":
        return await modelsCommand(rest, processIo());
      case "pull":
        return await pullCommand(rest, processIo());
      case "health":
        return await healthCommand(rest, processIo());
      case "probe":
        return await probeCommand(rest, processIo());
      case "formats":
        for (const format of allFormats())
          process.stdout.write(`${format.id.padEnd(18)} ${format.description}\n`);
        process.stdout.write(
          `\nalso accepted (other projects' names): ${Object.entries(FORMAT_ALIASES)
            .map(([alias, id]) => `${alias}=${id}`)
            .join(", ")}\n`,
        );
        return 0;
      case undefined:
      case "help":
      case "--help":
      case "-h":
        process.stdout.write(USAGE);
        return command === undefined ? 2 : 0;
      default:
        process.stderr.write(`tooluse: unknown command "${command}"\n\n${USAGE}`);
        return 2;
    }
  } catch (error) {
    if (ToolUseError.is(error)) {
      process.stderr.write(`tooluse: ${error.message} [${error.code}]\n`);
      return 2;
    }
    throw error;
  }
}

async function parseCommand(argv: readonly string[]): Promise<number> {
  const { values } = parseArgs({
    args: [...argv],
    options: {
      format: { type: "string" },
      stream: { type: "boolean", default: false },
      "text-file": { type: "string" },
      tools: { type: "string" },
      json: { type: "boolean", default: false },
    },
    strict: true,
  });
  if (values.format !== undefined) checkFormat(values.format);
  const tools = values.tools === undefined ? undefined : readToolsFile(readText(values.tools), values.tools);
  const textFile = values["text-file"];
  if (textFile !== undefined) {
    const text = readText(textFile);
    const result = parseToolCalls(text, { format: checkFormat(values.format), tools: tools ?? [] });
    process.stdout.write(`${values.json ? JSON.stringify(toOutput(result)) : describeResult(result)}\n`);
    return 0;
  }
  const failures = await runParseLines(process.stdin, (line) => process.stdout.write(`${line}\n`), {
    ...(values.format === undefined ? {} : { format: values.format }),
    ...(tools === undefined ? {} : { tools }),
    stream: values.stream,
  });
  return failures > 0 ? 1 : 0;
}

function readText(path: string): string {
  try {
    return readFileSync(path, "utf8");
  } catch (error) {
    throw new ToolUseError("file-not-readable", `cannot read ${path}: ${(error as Error).message}`, {
      cause: error,
    });
  }
}
