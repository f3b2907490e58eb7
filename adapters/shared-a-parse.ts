/**
 * The parse half of a group-a adapter: the shared parser run with the family's format id and
 * whether the family's prompt opens reasoning.
 */

import { parseToolCalls } from "../src/parser/parse-tool-calls.ts";
import { StreamParser } from "../src/parser/stream-parser.ts";
import type { FormatId } from "../src/parser/types.ts";
import type { ModelAdapter } from "./model-adapter.ts";

export function parserMethods(
  format: FormatId,
  startInReasoning: boolean,
): Pick<ModelAdapter, "parse" | "createStreamParser"> {
  return {
    parse: (text, tools, options) => parseToolCalls(text, { format, tools, startInReasoning, ...options }),
    createStreamParser: (tools, options) => new StreamParser({ format, tools, startInReasoning, ...options }),
  };
}
