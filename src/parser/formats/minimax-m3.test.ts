import { describe, expect, it } from "vitest";
import { parseToolCalls } from "../parse-tool-calls.ts";
import { StreamParser } from "../stream-parser.ts";
import type { ToolSpec } from "../types.ts";

const NS = "]<]minimax[>[";
const plan: ToolSpec = {
  name: "plan_trip",
  parameters: {
    type: "object",
    properties: {
      stops: { type: "array", items: { type: "string" } },
      budget: { type: "number" },
      traveler: { type: "object", properties: { name: { type: "string" }, age: { type: "integer" } } },
      nights: { type: "array", items: { type: "integer" } },
    },
  },
};
const el = (tag: string, inner: string) => `${NS}<${tag}>${inner}${NS}</${tag}>`;
const block = (invokes: string) => `${NS}<tool_call>\n${invokes}\n${NS}</tool_call>`;
const invoke = (name: string, inner: string) => `${NS}<invoke name="${name}">${inner}${NS}</invoke>`;

describe("minimax_m3", () => {
  it("keeps a string's trailing whitespace and reads only null (not none) as null for a nullable string", () => {
    const note: ToolSpec = {
      name: "note",
      parameters: {
        type: "object",
        properties: { text: { type: "string" }, tag: { type: ["string", "null"] } },
      },
    };
    const read = (inner: string) =>
      parseToolCalls(block(invoke("note", inner)), { format: "minimax_m3", tools: [note] }).toolCalls[0]
        ?.arguments;
    expect(read(el("text", "remember this\n") + el("tag", "none"))).toEqual({
      text: "remember this\n",
      tag: "none",
    });
    expect(read(el("text", "a") + el("tag", "null"))).toEqual({ text: "a", tag: null });
    const text = block(invoke("note", el("text", "x\n") + el("tag", "nil")));
    const parser = new StreamParser({ format: "minimax_m3", tools: [note] });
    for (const char of text) parser.feed(char);
    expect(parser.end().result.toolCalls[0]?.arguments).toEqual({ text: "x\n", tag: "nil" });
  });

  it("types nested elements by the schema: <item> lists, objects, a single tag for an array", () => {
    const inner =
      el("stops", el("item", "Rome") + el("item", "Nice")) +
      el("budget", "1200.50") +
      el("traveler", el("name", "Ada") + el("age", "36")) +
      el("nights", "3");
    const result = parseToolCalls(block(invoke("plan_trip", inner)), { format: "minimax_m3", tools: [plan] });
    expect(result.toolCalls[0]?.arguments).toEqual({
      stops: ["Rome", "Nice"],
      budget: 1200.5,
      traveler: { name: "Ada", age: 36 },
      nights: [3],
    });
  });

  it("keeps leaves as strings without a schema and turns repeated tags into lists", () => {
    const inner = el("tag", "a") + el("tag", "b") + el("count", "2") + el("list", el("item", "x"));
    const result = parseToolCalls(block(invoke("label", inner)), { format: "minimax_m3" });
    expect(result.toolCalls[0]?.arguments).toEqual({ tag: ["a", "b"], count: "2", list: ["x"] });
  });

  it("treats `<` in a value as text: only the namespace token makes markup", () => {
    const inner = el("code", "if (a < b && c > d) { return '<b>'; }");
    const result = parseToolCalls(block(invoke("run", inner)), { format: "minimax_m3" });
    expect(result.toolCalls[0]?.arguments).toEqual({ code: "if (a < b && c > d) { return '<b>'; }" });
  });

  it("closes an element whose closing tag is missing at its parent's", () => {
    const inner = `${NS}<traveler>${el("name", "Ada")}${NS}<age>36${NS}</traveler>`;
    const result = parseToolCalls(block(invoke("plan_trip", inner)), { format: "minimax_m3", tools: [plan] });
    expect(result.toolCalls[0]?.arguments).toEqual({ traveler: { name: "Ada", age: 36 } });
  });

  it("reports a stray closing tag as a malformed call and a cut-off invoke as truncated", () => {
    const stray = parseToolCalls(block(`${NS}</age>`), { format: "minimax_m3" });
    expect([stray.toolCalls, stray.problems.map((problem) => problem.code)]).toEqual([
      [],
      ["malformed-call"],
    ]);
    const cut = parseToolCalls(
      `${NS}<tool_call>\n${invoke("a", el("k", "1"))}\n${NS}<invoke name="b">${NS}<k>2`,
      {
        format: "minimax_m3",
      },
    );
    expect(cut.toolCalls.map((call) => call.name)).toEqual(["a"]);
    expect(cut.problems.map((problem) => [problem.code, problem.raw])).toEqual([
      ["truncated-call", `${NS}<invoke name="b">${NS}<k>2`],
    ]);
  });

  it("streams character by character to the one-shot result", () => {
    const text = `Planning.\n${block(invoke("plan_trip", el("stops", el("item", "Rome"))))}\nSent.`;
    const oneShot = parseToolCalls(text, { format: "minimax_m3", tools: [plan] });
    const parser = new StreamParser({ format: "minimax_m3", tools: [plan] });
    for (const char of text) parser.feed(char);
    expect(parser.end().result).toEqual(oneShot);
    expect([oneShot.content, oneShot.toolCalls[0]?.arguments]).toEqual([
      "Planning.\n\nSent.",
      { stops: ["Rome"] },
    ]);
  });

  it("is auto-detected, streamed character by character to the one-shot result", () => {
    const text = `Go.\n${block(invoke("plan_trip", el("budget", "9")))}`;
    const oneShot = parseToolCalls(text, { tools: [plan] });
    const parser = new StreamParser({ tools: [plan] });
    for (const char of text) parser.feed(char);
    expect(parser.end().result).toEqual(oneShot);
    expect([oneShot.format, oneShot.toolCalls[0]?.arguments]).toEqual(["minimax_m3", { budget: 9 }]);
  });

  it("leaves other namespaced text and an unfinished opener as content", () => {
    const result = parseToolCalls(`a ${NS}<note>x${NS}</note> b ${NS}<tool_ca`, { format: "minimax_m3" });
    expect([result.toolCalls, result.problems, result.content]).toEqual([
      [],
      [],
      `a ${NS}<note>x${NS}</note> b ${NS}<tool_ca`,
    ]);
  });
});

