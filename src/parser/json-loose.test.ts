import { describe, expect, it } from "vitest";
import { parseJsonLoose } from "./json-loose.ts";

const value = (text: string) => {
  const parsed = parseJsonLoose(text);
  return parsed.ok ? parsed.value : "not JSON";
};

describe("parseJsonLoose", () => {
  it("repairs what models get wrong in the syntax", () => {
    expect(value("{'a': True, 'b': None,}")).toEqual({ a: true, b: null });
    expect(value('{"a": [1, 2')).toEqual({ a: [1, 2] });
    expect(value('{"a": "x" "b": 2}')).toEqual({ a: "x", b: 2 });
    expect(value('{"a": undefined}')).toEqual({ a: null });
  });

  it("never invents a value the model did not write", () => {
    expect(value('{"missing": }')).toBe("not JSON");
    expect(value("{invalid_json")).toBe("not JSON");
    expect(value('{"a": 1, "b":')).toBe("not JSON");
    expect(value('{"a": null, "b":')).toBe("not JSON");
  });

  it("keeps backslashes that start no JSON escape", () => {
    expect(value('{"path": "C:\\Users\\me\\notes.txt"}')).toEqual({ path: "C:\\Users\\me\\notes.txt" });
    // Per string: the regex's backslash is literal, the other string's \t is still a tab.
    expect(value('{"re": "\\d+", "tab": "a\\tb"}')).toEqual({ re: "\\d+", tab: "a\tb" });
    expect(value('{"ok": "a\\tb\\u00e9"}')).toEqual({ ok: "a\tbé" });
    expect(value('{"q": "Bob\\\'s \\d"}')).toEqual({ q: "Bob's \\d" });
  });

  it("undoes doubled braces", () => {
    expect(value('{{"name": "a", "arguments": {"q": 1}}}')).toEqual({ name: "a", arguments: { q: 1 } });
    expect(value('{{"name": "a", "arguments": {{"q": 1}}}}')).toEqual({ name: "a", arguments: { q: 1 } });
  });
});
