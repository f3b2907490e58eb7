/**
 * Parses a recorded output the way the run did: with the cassette's adapter (by id), else its
 * format, else the adapter the registry resolves for the model. Shared by the recorder (which
 * stores the result as `expected`) and `tooluse eval` (which compares against it).
 */
import type { ModelAdapter } from "../../adapters/model-adapter.ts";
import { getAdapter, resolveAdapter } from "../../adapters/registry.ts";
import { ToolUseError } from "../errors.ts";
import { parseToolCalls } from "../parser/parse-tool-calls.ts";
import { isFormatId, type ParseResult, type ToolSpec } from "../parser/types.ts";
import type { Cassette, Expected, Interaction } from "./cassette.ts";

export type OutputParser = (text: string, tools: readonly ToolSpec[]) => ParseResult;

/** The parser for the cassette's model (or for an interaction answered by another model). */
export function cassetteParser(cassette: Cassette, interaction?: Interaction): OutputParser {
  if (interaction?.model !== undefined) return adapterParser(resolveAdapter(interaction.model));
  if (cassette.model.adapter !== undefined) return adapterParser(getAdapter(cassette.model.adapter));
  const format = cassette.model.format;
  if (format !== undefined) {
    if (!isFormatId(format))
      throw new ToolUseError("unknown-format", `the cassette names an unknown format "${format}"`);
    return (text, tools) => parseToolCalls(text, { format, tools });
  }
  return adapterParser(resolveAdapter(cassette.model.model));
}

export function adapterParser(adapter: ModelAdapter): OutputParser {
  return (text, tools) => adapter.parse(text, tools);
}

/** The recorded output of an interaction as one string. */
export function recordedText(interaction: Interaction): string {
  return interaction.response.chunks.join("");
}

/** The tools to parse an interaction with: the cassette's, else the ones its request sent natively. */
export function recordedTools(cassette: Cassette, interaction: Interaction): readonly ToolSpec[] {
  return cassette.tools ?? interaction.request.tools ?? [];
}

/** What eval compares: the format and the calls' names and arguments (ids are generated). */
export function toExpected(result: ParseResult): Expected {
  return {
    format: result.format,
    toolCalls: result.toolCalls.map((call) => ({ name: call.name, arguments: call.arguments })),
  };
}
