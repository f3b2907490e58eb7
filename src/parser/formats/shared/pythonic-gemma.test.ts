import { describe, expect, it } from "vitest";
import { readGemmaCalls } from "./pythonic-gemma.ts";

const GEMMA4 = '<|"|>';
const s = (text: string) => `${GEMMA4}${text}${GEMMA4}`;

describe("readGemmaCalls", () => {
  it("reads strings verbatim, bare scalars and nesting", () => {
    const body = `call:f{text:${s('a, {b}: "c"\\n')},n:-2.5,ok:false,none:null,obj:{k:${s("v")},list:[1,${s("x")},[true]]}}`;
    expect(readGemmaCalls(body, GEMMA4).calls).toEqual([
      {
        name: "f",
        arguments: {
          text: 'a, {b}: "c"\\n',
          n: -2.5,
          ok: false,
          none: null,
          obj: { k: "v", list: [1, "x", [true]] },
        },
      },
    ]);
  });

  it("works with another delimiter (FunctionGemma's <escape>)", () => {
    expect(readGemmaCalls("call:g{city:<escape>Paris, FR<escape>}", "<escape>").calls).toEqual([
      { name: "g", arguments: { city: "Paris, FR" } },
    ]);
  });

  it("tolerates a missing call: prefix, quoted keys, JSON strings and bare words", () => {
    expect(readGemmaCalls(`lookup{"q":"a\\"b",'mode':fast, empty:}`, GEMMA4).calls).toEqual([
      { name: "lookup", arguments: { q: 'a"b', mode: "fast", empty: "" } },
    ]);
  });

  it("reads several calls in one body and returns what follows", () => {
    const read = readGemmaCalls(`call:a{}call:b{x:1} done`, GEMMA4);
    expect(read.calls.map((call) => call.name)).toEqual(["a", "b"]);
    expect(read.rest).toBe(" done");
  });

  it("reports an unterminated value as incomplete", () => {
    const read = readGemmaCalls(`call:a{x:${GEMMA4}abc`, GEMMA4);
    expect(read.calls).toEqual([]);
    expect(read.failure?.incomplete).toBe(true);
  });
});
