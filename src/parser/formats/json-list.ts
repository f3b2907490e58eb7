/**
 * json_list (ollama's generic parser for templates that emit a list):
 *
 *   [{"name": "get_weather", "arguments": {"city": "Paris"}}, ...]
 *
 * Only declared tool names count when tools are declared. Leniencies: a single object instead of
 * a list, the shared JSON repairs, text before the list. When auto-detecting, bare lists are the
 * `json` format's rules.
 */
import type { FormatSpec } from "../format-spec.ts";
import { bareCallsRule } from "./shared/json-bare.ts";

export const jsonList: FormatSpec = {
  id: "json_list",
  description: '[{"name": ..., "arguments": {...}}, ...] bare (ollama generic; declared tools only)',
  priority: 91,
  blocks: [
    bareCallsRule({ open: "[", declaredOnly: true, standalone: "auto", auto: false }),
    bareCallsRule({ open: "{", declaredOnly: true, standalone: "auto", auto: false }),
  ],
};
