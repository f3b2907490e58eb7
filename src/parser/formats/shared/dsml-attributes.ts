/**
 * Attribute lists of the DSML family's tags (`name="get_weather" string="true"`,
 * `tool="search" index="1"`): read in any order, XML entities decoded.
 */

const ATTRIBUTE = /([A-Za-z_][\w.-]*)\s*=\s*(?:"([^"]*)"|'([^']*)')/g;

const NAMED_ENTITIES: Readonly<Record<string, string>> = {
  quot: '"',
  amp: "&",
  lt: "<",
  gt: ">",
  apos: "'",
};

/** Decodes `&quot;`, `&amp;`, `&lt;`, `&gt;`, `&apos;` and numeric references; unknown ones stay. */
export function decodeEntities(text: string): string {
  if (!text.includes("&")) return text;
  return text.replace(/&(#x[0-9a-fA-F]+|#\d+|[a-zA-Z]+);/g, (whole, entity: string) => {
    if (entity.startsWith("#x")) return codePoint(Number.parseInt(entity.slice(2), 16), whole);
    if (entity.startsWith("#")) return codePoint(Number.parseInt(entity.slice(1), 10), whole);
    return NAMED_ENTITIES[entity] ?? whole;
  });
}

function codePoint(value: number, fallback: string): string {
  return Number.isInteger(value) && value >= 0 && value <= 0x10ffff ? String.fromCodePoint(value) : fallback;
}

/** The attributes of one tag (the text between its name and its end), values entity-decoded. */
export function parseAttributes(text: string): Map<string, string> {
  const attributes = new Map<string, string>();
  for (const match of text.matchAll(ATTRIBUTE)) {
    const key = match[1]!;
    if (!attributes.has(key)) attributes.set(key, decodeEntities(match[2] ?? match[3] ?? ""));
  }
  return attributes;
}