describe("minimax_m3: thinking and unions (llama.cpp test-chat.cpp)", () => {
  const unionArgs: ToolSpec = {
    name: "union_args",
    parameters: {
      type: "object",
      properties: {
        filter: {
          anyOf: [
            { type: "array", items: { type: "string" } },
            { type: "object", properties: { field: { type: "string" }, op: { type: "string" } } },
          ],
        },
        limit: { oneOf: [{ type: "integer" }, { type: "object", properties: { max: { type: "integer" } } }] },
      },
    },
  };

  it("reads <mm:think> as reasoning and drops the bare </mm:think> of a turn without it", () => {
    const call = block(invoke("f", el("x", "1")));
    const thought = parseToolCalls(`<mm:think>Let me check</mm:think>${call}`, { format: "minimax_m3" });
    expect(thought.reasoning).toBe("Let me check");
    expect(thought.content).toBe("");
    expect(thought.toolCalls).toHaveLength(1);
    const bare = parseToolCalls("</mm:think>Hello, world!", { format: "minimax_m3" });
    expect([bare.reasoning, bare.content]).toEqual(["", "Hello, world!"]);
  });

  it("types children by the union alternative whose shape they have", () => {
    const inner = el("limit", el("max", "10")) + el("filter", el("field", "a") + el("op", "eq"));
    const result = parseToolCalls(block(invoke("union_args", inner)), {
      format: "minimax_m3",
      tools: [unionArgs],
    });
    expect(result.toolCalls[0]?.arguments).toEqual({ limit: { max: 10 }, filter: { field: "a", op: "eq" } });
    const list = parseToolCalls(
      block(invoke("union_args", el("filter", el("item", "a") + el("item", "b")))),
      {
        format: "minimax_m3",
        tools: [unionArgs],
      },
    );
    expect(list.toolCalls[0]?.arguments).toEqual({ filter: ["a", "b"] });
  });
});
