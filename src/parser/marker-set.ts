/**
 * A set of literal markers searched together: the leftmost match (the longest at one position),
 * and the part of a chunk's tail that could still grow into a marker (held back by streaming).
 */
export interface MarkerMatch {
  readonly index: number;
  readonly marker: string;
}

/** A node of the markers' trie: the prefix spelled by the path from the root. */
class TrieNode {
  readonly next = new Map<number, TrieNode>();
  /** The text from the root to this node (a held marker prefix is this string: no copy). */
  readonly prefix: string;
  /** The only child's code unit (most nodes inside a marker have one), NONE or MANY. */
  soleCode = NONE;
  soleChild: TrieNode | undefined = undefined;
  /** The marker this prefix completes, if any. */
  marker: string | undefined = undefined;
  /** That marker counts only at the start of a line. */
  markerLineOnly = false;
  /** The prefix is a proper prefix of a marker that counts anywhere. */
  prefixOfAny = false;
  /** The prefix is a proper prefix of a line-start-only marker. */
  prefixOfLineOnly = false;

  /** Children by ASCII code unit, for nodes with several children (a Map lookup costs more). */
  ascii: (TrieNode | undefined)[] | undefined = undefined;

  constructor(prefix: string) {
    this.prefix = prefix;
  }

  /** The child for the next code unit, or undefined. */
  step(code: number): TrieNode | undefined {
    if (this.soleCode === code) return this.soleChild;
    if (this.soleCode !== MANY) return undefined;
    return code < 128 ? this.ascii![code] : this.next.get(code);
  }

  /** Fills `soleCode`, `soleChild` and `ascii` in this subtree, once it is built. */
  seal(): void {
    if (this.next.size === 1) {
      for (const [code, child] of this.next) {
        this.soleCode = code;
        this.soleChild = child;
      }
    } else if (this.next.size > 1) {
      this.soleCode = MANY;
      const ascii: (TrieNode | undefined)[] = new Array(128).fill(undefined);
      for (const [code, child] of this.next) if (code < 128) ascii[code] = child;
      this.ascii = ascii;
    }
    for (const child of this.next.values()) child.seal();
  }
}

const NONE = -1;
const MANY = -2;

/** A held marker prefix's position in a set's trie (opaque outside this module). */
export type HeldPrefix = object;

/** The text a held prefix spells (the held characters themselves). */
export function heldPrefixText(held: HeldPrefix): string {
  return (held as TrieNode).prefix;
}
/** `holdFrom`'s answer for a chunk in which no marker can start. */
export const CLEAR = 0;
/** `extendHeld`'s answer when the held text completes a marker. */
export const COMPLETES = 1;

export class MarkerSet {
  readonly markers: readonly string[];
  readonly maxLength: number;
  private readonly pattern: RegExp;
  /** Every marker, by its characters: walked without slicing or hashing the text. */
  private readonly root = new TrieNode("");
  /**
   * A class per UTF-16 code unit, the scan's fast path: LEAD_ANY (some marker may start here),
   * LEAD_LINE (only line-start-only markers start with it), NEWLINE, SPACE (space, tab or CR,
   * which keep a line start), or 0 (plain text).
   */
  readonly classes = new Uint8Array(65536);
  /** Markers that are proper prefixes of longer ones (`[TOOL_CALL` of `[TOOL_CALLS]`). */
  private readonly extendable = new Set<string>();
  /** The last prefix `extendsProperPrefix` accepted, and its node. */
  private lastPrefix = "";
  private lastPrefixNode: TrieNode | undefined = undefined;

