/**
 * `tooluse chat --model PROVIDER:MODEL [--tools MODULE]`: an interactive loop on the agent
 * runtime. Each line runs the agent on the conversation so far; `/exit` quits, `/reset` starts over.
 */
import { createInterface } from "node:readline";
import { defineAgent } from "../agent/define-agent.ts";
import { loadToolsModule } from "../agent/load-agent-script.ts";
import { prepareAgent } from "../agent/prepare-agent.ts";
import { resultMessages } from "../agent/result-messages.ts";
import { ToolUseError } from "../errors.ts";
import type { AgentResult } from "../executor/agent-events.ts";
import { streamAgent } from "../executor/run-agent.ts";
import type { ChatMessage } from "../messages.ts";
import { CassetteError } from "../recording/cassette-error.ts";
import { type CommandDependencies, type CommandIo, parseCommandArgs } from "./command-io.ts";
import { describeSetup, reportReplayError, useColor } from "./run-command.ts";
import { RunTranscript } from "./run-transcript.ts";

export const CHAT_USAGE = `  chat             talk to a model with tools, one line per turn (/exit quits, /reset starts over)
    --model SPEC     provider:model, e.g. ollama:qwen2.5-coder:7b
    --tools MODULE   a module exporting tools (or an agent script)
    --instructions T the system prompt (default: the agent script's, if --tools is one)
    --record FILE    record every model call to a cassette
    --replay FILE    answer from a cassette instead of a live model (offline)
    --loose          with --replay: play the cassette even when requests differ
`;

export async function chatCommand(
  argv: readonly string[],
  io: CommandIo,
  dependencies: CommandDependencies = {},
): Promise<number> {
  const { values } = parseCommandArgs({
    args: [...argv],
    options: {
      model: { type: "string" },
      tools: { type: "string" },
      instructions: { type: "string" },
      record: { type: "string" },
      replay: { type: "string" },
      loose: { type: "boolean", default: false },
    },
    strict: true,
  });
  if (values.model === undefined)
    throw new ToolUseError(
      "invalid-input",
      "usage: tooluse chat --model PROVIDER:MODEL [--tools MODULE] [--replay FILE]",
    );
  const toolsModule = values.tools === undefined ? undefined : await loadToolsModule(values.tools);
  const instructions = values.instructions ?? toolsModule?.instructions;
  const agent = defineAgent({
    model: values.model,
    tools: toolsModule?.tools ?? [],
    ...(instructions === undefined ? {} : { instructions }),
  });
  const prepared = await prepareAgent(agent, {
    ...(values.record === undefined ? {} : { record: values.record }),
    ...(values.replay === undefined ? {} : { replay: values.replay }),
    strict: !values.loose,
    ...dependencies,
  });
  const interactive = io.stdin.isTTY === true;
  const transcript = new RunTranscript(io.stdout, { color: useColor(io) });
  for (const note of describeSetup(prepared)) transcript.note(note);
  if (interactive) transcript.note("type a message; /exit quits, /reset starts over");

  const lines = createInterface({ input: io.stdin, crlfDelay: Number.POSITIVE_INFINITY, terminal: false });
  const prompt = () => {
    if (interactive) io.stdout.write("you › ");
  };
  let conversation: ChatMessage[] = [];
  prompt();
  for await (const raw of lines) {
    const line = raw.trim();
    if (line === "/exit" || line === "/quit") break;
    if (line === "/reset") {
      conversation = [];
      transcript.note("(conversation cleared)");
    } else if (line.length > 0) {
      if (!interactive) io.stdout.write(`you › ${line}\n`);
      const user: ChatMessage = { role: "user", content: line };
      let result: AgentResult | undefined;
      try {
        for await (const event of streamAgent({ ...prepared.options, input: [...conversation, user] })) {
          if (event.type === "end") result = event.result;
          else transcript.show(event);
        }
      } catch (error) {
        if (CassetteError.find(error)) {
          lines.close();
          return reportReplayError(error, io);
        }
        if (!ToolUseError.is(error)) throw error;
        io.stderr.write(`tooluse: ${error.message} [${error.code}]\n`);
      }
      if (result) {
        transcript.summary(result);
        conversation = [...conversation, user, ...resultMessages(result)];
      }
    }
    prompt();
  }
  lines.close();
  if (prepared.recordPath) io.stderr.write(`recorded to ${prepared.recordPath}\n`);
  return 0;
}
