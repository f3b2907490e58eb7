/**
 * `tooluse health [--provider P] [--json]`: checks every configured provider at once (one model
 * list request each, a short timeout, no retries). Exit 0 when all are healthy, 1 otherwise.
 */
import { ToolUseError } from "../errors.ts";
import { HealthMonitor, type ProviderHealth } from "../models/health-check.ts";
import { ProviderContext } from "../models/provider-context.ts";
import { type CommandDependencies, type CommandIo, parseCommandArgs } from "./command-io.ts";
import { checkProvider, commandEnv, positiveInteger, SHARED_OPTIONS } from "./models-context.ts";

export const HEALTH_USAGE = `  health           is each configured provider up, and how many models does it serve
    --provider P     only this provider
    --timeout MS     per check (default 2000)
    --json           print JSON
    --config FILE    the config file (default ./tooluse.config.json)
`;

export async function healthCommand(
  argv: readonly string[],
  io: CommandIo,
  _dependencies: CommandDependencies = {},
): Promise<number> {
  const { values, positionals } = parseCommandArgs({
    args: [...argv],
    options: {
      ...SHARED_OPTIONS,
      provider: { type: "string" },
      timeout: { type: "string" },
      json: { type: "boolean", default: false },
    },
    allowPositionals: true,
    strict: true,
  });
  if (positionals.length > 0)
    throw new ToolUseError("invalid-input", "usage: tooluse health [--provider P] [--timeout MS] [--json]");
  const provider = checkProvider(values.provider);
  const timeoutMs = positiveInteger(values.timeout, "--timeout");
  const context = new ProviderContext({
    env: commandEnv(io),
    ...(values.config === undefined ? {} : { config: values.config }),
    ...(provider ? { providers: [provider] } : {}),
  });
  const monitor = new HealthMonitor(context, timeoutMs === undefined ? {} : { timeoutMs });
  const results = await monitor.check();
  io.stdout.write(values.json ? `${JSON.stringify(results, null, 2)}\n` : healthTable(results));
  return results.every((result) => result.status === "healthy") ? 0 : 1;
}

export function healthTable(results: readonly ProviderHealth[]): string {
  const rows = [
    ["PROVIDER", "STATUS", "MODELS", "STREAMING", "URL"],
    ...results.map((result) => [
      result.provider,
      result.status,
      String(result.modelsCount),
      result.supportsStreaming ? "yes" : "no",
      result.baseUrl ?? "-",
    ]),
  ];
  const widths = rows[0]!.map((_, index) => Math.max(...rows.map((row) => row[index]!.length)));
  const lines = rows.map((row) =>
    row
      .map((cell, index) => cell.padEnd(widths[index]!))
      .join("  ")
      .trimEnd(),
  );
  for (const result of results) if (result.error) lines.push(`${result.provider}: ${result.error}`);
  return `${lines.join("\n")}\n`;
}
