/**
 * Loads agent scripts (`export default defineAgent({...})`) and tool modules for `tooluse chat`.
 * TypeScript loads through tsx, which bin/tooluse.js registers before the CLI starts.
 */
import { existsSync } from "node:fs";
import { resolve } from "node:path";
import { pathToFileURL } from "node:url";
import { ToolUseError } from "../errors.ts";
import { type Agent, type AgentTools, isAgent } from "./define-agent.ts";

export async function loadAgentScript(path: string): Promise<Agent> {
  const module = await importModule(path);
  if (!isAgent(module.default))
    throw new ToolUseError(
      "invalid-input",
      `${path} must \`export default defineAgent({ model, tools, instructions })\` (from src/agent/define-agent.ts)`,
    );
  return module.default;
}

export interface ToolsModule {
  readonly tools: AgentTools;
  /** Set when the module is an agent script: its instructions. */
  readonly instructions?: string;
}

/**
 * Tools for `tooluse chat --tools MODULE`: an agent script (its tools and instructions), or a
 * module whose default export (or `tools` export) is a list of tools or a function returning one.
 */
export async function loadToolsModule(path: string): Promise<ToolsModule> {
  const module = await importModule(path);
  const candidate = module.default ?? module.tools;
  if (isAgent(candidate)) {
    return {
      tools: candidate.tools ?? [],
      ...(candidate.instructions === undefined ? {} : { instructions: candidate.instructions }),
    };
  }
  if (Array.isArray(candidate) || typeof candidate === "function") return { tools: candidate as AgentTools };
  throw new ToolUseError(
    "invalid-input",
    `${path} must export a list of tools (default or \`tools\`), a function returning one, or an agent`,
  );
}

async function importModule(path: string): Promise<Record<string, unknown>> {
  const absolute = resolve(path);
  if (!existsSync(absolute)) throw new ToolUseError("file-not-readable", `cannot read ${path}: no such file`);
  try {
    return (await import(pathToFileURL(absolute).href)) as Record<string, unknown>;
  } catch (error) {
    if (ToolUseError.is(error)) throw error;
    throw new ToolUseError("invalid-input", `${path} failed to load: ${(error as Error).message}`, {
      cause: error,
    });
  }
}
