/**
 * morph_xml (ai-sdk's morphXmlToolMiddleware): a call is an element named after a declared tool,
 * one child element per argument,
 *
 *   <get_weather>
 *   <city>Paris</city>
 *   <days>3</days>
 *   </get_weather>
 *
 * Only declared tool names open a block (the openers come from the declared tools; with none
 * declared the format finds nothing), so ordinary markup in prose stays content. Values are typed
 * by the tool's schema: nested elements become objects, repeated tags or `<item>` children become
 * lists, leaves go through coerce.ts; XML entities are decoded.
 *
 * Leniencies: the name on its own line (`get_weather` or `get_weather:`) followed by the argument
 * elements, up to a blank line; `<NAME\n<arg>..</arg>\n/>` (a self-closing root around the
 * arguments); `<NAME/>` or an empty element for a call without arguments; a missing closing tag
 * at the end of the output (a value cut off is a truncated-call problem; a tag never closed before
 * plain text the tool has no parameter for is a mention in prose, `Use the \`<read_file>\` tool`);
 * plain text as the body of a tool with exactly one parameter; a JSON object as the body; a
 * parameter's own close tag inside its value (shared/xml-elements.ts).
 */

import { schemaTypes } from "../coerce.ts";
import type { BlockContext, BlockOutcome, BlockRule, FormatSpec } from "../format-spec.ts";
import { parseJsonLoose } from "../json-loose.ts";
import type { ToolIndex } from "../tool-index.ts";
import type { JsonSchema } from "../types.ts";
import {
  decodeEntities,
  propertiesOf,
  readElements,
  typeElement,
  typeElements,
} from "./shared/xml-elements.ts";

function callRules(name: string, tools: ToolIndex): BlockRule[] {
  // A line-prefixed call ends where another call starts (Devstral writes `list_dir\n<path>..</path>
  // \nread_file\n<path>..</path>\n</read_file>`): a declared name on its own line or as an
  // element, unless it is one of this tool's own parameters.
  const parameters = propertiesOf(tools.get(name)?.parameters) ?? {};
  const nextCalls = tools.names
    .filter((other) => !(other in parameters))
    .flatMap((other) => [`\n${other}\n`, `\n${other}:\n`, `<${other}>`, `<${other}/>`]);
  return [
    {
      open: `<${name}>`,
      end: { kind: "close", close: [`</${name}>`] },
      // When auto-detecting, only element (or JSON) bodies: `<search> for ...` in prose is text.
      // With the format given, a tag left open at the end before plain text that the tool has no
      // parameter for (`Use the \`<read_file>\` tool ...`) is a mention in prose, not a cut call.
      decide: (head, final, ctx) => {
        if (/^\s*(?:<|$)/.test(head) || looksLikeJson(head)) return undefined;
        if (ctx.auto) return "reject";
        return final && !takesPlainText(ctx.tools.get(name)?.parameters) ? "reject" : undefined;
      },
      parse: (body, ctx) => parseCall(name, body, ctx),
    },
    {
      open: `<${name}/>`,
      end: { kind: "token" },
      parse: () => ({ calls: [{ name, arguments: {} }] }),
    },
    // `<NAME />`, `<NAME \n />`, `< NAME/>`: a call without arguments, with spaces in its tag.
    {
      open: `<${name} `,
      end: { kind: "close", close: ["/>"] },
      decide: (head) => (/^\s*$/.test(head) ? undefined : "reject"),
      parse: () => ({ calls: [{ name, arguments: {} }] }),
    },
    {
      open: `< ${name}/>`,
      end: { kind: "token" },
      parse: () => ({ calls: [{ name, arguments: {} }] }),
    },
    // `<NAME\n <city>..</city>\n/>`: a self-closing root written around the argument elements.
    {
      open: `<${name}\n`,
      end: { kind: "close", close: ["/>", `</${name}>`] },
      decide: (head) => (/^\s*(?:<|$)/.test(head) ? undefined : "reject"),
      parse: (body, ctx) => parseCall(name, body, ctx),
    },
    // The name on its own line (optionally with a colon), then the argument elements (ai-sdk).
    ...[`${name}\n`, `${name}:\n`].map(
      (open): BlockRule => ({
        open,
        lineStart: "always",
        end: { kind: "close", close: ["\n\n", `</${name}>`], stopBefore: nextCalls },
        decide: (head, final, ctx) => decideLinePrefixed(name, head, final, ctx.tools),
        parse: (body, ctx) => parseCall(name, body, ctx),
      }),
    ),
  ];
}

