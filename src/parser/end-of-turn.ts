/**
 * End-of-turn and end-of-message special tokens that servers leave in the text when they do not
 * skip special tokens (raw completions, `skip_special_tokens: false`). For the standalone check
 * of bare values, such a token ends the line: `{"name": ..}<|eot_id|>` stands alone, as it would
 * once the server stripped the token.
 */
export const END_OF_TURN_TOKENS: readonly string[] = [
  "<|eot_id|>", // Llama 3.x
  "<|eom_id|>", // Llama 3.1 ipython
  "<|eot|>", // Llama 4
  "<|end_of_text|>",
  "<|im_end|>", // ChatML (Qwen, Hermes)
  "<|endoftext|>",
  "<|end|>", // Phi, harmony
  "<|return|>", // harmony
  "<|call|>", // harmony
  "<end_of_turn>", // Gemma
  "<eos>",
  "<turn|>", // Gemma 4
  "<|END_OF_TURN_TOKEN|>", // Command
  "<｜end▁of▁sentence｜>", // DeepSeek
  "<seed:eos>",
  "<|role_end|>", // Ling
  "<|end_of_msg|>",
  "<|observation|>", // GLM-4 (a call ends the turn)
  "</s>", // Llama 2 style vocabularies (Mistral)
];

/**
 * Whether an end-of-turn token starts at `at`: its length, "wait" when the text ends inside one
 * (more may complete it), or 0.
 */
export function endOfTurnAt(text: string, at: number, final: boolean): number | "wait" {
  const rest = text.length - at;
  for (const token of END_OF_TURN_TOKENS) {
    if (rest >= token.length) {
      if (text.startsWith(token, at)) return token.length;
    } else if (!final && token.startsWith(text.slice(at))) return "wait";
  }
  return 0;
}
