/**
 * Prompt texts live in prompts/ as files. This loads them (cached) and fills `{{name}}` slots.
 */
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";

const root = fileURLToPath(new URL("../prompts/", import.meta.url));
const cache = new Map<string, string>();

/** The text of prompts/<path>, e.g. loadPrompt("tool-use/system.md"). */
export function loadPrompt(path: string): string {
  let text = cache.get(path);
  if (text === undefined) {
    text = readFileSync(root + path, "utf8");
    cache.set(path, text);
  }
  return text;
}

/** Replaces every `{{name}}` with its value; a slot without a value is a programming error. */
export function fillPrompt(template: string, values: Readonly<Record<string, string>>): string {
  return template.replace(/\{\{(\w+)\}\}/g, (_, name: string) => {
    const value = values[name];
    if (value === undefined) throw new Error(`prompt slot {{${name}}} has no value`);
    return value;
  });
}
