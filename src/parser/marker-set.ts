/**
 * A set of literal markers searched together: the leftmost match (the longest at one position),
 * and the part of a chunk's tail that could still grow into a marker (held back by streaming).
 */
export interface MarkerMatch {
  readonly index: number;
  readonly marker: string;
}

export class MarkerSet {
  readonly markers: readonly string[];
  readonly maxLength: number;
  private readonly pattern: RegExp | null;
  /** Every proper prefix of every marker. */
  private readonly prefixes = new Set<string>();
  /** First characters of markers, for a cheap filter on tails. */
  private readonly firstChars = new Set<string>();

  constructor(markers: Iterable<string>) {
    const unique = [...new Set(markers)].filter((marker) => marker.length > 0);
    unique.sort((a, b) => b.length - a.length || (a < b ? -1 : 1));
    this.markers = unique;
    this.maxLength = unique.reduce((max, marker) => Math.max(max, marker.length), 0);
    this.pattern = unique.length > 0 ? new RegExp(unique.map(escapeRegExp).join("|"), "g") : null;
    for (const marker of unique) {
      this.firstChars.add(marker[0]!);
      for (let length = 1; length < marker.length; length++) this.prefixes.add(marker.slice(0, length));
    }
  }

  get size(): number {
    return this.markers.length;
  }

  /** The leftmost marker at or after `from` (the longest one at that position). */
  find(text: string, from: number): MarkerMatch | null {
    if (!this.pattern) return null;
    this.pattern.lastIndex = from;
    const match = this.pattern.exec(text);
    return match ? { index: match.index, marker: match[0] } : null;
  }

  /**
   * The first index at or after `from` where the rest of `text` is a proper prefix of a marker,
   * or text.length when no tail could become one.
   */
  holdIndex(text: string, from: number): number {
    const start = Math.max(from, text.length - this.maxLength + 1);
    for (let i = start; i < text.length; i++) {
      if (this.firstChars.has(text[i]!) && this.prefixes.has(text.slice(i))) return i;
    }
    return text.length;
  }

  /** True when the text from `index` to the end is a proper prefix of some marker. */
  isPrefixAt(text: string, index: number): boolean {
    return text.length - index < this.maxLength && this.prefixes.has(text.slice(index));
  }
}

export function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}
