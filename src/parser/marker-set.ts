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
  private readonly pattern: RegExp;
  /** Every proper prefix of every marker. */
  private readonly prefixes = new Set<string>();
  /** First characters of markers, as a table over UTF-16 code units: the scan's fast path. */
  private readonly firstCodes = new Uint8Array(65536);
  /** Markers by their first UTF-16 code unit. */
  private readonly byFirst = new Map<number, string[]>();

  /**
   * `lineStartOnly`: markers that only count at the start of a line; `isClear` ignores them
   * elsewhere (the scanner would treat them as text there anyway).
   */
  constructor(
    markers: Iterable<string>,
    private readonly lineStartOnly: ReadonlySet<string> = new Set(),
  ) {
    const unique = [...new Set(markers)].filter((marker) => marker.length > 0);
    unique.sort((a, b) => b.length - a.length || (a < b ? -1 : 1));
    this.markers = unique;
    this.pattern = new RegExp(unique.map(escapeRegExp).join("|") || "(?!)", "g");
    this.maxLength = unique.reduce((max, marker) => Math.max(max, marker.length), 0);
    for (const marker of unique) {
      this.firstCodes[marker.charCodeAt(0)] = 1;
      const list = this.byFirst.get(marker.charCodeAt(0));
      if (list) list.push(marker);
      else this.byFirst.set(marker.charCodeAt(0), [marker]);
      for (let length = 1; length < marker.length; length++) this.prefixes.add(marker.slice(0, length));
    }
  }

  get size(): number {
    return this.markers.length;
  }

  /** The leftmost marker at or after `from` (the longest one at that position). */
  find(text: string, from: number): MarkerMatch | null {
    const start = this.firstCandidate(text, from);
    if (start < 0) return null;
    if (text.length - start > SHORT_TEXT) {
      // Long texts (one-shot): the regex engine scans natively between candidates.
      this.pattern.lastIndex = start;
      const match = this.pattern.exec(text);
      return match ? { index: match.index, marker: match[0] } : null;
    }
    // Short texts (streamed chunks): test the markers sharing each candidate's first character
    // (longest first) directly, which beats the regex's fixed cost.
    for (let i = start; i >= 0; i = this.firstCandidate(text, i + 1)) {
      for (const marker of this.byFirst.get(text.charCodeAt(i))!) {
        if (text.startsWith(marker, i)) return { index: i, marker };
      }
    }
    return null;
  }

  /**
   * The first index at or after `from` where the rest of `text` is a proper prefix of a marker,
   * or text.length when no tail could become one.
   */
  holdIndex(text: string, from: number): number {
    const start = Math.max(from, text.length - this.maxLength + 1);
    for (let i = start; i < text.length; i++) {
      if (this.firstCodes[text.charCodeAt(i)] === 1 && this.prefixes.has(text.slice(i))) return i;
    }
    return text.length;
  }

  /**
   * True when `text` (a small streamed chunk) holds no marker and ends with no marker prefix,
   * so it is plain text for this set. Cheap for chunks of a few characters.
   */
  isClear(text: string, atLineStart = false): boolean {
    for (let i = this.firstCandidate(text, 0); i >= 0; i = this.firstCandidate(text, i + 1)) {
      const rest = text.length - i;
      for (const marker of this.byFirst.get(text.charCodeAt(i))!) {
        if (this.lineStartOnly.has(marker) && !startsLine(text, i, atLineStart)) continue;
        if (rest >= marker.length ? text.startsWith(marker, i) : marker.startsWith(text.slice(i)))
          return false;
      }
    }
    return true;
  }

  /** The first index at or after `from` holding a marker's first character, or -1. */
  firstCandidate(text: string, from: number): number {
    const codes = this.firstCodes;
    for (let i = from; i < text.length; i++) {
      if (codes[text.charCodeAt(i)] === 1) return i;
    }
    return -1;
  }

  /** True when `text` is a proper prefix of some marker (and so not yet decidable). */
  isProperPrefix(text: string): boolean {
    return text.length < this.maxLength && this.prefixes.has(text);
  }

  /** True when the text from `index` to the end is a proper prefix of some marker. */
  isPrefixAt(text: string, index: number): boolean {
    return text.length - index < this.maxLength && this.prefixes.has(text.slice(index));
  }
}

/** Whether position `index` of `text` starts a line (only spaces or tabs since a newline). */
function startsLine(text: string, index: number, atLineStart: boolean): boolean {
  for (let k = index - 1; k >= 0; k--) {
    const code = text.charCodeAt(k);
    if (code === 10) return true;
    if (code !== 32 && code !== 9) return false;
  }
  return atLineStart;
}

const SHORT_TEXT = 256;

export function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}
