/**
 * glm4 (GLM-4-9B-chat, GLM-4-0414, GLM-Z1): no call markers at all, the function's name on a
 * line of its own and its arguments as a JSON object right after it:
 *
 *   get_weather
 *   {"city": "Beijing"}
 *
 * (THUDM/GLM-4's demo server splits the output at the first line break.) The openers are the
 * declared names followed by a line break, like morph_xml's: with no tools declared nothing is
 * read, and an undeclared name is text. The name must start a line and the object must stand
 * alone on its line(s); GLM-4's `<|observation|>` after it ends the turn and is dropped.
 */
import type { BlockOutcome, BlockRule, FormatSpec } from "../format-spec.ts";
import { parseJsonLoose } from "../json-loose.ts";
import type { ToolIndex } from "../tool-index.ts";
import { isRecord } from "./shared/json-calls.ts";

/**
 * `NAME` on its own line, then its JSON arguments. The opener takes the object's `{` as well, so
 * it never shares a marker with morph_xml's line-prefixed `NAME\n<param>..` calls.
 */
function nameLineRule(name: string): BlockRule {
  const open = `${name}\n{`;
  return {
    open,
    end: { kind: "value", includeOpen: true, standalone: true },
    lineStart: "always",
    // A key (quoted or not) or the empty object's `}` must follow the brace.
    decide: (head) => (/^\s*(?:["'}A-Za-z_]|$)/.test(head) ? undefined : "reject"),
    parse: (body, ctx): BlockOutcome => {
      if (ctx.truncated) return { reject: true };
      const parsed = parseJsonLoose(body.slice(open.length - 1));
      return parsed.ok && isRecord(parsed.value)
        ? { calls: [{ name, arguments: parsed.value }] }
        : { reject: true };
    },
  };
}

function glm4Blocks(tools: ToolIndex): BlockRule[] {
  if (!tools.declared) return [];
  return tools.names.filter((name) => /^[A-Za-z_][\w.-]*$/.test(name)).map(nameLineRule);
}

export const glm4: FormatSpec = {
  id: "glm4",
  description:
    "NAME\\n{...} (GLM-4-9B-chat, GLM-4-0414: the declared tool's name on its own line, then JSON)",
  priority: 80,
  blocks: glm4Blocks,
  strip: ["<|observation|>"],
};
