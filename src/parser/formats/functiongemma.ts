/**
 * functiongemma (FunctionGemma 270M): calls in Gemma's value syntax between tag tokens,
 *
 *   <start_function_call>call:get_weather{city:<escape>Paris<escape>,days:3}<end_function_call>
 *
 * Keys are bare; strings sit between `<escape>` tokens and are kept verbatim; numbers,
 * booleans and null are bare; `{..}` and `[..]` nest. A string whose declared schema wants a
 * number, boolean, object or list is typed accordingly (vLLM JSON-decodes such strings). A
 * missing end token is tolerated when the call is complete. See shared/pythonic-gemma.ts.
 */
import type { FormatSpec } from "../format-spec.ts";
import { parseGemmaBody } from "./shared/pythonic-gemma.ts";

export const FUNCTIONGEMMA_STRING_DELIMITER = "<escape>";

export const functiongemma: FormatSpec = {
  id: "functiongemma",
  description:
    "<start_function_call>call:NAME{key:<escape>text<escape>,n:1}<end_function_call> (FunctionGemma)",
  blocks: [
    {
      open: "<start_function_call>",
      end: { kind: "close", close: ["<end_function_call>"] },
      parse: (body, ctx) => parseGemmaBody(body, ctx, FUNCTIONGEMMA_STRING_DELIMITER),
    },
  ],
  strip: ["<start_function_response>", "<end_of_turn>", "<eos>"],
};
