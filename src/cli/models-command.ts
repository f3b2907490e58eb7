/**
 * `tooluse models [--provider P] [--json]`, `tooluse models show SPEC`, `tooluse models search Q`:
 * the models of the configured providers (listings cached five minutes in the cache directory;
 * `--refresh` lists again).
 */
import { ToolUseError } from "../errors.ts";
import type { ProviderListing } from "../models/model-registry.ts";
import { searchModels } from "../models/search-models.ts";
import { type CommandDependencies, type CommandIo, parseCommandArgs } from "./command-io.ts";
import { checkProvider, commandRegistry, reportFailure, SHARED_OPTIONS } from "./models-context.ts";
import { modelDetails, modelsTable } from "./models-table.ts";

export const MODELS_USAGE = `  models           list the models of every configured provider (cached 5 minutes)
    show SPEC        one model's details, e.g. tooluse models show ollama:qwen2.5-coder:7b
    search QUERY     models whose id, family or capabilities match every word
    --provider P     only this provider (ollama, vllm, openai-compatible, openai, huggingface)
    --refresh        ask the servers again instead of using the cache
    --json           print JSON
    --config FILE    the config file (default ./tooluse.config.json)
    --cache-dir DIR  where caches live (default TOOLUSE_CACHE_DIR, else .tooluse-cache)
`;

export async function modelsCommand(
  argv: readonly string[],
  io: CommandIo,
  dependencies: CommandDependencies = {},
): Promise<number> {
  const { values, positionals } = parseCommandArgs({
    args: [...argv],
    options: {
      ...SHARED_OPTIONS,
      provider: { type: "string" },
      refresh: { type: "boolean", default: false },
      json: { type: "boolean", default: false },
    },
    allowPositionals: true,
    strict: true,
  });
  const provider = checkProvider(values.provider);
  const registry = commandRegistry(values, io, dependencies);
  const [action, ...rest] = positionals;
  const list = { refresh: values.refresh, ...(provider ? { provider } : {}) };
  const print = (value: unknown) => io.stdout.write(`${JSON.stringify(value, null, 2)}\n`);

  if (action === undefined || action === "list") {
    if (rest.length > 0) throw usage();
    const listings = await registry.list(list);
    if (values.json) print(listings);
    else io.stdout.write(describeListings(listings));
    for (const listing of listings)
      if (listing.error) io.stderr.write(`tooluse: ${listing.error.message} [${listing.error.code}]\n`);
    return listings.every((listing) => listing.error) ? 1 : 0;
  }
  if (action === "show") {
    const [spec, ...extra] = rest;
    if (spec === undefined || extra.length > 0) throw usage();
    try {
      const model = await registry.show(spec, { refresh: values.refresh });
      io.stdout.write(values.json ? `${JSON.stringify(model, null, 2)}\n` : modelDetails(model));
      return 0;
    } catch (error) {
      return reportFailure(error, io);
    }
  }
  if (action === "search") {
    const query = rest.join(" ").trim();
    if (!query) throw usage();
    const listings = await registry.list(list);
    for (const listing of listings)
      if (listing.error) io.stderr.write(`tooluse: ${listing.error.message} [${listing.error.code}]\n`);
    const found = searchModels(
      listings.flatMap((listing) => listing.models),
      query,
    );
    if (values.json) print(found);
    else io.stdout.write(found.length > 0 ? modelsTable(found) : `no models match "${query}"\n`);
    return found.length > 0 ? 0 : 1;
  }
  throw usage();
}

function describeListings(listings: readonly ProviderListing[]): string {
  const lines = listings.map((listing) => {
    const where = listing.baseUrl ? ` at ${listing.baseUrl}` : "";
    if (listing.error) return `${listing.provider}${where}: unavailable`;
    const count = `${listing.models.length} model${listing.models.length === 1 ? "" : "s"}`;
    return `${listing.provider}${where}: ${count}${listing.cached ? " (cached)" : ""}`;
  });
  const table = modelsTable(listings.flatMap((listing) => listing.models));
  return `${lines.join("\n")}\n${table ? `\n${table}` : ""}`;
}

function usage(): ToolUseError {
  return new ToolUseError(
    "invalid-input",
    "usage: tooluse models [--provider P] [--json] | tooluse models show SPEC | tooluse models search QUERY",
  );
}
