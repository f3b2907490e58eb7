/**
 * The whole `tooluse.config.json` for the parts of tooluse that read their own sections (model
 * tiers, which providers are configured): the same file provider-config.ts reads, chosen the
 * same way (a path, parsed contents, false for none, default ./tooluse.config.json if present).
 */
import { existsSync } from "node:fs";
import { resolve } from "node:path";
import {
  CONFIG_FILE_NAME,
  loadConfigFile,
  type ProviderConfigFile,
  parseConfig,
} from "../providers/provider-config.ts";

export type ConfigSource = string | ProviderConfigFile | false | undefined;

/** The config contents (providers section validated), or undefined when there is none. */
export function loadToolUseConfig(config: ConfigSource): ProviderConfigFile | undefined {
  if (config === false) return undefined;
  if (typeof config === "object") return parseConfig(config, "config");
  const path = resolve(config ?? CONFIG_FILE_NAME);
  if (config === undefined && !existsSync(path)) return undefined;
  return loadConfigFile(path);
}
