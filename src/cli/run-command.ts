/**
 * `tooluse run <script.ts>`: runs an agent script on one input (--input or stdin), live, recording
 * (--record FILE) or replaying a cassette (--replay FILE), and shows the run as it happens.
 */
import { defineAgent } from "../agent/define-agent.ts";
import { loadAgentScript } from "../agent/load-agent-script.ts";
import { type PreparedAgent, prepareAgent } from "../agent/prepare-agent.ts";
import { ToolUseError } from "../errors.ts";
import type { AgentResult } from "../executor/agent-events.ts";
import { streamAgent } from "../executor/run-agent.ts";
import { CassetteError } from "../recording/cassette-error.ts";
import { type CommandDependencies, type CommandIo, parseCommandArgs } from "./command-io.ts";
import { RunTranscript } from "./run-transcript.ts";

export const RUN_USAGE = `  run SCRIPT       run an agent script (export default defineAgent({...})) on one input
    --input TEXT     the request (default: stdin)
    --model SPEC     run on this model instead of the script's, e.g. vllm:Qwen/Qwen2.5-Coder-7B-Instruct
    --record FILE    record every model call to a cassette
    --replay FILE    answer from a cassette instead of a live model (offline)
    --loose          with --replay: play the cassette even when requests differ from the recording
    --json           print only the result as JSON
`;

export async function runCommand(
  argv: readonly string[],
  io: CommandIo,
  dependencies: CommandDependencies = {},
): Promise<number> {
  const { values, positionals } = parseCommandArgs({
    args: [...argv],
    options: {
      input: { type: "string" },
      model: { type: "string" },
      record: { type: "string" },
      replay: { type: "string" },
      loose: { type: "boolean", default: false },
      json: { type: "boolean", default: false },
    },
    allowPositionals: true,
    strict: true,
  });
  const [script, ...extra] = positionals;
  if (script === undefined || extra.length > 0)
    throw new ToolUseError(
      "invalid-input",
      "usage: tooluse run SCRIPT [--input TEXT] [--record|--replay FILE] [--json]",
    );
  // A piped request ends with a newline that is not part of it.
  const input = values.input ?? (await readInput(io)).trim();
  if (input.trim().length === 0)
    throw new ToolUseError("invalid-input", "no input: pass --input TEXT or pipe the request on stdin");

  const loaded = await loadAgentScript(script);
  // --model swaps the model (and, unless the script pins one, the adapter resolved from it).
  const agent = values.model === undefined ? loaded : defineAgent({ ...loaded, model: values.model });
  const prepared = await prepareAgent(agent, {
    ...(values.record === undefined ? {} : { record: values.record }),
    ...(values.replay === undefined ? {} : { replay: values.replay }),
    strict: !values.loose,
    ...dependencies,
  });
  const notes = describeSetup(prepared);
  const transcript = new RunTranscript(values.json ? io.stderr : io.stdout, { color: useColor(io) });
  // With --json, stdout carries the JSON only: the notes go to stderr.
  for (const note of notes) transcript.note(note);

  let result: AgentResult | undefined;
  try {
    for await (const event of streamAgent({ ...prepared.options, input })) {
      if (event.type === "end") result = event.result;
      else if (!values.json) transcript.show(event);
    }
  } catch (error) {
    return reportReplayError(error, io);
  }
  if (!result) throw new Error("the run ended without a result");
  if (values.json) {
    io.stdout.write(`${JSON.stringify(result, null, 2)}\n`);
  } else {
    transcript.summary(result);
  }
  const left = prepared.replay?.player.remaining ?? 0;
  if (left > 0 && !values.loose)
    io.stderr.write(
      `tooluse: warning: ${left} recorded model call(s) in ${prepared.replay?.path} were not used\n`,
    );
  if (prepared.recordPath) io.stderr.write(`recorded to ${prepared.recordPath}\n`);
  return result.finishReason === "final-answer" || result.finishReason === "stop-condition" ? 0 : 1;
}

/** The lines shown before the run: what is replayed (and whether it was written by hand), model, tools. */
export function describeSetup(prepared: PreparedAgent): string[] {
  const lines: string[] = [];
  const replay = prepared.replay;
  if (replay) {
    lines.push(
      replay.cassette.scripted
        ? `replaying a scripted cassette (written by hand, not recorded from a live model): ${replay.path}`
        : `replaying a recorded cassette${replay.cassette.recordedAt ? ` from ${replay.cassette.recordedAt}` : ""}: ${replay.path}`,
    );
  }
  if (prepared.recordPath) lines.push(`recording every model call to ${prepared.recordPath}`);
  for (const notice of prepared.notices) lines.push(`note: ${notice}`);
  const mode = prepared.options.toolMode ?? "text";
  lines.push(
    `model ${prepared.modelName} · adapter ${prepared.adapter.id} (${prepared.adapter.format}, ${mode} mode) · tools: ${
      prepared.toolNames.join(", ") || "(none)"
    }`,
  );
  return lines;
}

/** Replay problems get their own message and exit code 1; anything else goes to the caller. */
export function reportReplayError(error: unknown, io: CommandIo): number {
  const replayError = CassetteError.find(error);
  if (!replayError) throw error;
  io.stderr.write(`\ntooluse: replay failed: ${replayError.message}\n`);
  if (replayError.kind === "mismatch")
    io.stderr.write(
      "  the run asked something the cassette did not record; re-record it with --record, or pass --loose\n",
    );
  return 1;
}

export function useColor(io: CommandIo): boolean {
  return io.stdout.isTTY === true && (io.env ?? process.env).NO_COLOR === undefined;
}

async function readInput(io: CommandIo): Promise<string> {
  if (io.stdin.isTTY) return "";
  let text = "";
  for await (const chunk of io.stdin)
    text += typeof chunk === "string" ? chunk : Buffer.from(chunk).toString("utf8");
  return text;
}
