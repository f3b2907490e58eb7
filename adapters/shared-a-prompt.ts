/**
 * Prompt texts for group-a adapters. A prompt file ends with one newline that is not part of the
 * text (editors add it); the templates' texts are byte-exact, so it is removed here.
 */
import { fillPrompt, loadPrompt } from "../src/prompts.ts";

/** The text of prompts/<path> without its final newline, slots filled when values are given. */
export function promptText(path: string, values?: Readonly<Record<string, string>>): string {
  const text = loadPrompt(path).replace(/\r?\n$/, "");
  return values ? fillPrompt(text, values) : text;
}
