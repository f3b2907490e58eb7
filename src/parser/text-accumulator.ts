/**
 * Collects many small strings cheaply. Appending to one string makes a rope that keeps every
 * small piece alive (old-generation garbage when streaming tiny deltas); this flattens the
 * recent pieces into one string every few kilobytes instead.
 */
const FLUSH_AT = 4096;

export class TextAccumulator {
  private readonly parts: string[] = [];
  private tail = "";
  private total = 0;

  get length(): number {
    return this.total;
  }

  append(text: string): void {
    if (text.length === 0) return;
    this.tail += text;
    this.total += text.length;
    if (this.tail.length >= FLUSH_AT) {
      this.parts.push(flatten(this.tail));
      this.tail = "";
    }
  }

  /** Everything appended so far. */
  toString(): string {
    // Flattened once here: regex tests, charCodeAt, trim and JSON.parse each walk a rope.
    if (this.parts.length === 0) return flatten(this.tail);
    const joined = this.parts.join("") + this.tail;
    this.parts.length = 0;
    this.parts.push(joined);
    this.tail = "";
    return joined;
  }

  clear(): void {
    this.parts.length = 0;
    this.tail = "";
    this.total = 0;
  }
}

/** Forces V8 to flatten a rope into one sequential string (the `flatstr` trick). */
function flatten(text: string): string {
  text.charCodeAt(0);
  return text;
}
