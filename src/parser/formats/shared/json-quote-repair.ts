/**
 * Last-chance repair for a JSON call whose string values hold unescaped double quotes
 * (`"content":"He said "}" there"`), which jsonrepair cannot place when the stray quote sits next
 * to a bracket. A quote closes a string only where the JSON can go on: before `, "key":`, before a
 * `:` (a key), or before closing brackets that end the whole text; every other quote inside a
 * string is escaped. Used only after the ordinary parse and jsonrepair both failed.
 */
export function escapeInnerQuotes(text: string): string | undefined {
  let out = "";
  let inString = false;
  let changed = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!;
    if (!inString) {
      if (ch === '"') inString = true;
      out += ch;
      continue;
    }
    if (ch === "\\") {
      out += ch + (text[i + 1] ?? "");
      i++;
      continue;
    }
    if (ch !== '"') {
      out += ch;
      continue;
    }
    if (closesString(text.slice(i + 1))) {
      inString = false;
      out += ch;
    } else {
      changed = true;
      out += '\\"';
    }
  }
  return changed ? out : undefined;
}

function closesString(after: string): boolean {
  return /^\s*(?::|,\s*"[^"\\]*"\s*:|,\s*[{["\d\-tfn]|[}\]]+\s*$|[}\]]+\s*,\s*"[^"\\]*"\s*:)/.test(after);
}
