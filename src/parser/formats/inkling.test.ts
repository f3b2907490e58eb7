import { describe, expect, it } from "vitest";
import { expectStreamsAsOneShot } from "../../../test/helpers/streamed.ts";
import { parseToolCalls } from "../parse-tool-calls.ts";
import type { ToolSpec } from "../types.ts";

const weather: ToolSpec = { name: "weather", parameters: { type: "object" } };
const call = (args: unknown, header = "weather") =>
  `<|message_model|>${header}<|content_invoke_tool_json|>${JSON.stringify({ name: "weather", args })}<|end_message|>`;

describe("inkling", () => {
  const turn =
    "<|message_model|><|content_thinking|>Need the weather.<|end_message|>" +
    call({ city: "SF" }) +
    call({ city: "NY" }, "other") +
    "<|message_model|><|content_text|>Here you go.<|end_message|><|content_model_end_sampling|>";

  it("reads calls, reasoning and text messages, with the format given and auto-detected", () => {
    for (const format of ["inkling", "auto"] as const) {
      const result = parseToolCalls(turn, { format, tools: [weather] });
      expect(
        result.toolCalls.map((c) => [c.name, c.arguments]),
        format,
      ).toEqual([
        ["weather", { city: "SF" }],
        ["weather", { city: "NY" }],
      ]);
      expect([result.format, result.content, result.reasoning]).toEqual([
        "inkling",
        "Here you go.",
        "Need the weather.",
      ]);
    }
  });

  it("reads a headerless call and one whose end marker never came", () => {
    for (const text of [
      '<|content_invoke_tool_json|>{"name":"weather","args":{"city":"SF"}}<|end_message|>',
      'Sure, let me check.<|content_invoke_tool_json|>{"name":"weather","args":{"city":"SF"}}',
      '<|content_invoke_tool_json|>{"name":"weather","args":{"city":"SF"}}<|content_thinking|><|end_message|>',
    ]) {
      expect(parseToolCalls(text, { format: "inkling" }).toolCalls.map((c) => c.arguments)).toEqual([
        { city: "SF" },
      ]);
    }
  });

  it("reports an unreadable payload and keeps control tokens out of the content", () => {
    const bad = parseToolCalls(
      "Visible prefix.<|message_model|>weather<|content_invoke_tool_json|>{not json at all<|end_message|>",
      { format: "inkling" },
    );
    expect([bad.toolCalls, bad.content, bad.problems.map((p) => p.code)]).toEqual([
      [],
      "Visible prefix.",
      ["malformed-call"],
    ]);
    const plain = parseToolCalls("Hi<|message_model|><|content_text|>there<|end_message|><|endoftext|>", {
      format: "inkling",
    });
    expect(plain.content).toBe("Hithere");
  });

  it("streams as it parses one-shot", () => {
    expectStreamsAsOneShot([turn, `Sure.${call({ city: "SF" })}`], ["inkling", "auto"], { tools: [weather] });
  });
});
