import { describe, expect, it } from "vitest";
import { compileFormats } from "./compile-formats.ts";
import { LEAD_ANY } from "./marker-set.ts";
import { ToolIndex } from "./tool-index.ts";

describe("compileFormats (auto)", () => {
  it("lets no letter or digit open a marker anywhere in a line (streamed prose stays on the fast path)", () => {
    // A letter that may open a marker mid-line sends every streamed chunk holding it down the
    // scanner's slow path; plain-word openers must start a line or apply with the format given.
    const { markers } = compileFormats("auto", new ToolIndex(undefined));
    const letters: string[] = [];
    for (let code = 0; code < 128; code++) {
      const char = String.fromCharCode(code);
      if (/[A-Za-z0-9]/.test(char) && markers.classes[code] === LEAD_ANY) letters.push(char);
    }
    expect(letters).toEqual([]);
  });
});
