/**
 * olmo3 (Olmo 3): pythonic calls, one per line, inside a tag pair,
 *
 *   <function_calls>get_weather(city="Paris")
 *   get_time(zone=null)</function_calls>
 *
 * JSON literals (true/false/null) are accepted next to Python ones. A call with an unconvertible
 * argument (b'..', 1e999) is dropped with a problem and its siblings kept; a line that is not a
 * call is reported and skipped. A list `[...]` or commas between calls are tolerated, and so is
 * a missing close tag at the end of output when the calls are complete.
 */
import type { FormatSpec } from "../format-spec.ts";
import { looksPythonic, parsePythonicBody } from "./shared/pythonic-calls.ts";

export const olmo3: FormatSpec = {
  id: "olmo3",
  description: '<function_calls>fn(a="x")\\nfn2()</function_calls> (Olmo 3, one pythonic call per line)',
  blocks: [
    {
      open: "<function_calls>",
      end: { kind: "close", close: ["</function_calls>"] },
      accepts: looksPythonic,
      parse: parsePythonicBody,
    },
  ],
  strip: ["<|im_end|>", "<|endoftext|>"],
};