  /**
   * `lineStartOnly`: markers that only count at the start of a line; `isClear` ignores them
   * elsewhere (the scanner would treat them as text there anyway).
   */
  constructor(markers: Iterable<string>, lineStartOnly: ReadonlySet<string> = new Set()) {
    const unique = [...new Set(markers)].filter((marker) => marker.length > 0);
    unique.sort((a, b) => b.length - a.length || (a < b ? -1 : 1));
    this.markers = unique;
    this.pattern = new RegExp(unique.map(escapeRegExp).join("|") || "(?!)", "g");
    this.maxLength = unique.reduce((max, marker) => Math.max(max, marker.length), 0);
    this.classes[10] = NEWLINE;
    this.classes[32] = SPACE;
    this.classes[9] = SPACE;
    this.classes[13] = SPACE;
    for (const marker of unique) {
      const lineOnly = lineStartOnly.has(marker);
      const first = marker.charCodeAt(0);
      const current = this.classes[first]!;
      // A line-start-only marker's first character needs a line check, unless it is also a
      // newline or space (then it is treated like any marker's).
      this.classes[first] = lineOnly && (current === 0 || current === LEAD_LINE) ? LEAD_LINE : LEAD_ANY;
      let node = this.root;
      for (let k = 0; k < marker.length; k++) {
        if (lineOnly) node.prefixOfLineOnly = true;
        else node.prefixOfAny = true;
        const code = marker.charCodeAt(k);
        let child = node.next.get(code);
        if (child === undefined) {
          child = new TrieNode(marker.slice(0, k + 1));
          node.next.set(code, child);
        }
        node = child;
      }
      node.marker = marker;
      node.markerLineOnly = lineOnly;
    }
    this.root.seal();
    for (const marker of unique) {
      if (unique.some((other) => other.length > marker.length && other.startsWith(marker))) {
        this.extendable.add(marker);
      }
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
    // Short texts (streamed chunks): walk the trie from each candidate, which beats the regex's
    // fixed cost.
    for (let i = start; i >= 0; i = this.firstCandidate(text, i + 1)) {
      const marker = this.longestAt(text, i);
      if (marker !== undefined) return { index: i, marker };
    }
    return null;
  }

  /** The longest marker starting at `index`, if any. */
  private longestAt(text: string, index: number): string | undefined {
    let node: TrieNode | undefined = this.root;
    let found: string | undefined;
    for (let j = index; j < text.length; j++) {
      node = node.step(text.charCodeAt(j));
      if (node === undefined) break;
      if (node.marker !== undefined) found = node.marker;
    }
    return found;
  }

  /** The trie node for `text` from `index` to the end, or undefined when it spells no prefix. */
  private nodeAt(text: string, index: number): TrieNode | undefined {
    let node: TrieNode | undefined = this.root;
    for (let j = index; j < text.length && node !== undefined; j++) node = node.step(text.charCodeAt(j));
    return node;
  }

  /**
   * The first index at or after `from` (and at most `until`) where the rest of `text` is a
   * proper prefix of a marker, or text.length when no tail could become one.
   */
  holdIndex(text: string, from: number, until = text.length - 1): number {
    const start = Math.max(from, text.length - this.maxLength + 1);
    const last = Math.min(until, text.length - 1);
    for (let i = start; i <= last; i++) {
      if (isLead(this.classes[text.charCodeAt(i)]!) && this.isPrefixAt(text, i)) return i;
    }
    return text.length;
  }

  /**
   * True when `text` (a small streamed chunk) holds no marker and ends with no marker prefix,
   * so it is plain text for this set. Cheap for chunks of a few characters.
   */
  isClear(text: string, atLineStart = false): boolean {
    for (let i = this.firstCandidate(text, 0); i >= 0; i = this.firstCandidate(text, i + 1)) {
      // Whether line-start-only markers count here: decided at their first sight.
      let lineOk: boolean | undefined;
      let node: TrieNode | undefined = this.root;
      for (let j = i; j < text.length; j++) {
        node = node.step(text.charCodeAt(j));
        if (node === undefined) break;
        if (node.marker !== undefined) {
          if (!node.markerLineOnly) return false;
          lineOk ??= startsLine(text, i, atLineStart);
          if (lineOk) return false;
        }
      }
      if (node === undefined) continue;
      // The text ends inside a marker (`node` is its whole tail from i).
      if (node.prefixOfAny) return false;
      if (node.prefixOfLineOnly && (lineOk ?? startsLine(text, i, atLineStart))) return false;
    }
    return true;
  }

  /**
   * For a short text: when no marker completes anywhere in it (whatever the position), where its
   * tail that may still grow into a marker starts (`holdIndex(text, 0)`, text.length when none);
   * otherwise -1 (the scan loop must look at it).
   */
  heldTail(text: string): number {
    let hold = text.length;
    for (let i = this.firstCandidate(text, 0); i >= 0; i = this.firstCandidate(text, i + 1)) {
      let node: TrieNode | undefined = this.root;
      for (let j = i; j < text.length; j++) {
        node = node.step(text.charCodeAt(j));
        if (node === undefined) break;
        if (node.marker !== undefined) return -1;
      }
      if (hold === text.length && node !== undefined && node.soleCode !== NONE) hold = i;
    }
    return hold;
  }

  /** The first index at or after `from` holding a marker's first character, or -1. */
  firstCandidate(text: string, from: number): number {
    const classes = this.classes;
    for (let i = from; i < text.length; i++) {
      if (isLead(classes[text.charCodeAt(i)]!)) return i;
    }
    return -1;
  }

  /** True when `text` is a proper prefix of some marker (and so not yet decidable). */
  isProperPrefix(text: string): boolean {
    return text.length < this.maxLength && this.isPrefixAt(text, 0);
  }

  /**
   * `isProperPrefix(held)` for `held` = `prefix` + more text, where `prefix` is usually the
   * text this last answered true for: then only the new characters are walked.
   */
  extendsProperPrefix(prefix: string, held: string): boolean {
    if (held.length >= this.maxLength) return false;
    let node: TrieNode | undefined = this.root;
    let j = 0;
    if (prefix === this.lastPrefix) {
      node = this.lastPrefixNode;
      j = prefix.length;
    }
    for (; j < held.length && node !== undefined; j++) node = node.step(held.charCodeAt(j));
    if (node === undefined || node.soleCode === NONE) return false;
    this.lastPrefix = held;
    this.lastPrefixNode = node;
    return true;
  }

  /**
   * The scanner's cheap path for a short chunk whose only lead character (at `lead`) may begin
   * a marker that counts anywhere: CLEAR when no marker can start there (the chunk is plain text
   * for this set), the trie position when the rest of the chunk is a proper prefix of such a
   * marker (to be held), or undefined when the general path must decide (another lead character
   * follows, a marker completes, or only line-start markers are possible). `leadAtLineStart`:
   * whether `lead` starts a line; when it does not, a line-start-only marker completing at
   * `lead` is text (as the scan loop reads it) and does not stop the answer. Where it answers,
   * `isClear` agrees, and `heldTail` answers `lead` (or -1 for such an ignored marker: the scan
   * loop then holds from `lead` too).
   */
  holdFrom(text: string, lead: number, leadAtLineStart = true): HeldPrefix | typeof CLEAR | undefined {
    const classes = this.classes;
    let node: TrieNode | undefined = this.root.step(text.charCodeAt(lead));
    for (let j = lead + 1; j < text.length; j++) {
      const code = text.charCodeAt(j);
      if (node === undefined) {
        // No marker starts at `lead`: the rest must hold no lead character at all.
        if (isLead(classes[code]!)) return undefined;
        continue;
      }
      if (counts(node, leadAtLineStart) || !this.quietFrom(text, j)) return undefined;
      node = node.step(code);
      if (node === undefined && isLead(classes[code]!)) return undefined;
    }
    if (node === undefined) return CLEAR;
    if (counts(node, leadAtLineStart) || !node.prefixOfAny) return undefined;
    return node;
  }

  /**
   * For `holdFrom`: position `index` is no lead character, or only a line-start marker's that
   * completes nowhere in the text (away from a line start such a marker is text anyway).
   */
  private quietFrom(text: string, index: number): boolean {
    const kind = this.classes[text.charCodeAt(index)]!;
    if (kind === LEAD_ANY) return false;
    if (kind !== LEAD_LINE) return true;
    let node: TrieNode | undefined = this.root;
    for (let j = index; j < text.length; j++) {
      node = node.step(text.charCodeAt(j));
      if (node === undefined) return true;
      if (node.marker !== undefined) return false;
    }
    return true;
  }

  /**
   * `extendsProperPrefix` from a held prefix's trie position, for the held text plus `chunk`
   * (`heldLength` + its length): the position after `chunk` while it is still a proper prefix
   * of a marker; COMPLETES when it is not and a marker starting at the held text's beginning
   * completed on the way (`heldTail` would answer -1: the scan loop decides); otherwise
   * undefined. `heldAtLineStart` as `holdFrom`'s `leadAtLineStart`.
   */
  extendHeld(
    held: HeldPrefix,
    heldLength: number,
    chunk: string,
    heldAtLineStart = true,
  ): HeldPrefix | typeof COMPLETES | undefined {
    let node: TrieNode | undefined = held as TrieNode;
    let completed = counts(node, heldAtLineStart);
    for (let j = 0; j < chunk.length && node !== undefined; j++) {
      node = node.step(chunk.charCodeAt(j));
      if (node !== undefined && counts(node, heldAtLineStart)) completed = true;
    }
    if (node !== undefined && node.soleCode !== NONE && heldLength + chunk.length < this.maxLength)
      return node;
    return completed ? COMPLETES : undefined;
  }

  /** Whether `marker` (one of this set's) begins a longer marker, so more text may extend it. */
  isExtendable(marker: string): boolean {
    return this.extendable.has(marker);
  }

  /** True when the text from `index` to the end is a proper prefix of some marker. */
  isPrefixAt(text: string, index: number): boolean {
    if (text.length - index >= this.maxLength || index >= text.length) return false;
    const node = this.nodeAt(text, index);
    return node !== undefined && node.soleCode !== NONE;
  }
}

/** Classes of `MarkerSet.classes`. */
export const LEAD_ANY = 1;
export const LEAD_LINE = 2;
export const NEWLINE = 3;
export const SPACE = 4;

/**
 * Whether the trie position completes a marker that counts where the prefix began: a
 * line-start-only marker counts only at the start of a line.
 */
function counts(node: TrieNode, atLineStart: boolean): boolean {
  return node.marker !== undefined && (atLineStart || !node.markerLineOnly);
}

function isLead(code: number): boolean {
  return code === LEAD_ANY || code === LEAD_LINE;
}

/** Whether position `index` of `text` starts a line (only spaces or tabs since a newline). */
function startsLine(text: string, index: number, atLineStart: boolean): boolean {
  for (let k = index - 1; k >= 0; k--) {
    const code = text.charCodeAt(k);
    if (code === 10) return true;
    if (code !== 32 && code !== 9 && code !== 13) return false;
  }
  return atLineStart;
}

const SHORT_TEXT = 256;

export function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}
