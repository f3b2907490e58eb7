/**
 * `tooluse probe SPEC`: asks a live model for a tool call twice (native tools, then the adapter's
 * text prompt) and reports whether native tools work, which format the text call came in, and
 * the tool mode tooluse will use. Results are cached in `probes.json` in the cache directory;
 * `--refresh` probes again.
 */
import { ToolUseError } from "../errors.ts";
import { ProbeCache, probeKey } from "../models/probe-cache.ts";
import { type ProbeResult, probeModel } from "../models/probe-model.ts";
import { createModel } from "../providers/create-model.ts";
import { parseModelSpec } from "../providers/model-spec.ts";
import { resolveProviderSettings } from "../providers/provider-config.ts";
import { displayUrl } from "../providers/provider-failure.ts";
import { type CommandDependencies, type CommandIo, parseCommandArgs } from "./command-io.ts";
import { cacheDir, commandEnv, reportFailure, SHARED_OPTIONS } from "./models-context.ts";

export const PROBE_USAGE = `  probe SPEC       test a live model's tool calling: native tools, text format, the tool mode to use
    --refresh        probe again instead of using the cached result
    --json           print JSON
`;

export async function probeCommand(
  argv: readonly string[],
  io: CommandIo,
  dependencies: CommandDependencies = {},
): Promise<number> {
  const { values, positionals } = parseCommandArgs({
    args: [...argv],
    options: {
      ...SHARED_OPTIONS,
      refresh: { type: "boolean", default: false },
      json: { type: "boolean", default: false },
    },
    allowPositionals: true,
    strict: true,
  });
  const [spec, ...extra] = positionals;
  if (spec === undefined || extra.length > 0)
    throw new ToolUseError("invalid-input", "usage: tooluse probe PROVIDER:MODEL [--refresh] [--json]");
  const { provider } = parseModelSpec(spec);
  const env = commandEnv(io);
  const config = values.config === undefined ? {} : { config: values.config };
  const settings = resolveProviderSettings(provider, { env, ...config });
  const cache = new ProbeCache(cacheDir(values, io));
  const key = probeKey(spec, displayUrl(settings.baseUrl));
  let result = values.refresh ? undefined : cache.get(key);
  const cached = result !== undefined;
  if (!result) {
    try {
      const model = dependencies.createModel
        ? await dependencies.createModel(spec)
        : createModel(spec, { env, ...config });
      result = await probeModel(model, { spec, ...(dependencies.now ? { now: dependencies.now } : {}) });
    } catch (error) {
      return reportFailure(error, io);
    }
    cache.set(key, result);
  }
  io.stdout.write(
    values.json ? `${JSON.stringify({ ...result, cached }, null, 2)}\n` : describeProbe(result, cached),
  );
  return 0;
}

export function describeProbe(result: ProbeResult, cached: boolean): string {
  const yes = (works: boolean) => (works ? "yes" : "no");
  const lines = [
    `${result.spec} (adapter ${result.adapter}, format ${result.adapterFormat})`,
    `  native tools   ${yes(result.native.works)}: ${result.native.detail}`,
    `  text calls     ${yes(result.text.works)}${result.text.format ? ` (format ${result.text.format})` : ""}: ${result.text.detail}`,
    `  tool mode      ${result.toolMode}: ${result.reason}`,
  ];
  if (cached) lines.push(`(probed ${result.probedAt}; --refresh to probe again)`);
  return `${lines.join("\n")}\n`;
}
