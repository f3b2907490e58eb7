import { describe, expect, it } from "vitest";
import { expectStreamsAsOneShot } from "../../../test/helpers/streamed.ts";
import { parseToolCalls } from "../parse-tool-calls.ts";

const tag = (name: string) => `<|plamo:${name}:plamo|>`;
const request = (name: string, args: string, constrain = true) =>
  `${tag("begin_tool_request")}${tag("begin_tool_name")}${name}${tag("end_tool_name")}${tag("begin_tool_arguments")}${
    constrain ? "<|plamo:constrain|>json<|plamo:msg|>" : ""
  }${args}${tag("end_tool_arguments")}${tag("end_tool_request")}`;
const requests = (...calls: string[]) =>
  `${tag("begin_tool_requests")}${calls.join("")}${tag("end_tool_requests")}<|plamo:tag|>`;

describe("plamo3", () => {
  const text = `Checking.${requests(request("echo", '{"text": "hi"}'), request("sum", '{"a": 1, "b": 2}', false))}`;

  it("reads the requests, with the format given and auto-detected", () => {
    for (const format of ["plamo3", "auto"] as const) {
      const result = parseToolCalls(text, { format });
      expect(
        result.toolCalls.map((c) => [c.name, c.arguments]),
        format,
      ).toEqual([
        ["echo", { text: "hi" }],
        ["sum", { a: 1, b: 2 }],
      ]);
      expect([result.format, result.content]).toEqual(["plamo3", "Checking."]);
    }
  });

  it("drops the text after the end-of-turn tag, reads reasoning, and reports a cut-off request", () => {
    expect(parseToolCalls("Regular response<|plamo:tag|>ignored", { format: "plamo3" }).content).toBe(
      "Regular response",
    );
    const thought = parseToolCalls(`${tag("begin_think")}hmm${tag("end_think")}ok`, { format: "plamo3" });
    expect([thought.reasoning, thought.content]).toEqual(["hmm", "ok"]);
    const cut = parseToolCalls(
      `Before.${tag("begin_tool_requests")}${tag("begin_tool_request")}${tag("begin_tool_name")}sum`,
      {
        format: "plamo3",
      },
    );
    expect([cut.content, cut.problems.map((p) => p.code)]).toEqual(["Before.", ["truncated-call"]]);
  });

  it("streams as it parses one-shot", () => {
    expectStreamsAsOneShot([text], ["plamo3", "auto"]);
  });
});
