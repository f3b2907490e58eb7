/**
 * json_list (ollama's generic parser for templates that emit a list):
 *
 *   [{"name": "get_weather", "arguments": {"city": "Paris"}}, ...]
 *
 * Only declared tool names count when tools are declared. Leniencies: a single object instead of
 * a list, the shared JSON repairs, text before the list, and (as the `json` format) text after it
 * on its line: a stray `]` after a complete list (ollama reads `[{..}]]`) stays content. When auto-detecting, bare lists are the
 * `json` format's rules.
 */
import type { BlockRule, FormatSpec } from "../format-spec.ts";
import { bareCallsRule } from "./shared/json-bare.ts";

/** With the format given, a list or object need not end its line (see json.ts). */
function anywhere(open: "[" | "{"): BlockRule {
  return {
    ...bareCallsRule({ open, declaredOnly: true, standalone: "auto", auto: false }),
    end: { kind: "value", includeOpen: true, standalone: "auto" },
  };
}

export const jsonList: FormatSpec = {
  id: "json_list",
  description: '[{"name": ..., "arguments": {...}}, ...] bare (ollama generic; declared tools only)',
  priority: 91,
  blocks: [anywhere("["), anywhere("{")],
};
