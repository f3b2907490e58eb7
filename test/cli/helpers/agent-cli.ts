/**
 * A process entry for the agent commands, dispatching exactly as src/cli/main.ts does once
 * run/chat/eval are wired into it (see the lead's diff); the spawn tests use it so they do not
 * depend on that wiring. Run with `node --import tsx test/cli/helpers/agent-cli.ts <command> ...`.
 */
import { chatCommand } from "../../../src/cli/chat-command.ts";
import { processIo } from "../../../src/cli/command-io.ts";
import { evalCommand } from "../../../src/cli/eval-command.ts";
import { runCommand } from "../../../src/cli/run-command.ts";
import { ToolUseError } from "../../../src/errors.ts";

const [command, ...rest] = process.argv.slice(2);
const commands = { run: runCommand, chat: chatCommand, eval: evalCommand } as const;
try {
  const handler = commands[command as keyof typeof commands];
  if (!handler) throw new ToolUseError("invalid-input", `unknown command "${command}"`);
  process.exitCode = await handler(rest, processIo());
} catch (error) {
  if (!ToolUseError.is(error)) throw error;
  process.stderr.write(`tooluse: ${error.message} [${error.code}]\n`);
  process.exitCode = 2;
}
