import { describe, expect, it } from "vitest";
import { PythonLiteralReader, ReadFailure, repairNestedQuotes } from "./pythonic-literal.ts";

function read(text: string): { value: unknown; unconvertible: string | undefined; end: number } {
  const reader = new PythonLiteralReader(text);
  const value = reader.readValue();
  return { value, unconvertible: reader.unconvertible, end: reader.pos };
}

function failure(text: string): ReadFailure {
  try {
    read(text);
  } catch (error) {
    if (error instanceof ReadFailure) return error;
    throw error;
  }
  throw new Error(`expected ${text} to fail`);
}

describe("PythonLiteralReader strings", () => {
  it("reads every quote style", () => {
    expect(read(`'a"b'`).value).toBe('a"b');
    expect(read(`"a'b"`).value).toBe("a'b");
    expect(read(`'''one\n'two'\n'''`).value).toBe("one\n'two'\n");
    expect(read(`"""say "hi" """`).value).toBe('say "hi" ');
  });

  it("decodes escapes and keeps unknown ones as Python does", () => {
    expect(read(String.raw`'line\nnext\ttab \x41 \u00e9 \U0001F600 \101 \'q\''`).value).toBe(
      "line\nnext\ttab A é 😀 A 'q'",
    );
    expect(read(String.raw`'C:\data \N{DASH}'`).value).toBe(String.raw`C:\data \N{DASH}`);
    expect(read("'a\\\nb'").value).toBe("ab");
  });

  it("keeps raw strings raw and joins adjacent literals", () => {
    expect(read(String.raw`r'\d+\.\w'`).value).toBe(String.raw`\d+\.\w`);
    expect(read(`'abc' "def"  u'ghi'`).value).toBe("abcdefghi");
  });

  it("marks bytes and f-strings unconvertible but reads past them", () => {
    expect(read(`b'z'`)).toEqual({ value: "z", unconvertible: "a bytes literal is not text", end: 4 });
    expect(read(`f'{x}'`).unconvertible).toBe("an f-string is not a literal");
  });

  it("reports an unterminated string as incomplete", () => {
    const error = failure(`'San Fran`);
    expect(error.incomplete).toBe(true);
  });
});

describe("PythonLiteralReader numbers and constants", () => {
  it("reads Python number forms", () => {
    expect(read("1_000").value).toBe(1000);
    expect(read("0x1F").value).toBe(31);
    expect(read("0o17").value).toBe(15);
    expect(read("0b101").value).toBe(5);
    expect(read("-3.5").value).toBe(-3.5);
    expect(read("+2").value).toBe(2);
    expect(read("1e3").value).toBe(1000);
    expect(read(".5").value).toBe(0.5);
  });

  it("marks overflowing and complex numbers unconvertible", () => {
    expect(read("1e999").unconvertible).toMatch(/out of range/);
    expect(read("2j").unconvertible).toMatch(/complex/);
  });

  it("reads Python and JSON constants alike", () => {
    expect(read("[True, False, None, true, false, null]").value).toEqual([
      true,
      false,
      null,
      true,
      false,
      null,
    ]);
  });
});

describe("PythonLiteralReader containers", () => {
  it("reads nested lists, dicts and tuples with trailing commas", () => {
    expect(read(`{'a': [1, (2, 3), {'b': None},], "c": (), 'd': (4,), 'e': (5)}`).value).toEqual({
      a: [1, [2, 3], { b: null }],
      c: [],
      d: [4],
      e: 5,
    });
  });

  it("accepts bare-name keys and writes non-string keys as JSON", () => {
    expect(read(`{city: 'Paris', 1: 'one', True: 'yes', None: 0}`).value).toEqual({
      city: "Paris",
      "1": "one",
      true: "yes",
      null: 0,
    });
  });

  it("reads a set as a list", () => {
    expect(read("{1, 2}").value).toEqual([1, 2]);
  });

  it("never evaluates: names and calls are unconvertible", () => {
    const call = read(`__import__('os').system('rm -rf /')`);
    expect(call.unconvertible).toMatch(/not a literal/);
    expect(read("some_variable").unconvertible).toBe("the name some_variable is not a literal");
  });

  it("tells broken syntax from a truncated value", () => {
    expect(failure("[1, 2").incomplete).toBe(true);
    const broken = failure("[1 2]");
    expect(broken.incomplete).toBe(false);
    expect(broken.message).toBe("expected ']'");
  });
});

describe("repairNestedQuotes", () => {
  const parses = (candidate: string) => {
    try {
      const reader = new PythonLiteralReader(candidate);
      reader.readValue();
      reader.skipSpace();
      return reader.atEnd;
    } catch {
      return false;
    }
  };

  it("escapes the quotes inside the one string that needs it", () => {
    expect(repairNestedQuotes("['sed -n '1,5p' f.py']", parses)).toBe(String.raw`['sed -n \'1,5p\' f.py']`);
  });

  it("leaves text alone when no string is broken, none can be repaired, or several readings work", () => {
    expect(repairNestedQuotes("['a', 'b']", parses)).toBeUndefined();
    expect(repairNestedQuotes("['x 'y' 'z]", parses)).toBeUndefined();
    expect(repairNestedQuotes("['it's', 'b']", parses)).toBeUndefined();
  });

  it("skips raw and triple-quoted strings and joins adjacent literals", () => {
    expect(repairNestedQuotes("[r'a'b']", parses)).toBeUndefined();
    expect(repairNestedQuotes("['''a'b''', 'c 'd' e']", parses)).toBe(String.raw`['''a'b''', 'c \'d\' e']`);
    expect(repairNestedQuotes("['a' 'b', 'c 'd' e']", parses)).toBe(String.raw`['a' 'b', 'c \'d\' e']`);
  });
});
