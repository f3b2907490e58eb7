/**
 * The scanner's short-chunk shortcuts (`holdFrom`, `extendHeld`) against the general answers
 * they stand in for (`isClear`, `heldTail`, `extendsProperPrefix`), on random text dense in
 * marker characters: wherever a shortcut answers, it must agree.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { compileFormats } from "./compile-formats.ts";
import { CLEAR, COMPLETES, LEAD_ANY, LEAD_LINE, MarkerSet } from "./marker-set.ts";
import { ToolIndex } from "./tool-index.ts";

const auto = compileFormats("auto", ToolIndex.empty).markers;
const sets: [string, MarkerSet][] = [
  ["auto", auto],
  ["hermes close", new MarkerSet(["</tool_call>"])],
  ["overlapping", new MarkerSet(["<a", "<a<b>x", "<b>", "ab"], new Set(["ab"]))],
];

/** Characters of the markers themselves, newlines and spaces: chunks full of near-markers. */
function chunkArbitrary(set: MarkerSet): fc.Arbitrary<string> {
  const pieces = [...new Set(set.markers.flatMap((marker) => [marker, marker.slice(0, 2), ...marker]))];
  return fc
    .array(fc.constantFrom(...pieces, "\n", " ", "x"), { minLength: 1, maxLength: 6 })
    .map((parts) => parts.join("").slice(0, 16));
}

/** Whether position `index` starts a line (only spaces or tabs since a newline, or the text start at one). */
function startsLine(text: string, index: number, atLineStart: boolean): boolean {
  for (let k = index - 1; k >= 0; k--) {
    const char = text[k];
    if (char === "\n") return true;
    if (char !== " " && char !== "\t" && char !== "\r") return false;
  }
  return atLineStart;
}

/** The first lead character, when no line-start-only lead comes before it (the caller's rule). */
function firstLead(set: MarkerSet, text: string): number {
  for (let i = 0; i < text.length; i++) {
    const kind = set.classes[text.charCodeAt(i)];
    if (kind === LEAD_ANY) return i;
    if (kind === LEAD_LINE) return -1;
  }
  return -1;
}

describe("MarkerSet short-chunk shortcuts", () => {
  for (const [name, set] of sets) {
    it(`holdFrom agrees with isClear and heldTail (${name})`, () => {
      fc.assert(
        fc.property(chunkArbitrary(set), fc.boolean(), (text, atLineStart) => {
          const lead = firstLead(set, text);
          if (lead < 0) return;
          const answer = set.holdFrom(text, lead, startsLine(text, lead, atLineStart));
          if (answer === undefined) return;
          if (answer === CLEAR) {
            expect(set.isClear(text, atLineStart)).toBe(true);
          } else {
            expect(set.isClear(text, atLineStart)).toBe(false);
            // -1: a line-start-only marker completes at `lead` away from a line start, which the
            // scan loop reads as text before holding from `lead` (the parser-level property tests
            // check that end to end).
            expect([lead, -1]).toContain(set.heldTail(text));
            if (startsLine(text, lead, atLineStart)) expect(set.heldTail(text)).toBe(lead);
          }
        }),
        { numRuns: 3000, seed: 11 },
      );
    });

    it(`extendHeld agrees with extendsProperPrefix and heldTail (${name})`, () => {
      fc.assert(
        fc.property(chunkArbitrary(set), chunkArbitrary(set), (first, next) => {
          const lead = firstLead(set, first);
          if (lead < 0) return;
          // At a line start, as the general answers assume.
          const held = set.holdFrom(first, lead, true);
          if (held === undefined || held === CLEAR) return;
          const prefix = first.slice(lead);
          const answer = set.extendHeld(held, prefix.length, next);
          const general = set.extendsProperPrefix(prefix, prefix + next);
          if (answer === undefined) expect(general).toBe(false);
          else if (answer === COMPLETES) {
            expect(general).toBe(false);
            expect(set.heldTail(prefix + next)).toBe(-1);
          } else expect(general).toBe(true);
        }),
        { numRuns: 3000, seed: 12 },
      );
    });
  }

  it("holds a marker's beginning and reads a chunk with no possible marker as clear", () => {
    const set = new MarkerSet(["<tool_call>"]);
    expect(set.holdFrom("ok <to", 3)).not.toBe(CLEAR);
    expect(set.holdFrom("ok <to", 3)).toBeDefined();
    expect(set.holdFrom("a < b", 2)).toBe(CLEAR);
    // A second possible marker start in the chunk: the general path decides.
    expect(set.holdFrom("< <to", 0)).toBeUndefined();
  });
});
