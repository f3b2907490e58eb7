/**
 * `tooluse pull TAG`: pulls a model into Ollama with live progress (a bar on a TTY, plain lines
 * otherwise), then forgets the cached Ollama listing so `tooluse models` shows the new model.
 * `TAG` is an Ollama tag (`llama3.2:3b`) or an `ollama:` spec. Exit 1 with a clear message when
 * the pull fails.
 */
import { ToolUseError } from "../errors.ts";
import { pullModel } from "../models/pull-model.ts";
import { type CommandDependencies, type CommandIo, parseCommandArgs } from "./command-io.ts";
import { commandRegistry, positiveInteger, reportFailure, SHARED_OPTIONS } from "./models-context.ts";
import { PullProgressView } from "./pull-progress.ts";

export const PULL_USAGE = `  pull TAG         pull a model into Ollama (e.g. llama3.2:3b), with progress
    --timeout MS     give up after this long without progress (default 60000)
    --json           print progress events as JSON Lines
`;

export async function pullCommand(
  argv: readonly string[],
  io: CommandIo,
  dependencies: CommandDependencies = {},
): Promise<number> {
  const { values, positionals } = parseCommandArgs({
    args: [...argv],
    options: {
      ...SHARED_OPTIONS,
      timeout: { type: "string" },
      json: { type: "boolean", default: false },
    },
    allowPositionals: true,
    strict: true,
  });
  const [tag, ...extra] = positionals;
  if (tag === undefined || extra.length > 0)
    throw new ToolUseError("invalid-input", "usage: tooluse pull TAG [--timeout MS] [--json]");
  if (/^(?:vllm|openai|openai-compatible|huggingface):/.test(tag))
    throw new ToolUseError("invalid-input", `only Ollama pulls models; "${tag}" names another provider`);
  const model = tag.replace(/^ollama:/, "");
  const timeoutMs = positiveInteger(values.timeout, "--timeout");
  const registry = commandRegistry(values, io, dependencies, ["ollama"]);
  const settings = registry.context.settings("ollama");
  const view = new PullProgressView(io.stdout, io.stdout.isTTY === true && !values.json);
  try {
    for await (const event of pullModel(settings, model, timeoutMs === undefined ? {} : { timeoutMs })) {
      if (values.json) io.stdout.write(`${JSON.stringify(event)}\n`);
      else view.show(event);
    }
  } catch (error) {
    view.finish();
    return reportFailure(error, io);
  }
  registry.invalidate("ollama");
  if (!values.json) io.stdout.write(`pulled ${model}\n`);
  return 0;
}
