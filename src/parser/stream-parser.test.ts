import { describe, expect, it } from "vitest";
import { StreamParser } from "./stream-parser.ts";

describe("StreamParser events", () => {
  it("emits start, delta and end for a call; the delta's JSON survives spreading and JSON.stringify", () => {
    const parser = new StreamParser({ format: "hermes" });
    const events = [
      ...parser.feed('<tool_call>{"name": "f", "arguments": {"a": [1, "x"]}}</tool_call>'),
      ...parser.end().events,
    ];
    const delta = events.find((event) => event.type === "tool-call-delta");
    expect(delta).toMatchObject({ type: "tool-call-delta", id: "call_0", argumentsDelta: '{"a":[1,"x"]}' });
    expect({ ...delta, step: 1 }).toEqual({
      type: "tool-call-delta",
      id: "call_0",
      argumentsDelta: '{"a":[1,"x"]}',
      step: 1,
    });
    expect(JSON.parse(JSON.stringify(delta))).toEqual({
      type: "tool-call-delta",
      id: "call_0",
      argumentsDelta: '{"a":[1,"x"]}',
    });
    expect(events.map((event) => event.type)).toEqual([
      "tool-call-start",
      "tool-call-delta",
      "tool-call-end",
    ]);
  });

  it("refuses feed after end and a second end", () => {
    const parser = new StreamParser();
    parser.end();
    expect(() => parser.feed("x")).toThrow("after end()");
    expect(() => parser.end()).toThrow("twice");
  });
});