/** A line-prefixed call's body must start with an element named after one of the tool's parameters. */
function decideLinePrefixed(
  name: string,
  head: string,
  final: boolean,
  tools: ToolIndex,
): "reject" | undefined {
  const start = /^\s*(<[^>]*>?)?/.exec(head)![1];
  if (start === undefined) return /^\s*$/.test(head) && !final ? undefined : "reject";
  const tag = /^<([A-Za-z_][\w.:-]*)>$/.exec(start);
  if (!tag) return start.endsWith(">") || final || /[\s/]/.test(start) ? "reject" : undefined;
  const keys = propertiesOf(tools.get(name)?.parameters);
  return !keys || tag[1]! in keys ? undefined : "reject";
}

function looksLikeJson(head: string): boolean {
  return /^\s*\{/.test(head);
}

function parseCall(name: string, body: string, ctx: BlockContext): BlockOutcome {
  const raw = ctx.open + body + (ctx.close ?? "");
  const schema = ctx.tools.get(name)?.parameters;
  const untyped = propertiesOf(schema) ? "string" : "infer";
  const text = body.trim();
  if (text.length === 0) return { calls: [{ name, arguments: {} }] };
  if (looksLikeJson(text)) {
    const parsed = parseJsonLoose(text);
    if (parsed.ok) return { calls: [{ name, arguments: parsed.value }] };
  }
  const { elements, text: outside } = readElements(text);
  const last = elements.at(-1);
  if (ctx.truncated && !last?.closed) {
    return {
      problems: [
        {
          code: "truncated-call",
          message: `the output ended inside the call to ${name}`,
          raw,
          toolName: name,
        },
      ],
    };
  }
  if (elements.length === 0) return singleParameterCall(name, text, schema, raw);
  const properties = propertiesOf(schema);
  const prose = proseParameter(schema);
  // Visible text with stray markup, none of it a parameter (`line one<br/>line two`, a card's
  // `<image_url>` flattened into a message): the text is the value of the tool's prose parameter.
  if (prose && outside.length > 0 && !elements.some((element) => properties && element.name in properties)) {
    return { calls: [{ name, arguments: { [prose]: visibleText(text) } }] };
  }
  const call = { name, arguments: typeElements(elements, schema, untyped) };
  return outside.length > 0 ? { calls: [call], content: outside } : { calls: [call] };
}

/**
 * Plain text as the body: the value of the tool's only parameter, or of its prose parameter
 * (below), else not a call.
 */
function singleParameterCall(
  name: string,
  text: string,
  schema: JsonSchema | undefined,
  raw: string,
): BlockOutcome {
  const properties = propertiesOf(schema);
  const keys = properties ? Object.keys(properties) : [];
  const prose = keys.length === 1 ? undefined : proseParameter(schema);
  if (prose) return { calls: [{ name, arguments: { [prose]: visibleText(text) } }] };
  if (keys.length !== 1) {
    return {
      problems: [
        {
          code: "malformed-call",
          message: `expected one element per argument inside <${name}>`,
          raw,
          toolName: name,
        },
      ],
    };
  }
  const key = keys[0]!;
  return { calls: [{ name, arguments: { [key]: typeElement(text, properties?.[key], "string") } }] };
}

/** The tool can take plain text as its body (see `singleParameterCall`). */
function takesPlainText(schema: JsonSchema | undefined): boolean {
  const properties = propertiesOf(schema);
  return (
    properties !== undefined && (Object.keys(properties).length === 1 || proseParameter(schema) !== undefined)
  );
}

/**
 * The parameter plain text stands for when a tool has several: its only string parameter, when
 * no other parameter is required (`send_message(message, card?)`).
 */
function proseParameter(schema: JsonSchema | undefined): string | undefined {
  const properties = propertiesOf(schema);
  if (!properties) return undefined;
  const strings = Object.keys(properties).filter((key) => schemaTypes(properties[key]).join() === "string");
  if (strings.length !== 1) return undefined;
  const required = Array.isArray(schema?.required) ? (schema.required as unknown[]) : [];
  return required.every((key) => key === strings[0]) ? strings[0] : undefined;
}

/** The text a reader sees: comments and processing instructions dropped, CDATA and tags unwrapped. */
function visibleText(body: string): string {
  const pieces = body.split(/(<!\[CDATA\[[\s\S]*?\]\]>)/);
  return pieces
    .map((piece, index) =>
      index % 2 === 1
        ? piece.slice(9, -3)
        : decodeEntities(
            piece.replace(/<!--[\s\S]*?-->|<\?[\s\S]*?\?>|<\/?[A-Za-z_][\w.:-]*(?:\s[^<>]*)?\/?>/g, ""),
          ),
    )
    .join("")
    .trim();
}

export const morphXml: FormatSpec = {
  id: "morph_xml",
  description: "<TOOL_NAME><param>value</param>...</TOOL_NAME> for declared tools (ai-sdk morph-xml)",
  blocks: (tools: ToolIndex) => (tools.declared ? tools.names.flatMap((name) => callRules(name, tools)) : []),
};
