/**
 * Declared tools, indexed for the parser: name lookups, schemas for coercion, and the closest
 * declared name for a near miss.
 */
import { ToolUseError } from "../errors.ts";
import type { JsonSchema, ToolSpec } from "./types.ts";

/** A name and, before it, dot-separated group qualifiers (`group.sub.name`). */
const QUALIFIED = /^(?:[A-Za-z_][\w-]*\.)+([A-Za-z_][\w-]*)$/;
const IDENTIFIER = /^[A-Za-z_][\w-]*$/;

export class ToolIndex {
  readonly declared: boolean;
  private readonly byName = new Map<string, ToolSpec>();
  private readonly byLowerName = new Map<string, ToolSpec>();

  constructor(tools: readonly ToolSpec[] | undefined) {
    this.declared = tools !== undefined && tools.length > 0;
    for (const tool of tools ?? []) {
      this.byName.set(tool.name, tool);
      this.byLowerName.set(tool.name.toLowerCase(), tool);
    }
  }

  static readonly empty = new ToolIndex(undefined);

  get names(): string[] {
    return [...this.byName.keys()];
  }

  has(name: string): boolean {
    return this.byName.has(name);
  }

  get(name: string): ToolSpec | undefined {
    return this.byName.get(name);
  }

  /** The JSON schema of one parameter of a tool, when declared. */
  parameterSchema(toolName: string, parameter: string): JsonSchema | undefined {
    const properties = this.get(toolName)?.parameters?.properties;
    if (properties && typeof properties === "object") {
      const schema = (properties as Record<string, unknown>)[parameter];
      if (schema && typeof schema === "object") return schema as JsonSchema;
    }
    return undefined;
  }

  /**
   * Maps a name a model wrote to a declared one when the intent is unambiguous: exact, a
   * `functions.` / `tools.` namespace, a copied signature (`get_weather(city: str)`), a different
   * letter case, or a tool group qualifier added or dropped. Returns undefined when nothing matches.
   */
  resolve(name: string): string | undefined {
    if (this.byName.has(name)) return name;
    let candidate = name.trim();
    const paren = candidate.indexOf("(");
    if (paren > 0) candidate = candidate.slice(0, paren).trim();
    candidate = candidate.replace(/^(?:functions|function|tools|tool)[.:]/, "");
    if (this.byName.has(candidate)) return candidate;
    const caseless = this.byLowerName.get(candidate.toLowerCase())?.name;
    if (caseless !== undefined) return caseless;
    // Tool groups (GLM-5 driving a coding agent): a group qualifier on a tool declared bare
    // (`collaboration.spawn_agent`, `functions.collaboration.followup_task`), or a bare name
    // for a tool declared qualified (`exec` for `functions.exec`) when only one ends so.
    const qualified = QUALIFIED.exec(candidate);
    if (qualified && this.byName.has(qualified[1]!)) return qualified[1];
    if (IDENTIFIER.test(candidate)) {
      const suffix = `.${candidate}`;
      const owners = this.names.filter((declared) => declared.endsWith(suffix) && QUALIFIED.test(declared));
      if (owners.length === 1) return owners[0];
    }
    return undefined;
  }

  /** The closest declared name within a small edit distance, for "did you mean" messages. */
  closest(name: string): string | undefined {
    let best: string | undefined;
    let bestDistance = Number.POSITIVE_INFINITY;
    const limit = Math.max(2, Math.floor(name.length / 3));
    for (const candidate of this.byName.keys()) {
      const distance = editDistance(name.toLowerCase(), candidate.toLowerCase(), limit);
      if (distance < bestDistance) {
        bestDistance = distance;
        best = candidate;
      }
    }
    return bestDistance <= limit ? best : undefined;
  }
}

/** Levenshtein distance, giving up (returning limit + 1) once it exceeds `limit`. */
export function editDistance(a: string, b: string, limit: number): number {
  if (Math.abs(a.length - b.length) > limit) return limit + 1;
  let previous = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    let rowMin = i;
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      const value = Math.min(previous[j]! + 1, current[j - 1]! + 1, previous[j - 1]! + cost);
      current.push(value);
      if (value < rowMin) rowMin = value;
    }
    if (rowMin > limit) return limit + 1;
    previous = current;
  }
  return previous[b.length]!;
}

/**
 * Accepts the tool shapes users pass around: a name, `{name, parameters}`, or OpenAI's
 * `{type: "function", function: {name, description, parameters}}`. Throws a ToolUseError
 * ("invalid-input") naming the offending entry for anything else (a caller fault, not a model
 * mistake).
 */
export function normalizeTools(input: unknown): ToolSpec[] {
  if (input === undefined || input === null) return [];
  if (!Array.isArray(input)) throw invalidTools(`tools must be an array, got ${typeName(input)}`);
  return input.map((entry, index) => {
    if (typeof entry === "string") {
      if (entry.length === 0) throw invalidTools(`tools[${index}] is an empty name`);
      return { name: entry };
    }
    if (entry && typeof entry === "object") {
      const record = entry as Record<string, unknown>;
      const inner =
        record.type === "function" && record.function && typeof record.function === "object"
          ? (record.function as Record<string, unknown>)
          : record;
      if (typeof inner.name !== "string" || inner.name.length === 0) {
        throw invalidTools(`tools[${index}] has no string "name"`);
      }
      const parameters = inner.parameters ?? inner.input_schema ?? inner.inputSchema;
      if (parameters !== undefined && (typeof parameters !== "object" || parameters === null)) {
        throw invalidTools(`tools[${index}].parameters must be a JSON schema object`);
      }
      const spec: { name: string; description?: string; parameters?: JsonSchema } = { name: inner.name };
      if (typeof inner.description === "string") spec.description = inner.description;
      if (parameters) spec.parameters = parameters as JsonSchema;
      return spec;
    }
    throw invalidTools(`tools[${index}] must be a name or a tool object, got ${typeName(entry)}`);
  });
}

function invalidTools(message: string): ToolUseError {
  return new ToolUseError("invalid-input", message);
}

function typeName(value: unknown): string {
  if (value === null) return "null";
  if (Array.isArray(value)) return "an array";
  return typeof value;
}
