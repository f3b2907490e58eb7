/**
 * gemma4 (Gemma 4): calls in Gemma's own value syntax between special tokens,
 *
 *   <|tool_call>call:get_weather{location:<|"|>Paris<|"|>,days:3,metric:true}<tool_call|>
 *
 * Keys are bare; strings sit between `<|"|>` tokens and are kept verbatim (no escapes);
 * numbers, booleans and null are bare; `{..}` and `[..]` nest. Several calls follow each other,
 * each in its own tokens. Thinking is `<|channel>thought\n..<channel|>`; a stray `<channel|>`
 * outside a thought block is dropped from content, as is a repeated `<tool_call|>`. A missing end token is
 * tolerated when the call is complete; an output that ends inside a call is a truncated call.
 * `call:NAME{..}` without the `<|tool_call>` token is a call too (see decideBareCall), and so is
 * `<call>NAME{..}` (the tokens fragmented), under the same conditions.
 * See shared/pythonic-gemma.ts for the leniencies.
 */
import type { DecideContext, FormatSpec } from "../format-spec.ts";
import { parseGemmaBody } from "./shared/pythonic-gemma.ts";

export const GEMMA4_STRING_DELIMITER = '<|"|>';

const BARE_HEAD = /^([A-Za-z_][\w.:-]*)\{/;

/**
 * A call written without its `<|tool_call>` token (Gemma 4 often goes straight from `<channel|>`
 * to `call:NAME{`): `NAME{` must follow, NAME a declared tool where tools are declared, and
 * when auto-detecting tools must be declared.
 */
function decideBareCall(head: string, final: boolean, ctx: DecideContext): "reject" | undefined {
  const match = BARE_HEAD.exec(head);
  if (!match) return !final && /^(?:[A-Za-z_][\w.:-]*)?$/.test(head) ? undefined : "reject";
  if (ctx.tools.declared) return ctx.tools.resolve(match[1]!) !== undefined ? undefined : "reject";
  return ctx.auto ? "reject" : undefined;
}

export const gemma4: FormatSpec = {
  id: "gemma4",
  description: '<|tool_call>call:NAME{key:<|"|>text<|"|>,n:42}<tool_call|> (Gemma 4)',
  blocks: [
    {
      open: "<|tool_call>",
      end: { kind: "close", close: ["<tool_call|>"] },
      parse: (body, ctx) => parseGemmaBody(body, ctx, GEMMA4_STRING_DELIMITER),
    },
    {
      // `<call>NAME{..}`: the `<|tool_call>call:` tokens fragmented (seen with multimodal inputs).
      open: "<call>",
      end: { kind: "close", close: ["<tool_call|>"], stopBefore: ["<|tool_call>", "<|channel>", "<turn|>"] },
      decide: decideBareCall,
      parse: (body, ctx) => parseGemmaBody(body, ctx, GEMMA4_STRING_DELIMITER),
    },
    {
      open: "call:",
      end: { kind: "close", close: ["<tool_call|>"], stopBefore: ["<|tool_call>", "<|channel>", "<turn|>"] },
      lineStart: "auto",
      inlineWithTools: true,
      decide: decideBareCall,
      parse: (body, ctx) => parseGemmaBody(body, ctx, GEMMA4_STRING_DELIMITER),
    },
  ],
  reasoning: [
    { open: "<|channel>thought\n", close: ["<channel|>"], promptOpened: true },
    { open: "<|channel>", close: ["<channel|>"], promptOpened: true },
  ],
  // A repeated `<tool_call|>` after a call is a stray end token, dropped like the others.
  strip: ["<turn|>", "<|tool_response>", "<eos>", "<channel|>", "<tool_call|>"],
};
