import {
  AIMessage,
  type AIMessageChunk,
  HumanMessage,
  SystemMessage,
  ToolMessage,
} from "@langchain/core/messages";
import { tool } from "@langchain/core/tools";
import { describe, expect, it } from "vitest";
import { z } from "zod";
import { llama3Adapter } from "../../../adapters/llama3.ts";
import { qwen2Adapter } from "../../../adapters/qwen2.ts";
import { qwen3Adapter } from "../../../adapters/qwen3.ts";
import { listAdapters } from "../../../adapters/registry.ts";
import { ToolUseError } from "../../errors.ts";
import { FORMAT_IDS } from "../../parser/types.ts";
import { ScriptedChatModel } from "./scripted-chat-model.ts";
import { withTextToolCalling } from "./with-text-tool-calling.ts";

const weather = tool(async ({ city }) => `Sunny in ${city}`, {
  name: "get_weather",
  description: "Current weather for a city",
  schema: z.object({ city: z.string() }),
});

const CALL = '<tool_call>\n{"name": "get_weather", "arguments": {"city": "Paris"}}\n</tool_call>';

/** Every way of cutting `text` into two or three pieces, plus char by char. */
function chunkings(text: string): string[][] {
  const out: string[][] = [[text], [...text]];
  for (let i = 1; i < text.length; i += 7) {
    out.push([text.slice(0, i), text.slice(i)]);
    const j = Math.min(text.length - 1, i + 11);
    if (j > i) out.push([text.slice(0, i), text.slice(i, j), text.slice(j)]);
  }
  return out;
}

async function streamAll(model: ReturnType<typeof withTextToolCalling>, input: string) {
  const bound = model.bindTools([weather]);
  const chunks: AIMessageChunk[] = [];
  for await (const chunk of await bound.stream([new HumanMessage(input)])) chunks.push(chunk);
  return chunks;
}

describe("withTextToolCalling", () => {
  it("turns a text call into tool_calls and keeps the text around it", async () => {
    const inner = new ScriptedChatModel([{ text: `Checking.\n${CALL}` }]);
    const reply = await withTextToolCalling(inner, { adapter: qwen2Adapter })
      .bindTools([weather])
      .invoke([new HumanMessage("Weather in Paris?")]);
    expect(reply.content).toBe("Checking.\n");
    expect(reply.tool_calls).toEqual([
      { type: "tool_call", id: "call_0", name: "get_weather", args: { city: "Paris" } },
    ]);
    expect(reply.invalid_tool_calls).toEqual([]);
    inner.assertDone();
  });

  it("sends the tools in the system prompt and nothing through the inner model's tools API", async () => {
    const inner = new ScriptedChatModel([{ text: "Hi." }]);
    await withTextToolCalling(inner, { adapter: qwen2Adapter })
      .bindTools([weather])
      .invoke([new SystemMessage("Be brief."), new HumanMessage("Hello")]);
    const [system, user] = inner.requests[0]!;
    expect(system?.getType()).toBe("system");
    expect(system?.text).toMatch(/^Be brief\.\n\n# Tools/);
    expect(system?.text).toContain('"name": "get_weather"');
    expect(user?.text).toBe("Hello");
    expect(inner.boundTools).toEqual([]);
  });

  it("renders earlier calls and results as the family's text (Qwen: <tool_call>, <tool_response>)", async () => {
    const inner = new ScriptedChatModel([{ text: "Sunny." }]);
    await withTextToolCalling(inner, { adapter: qwen2Adapter })
      .bindTools([weather])
      .invoke([
        new HumanMessage("Weather in Paris?"),
        new AIMessage({
          content: "",
          tool_calls: [{ id: "c1", name: "get_weather", args: { city: "Paris" } }],
        }),
        new ToolMessage({ content: "Sunny in Paris", tool_call_id: "c1" }),
      ]);
    const sent = inner.requests[0]!;
    expect(sent.map((message) => message.getType())).toEqual(["system", "human", "ai", "human"]);
    expect(sent[2]?.text).toBe(CALL);
    expect(sent[3]?.text).toBe("<tool_response>\nSunny in Paris\n</tool_response>");
    expect(sent.every((message) => !(message instanceof AIMessage) || message.tool_calls?.length === 0)).toBe(
      true,
    );
  });

  it("sends results as tool messages with the conversation's call ids for families whose server renders them (Llama 3)", async () => {
    const inner = new ScriptedChatModel([{ text: "Sunny." }]);
    await withTextToolCalling(inner, { adapter: llama3Adapter })
      .bindTools([weather])
      .invoke([
        new HumanMessage("Weather in Paris?"),
        new AIMessage({
          content: "",
          tool_calls: [{ id: "c7", name: "get_weather", args: { city: "Paris" } }],
        }),
        new ToolMessage({ content: "Sunny in Paris", tool_call_id: "c7" }),
      ]);
    const sent = inner.requests[0]!;
    expect(sent.at(-2)?.text).toBe('{"name": "get_weather", "parameters": {"city": "Paris"}}');
    const result = sent.at(-1);
    expect(result).toBeInstanceOf(ToolMessage);
    expect((result as ToolMessage).tool_call_id).toBe("c7");
    expect(result?.text).toBe("Sunny in Paris");
  });

  it.each([
    ["truncated", 'Hi <tool_call>{"name": "get_weather", "arguments": {"city": "Par', "truncated-call"],
    ["malformed", "Hi <tool_call>not json at all</tool_call>", "expected {"],
  ])("reports a %s call in invalid_tool_calls, not in the text", async (_name, text, error) => {
    const inner = new ScriptedChatModel([{ text }]);
    const reply = await withTextToolCalling(inner, { adapter: qwen2Adapter })
      .bindTools([weather])
      .invoke([new HumanMessage("Weather?")]);
    expect(reply.tool_calls).toEqual([]);
    expect(reply.invalid_tool_calls).toHaveLength(1);
    expect(reply.invalid_tool_calls?.[0]?.args).toContain("<tool_call>");
    expect(reply.invalid_tool_calls?.[0]?.error).toContain(error === "truncated-call" ? "truncated" : error);
    expect(reply.text).not.toContain("<tool_call>");
  });

  it("streams a broken call as an invalid tool call chunk", async () => {
    const text = "Hi <tool_call>not json at all</tool_call>";
    const chunks = await streamAll(
      withTextToolCalling(new ScriptedChatModel([{ chunks: [...text] }]), { adapter: qwen2Adapter }),
      "Weather?",
    );
    const joined = chunks.reduce((all, chunk) => all.concat(chunk));
    expect(joined.tool_calls).toEqual([]);
    expect(joined.invalid_tool_calls).toHaveLength(1);
    expect(chunks.map((chunk) => chunk.text).join("")).toBe("Hi ");
  });

  it("streams the same message as invoke returns, however the reply is chunked", async () => {
    const text = `Let me look.\n${CALL}\n${CALL.replace("Paris", "Oslo")}\nDone`;
    const expected = await withTextToolCalling(new ScriptedChatModel([{ text }]), { adapter: qwen2Adapter })
      .bindTools([weather])
      .invoke([new HumanMessage("Weather?")]);
    for (const pieces of chunkings(text)) {
      const chunks = await streamAll(
        withTextToolCalling(new ScriptedChatModel([{ chunks: pieces }]), { adapter: qwen2Adapter }),
        "Weather?",
      );
      for (const chunk of chunks) expect(chunk.text).not.toMatch(/<\/?tool_call|_call>|\{"name"/);
      const joined = chunks.reduce((all, chunk) => all.concat(chunk));
      expect(joined.text).toBe(expected.text);
      expect(joined.tool_calls).toEqual(expected.tool_calls);
    }
    expect(expected.tool_calls?.map((call) => call.args)).toEqual([{ city: "Paris" }, { city: "Oslo" }]);
  });

  it("moves reasoning (<think>) out of the content into reasoning_content", async () => {
    const text = `<think>The user wants weather.</think>Sure.\n${CALL}`;
    const model = withTextToolCalling(new ScriptedChatModel([{ text }, { chunks: [...text] }]), {
      adapter: qwen3Adapter,
    });
    const reply = await model.bindTools([weather]).invoke([new HumanMessage("Weather?")]);
    expect(reply.content).toBe("Sure.\n");
    expect(reply.additional_kwargs.reasoning_content).toBe("The user wants weather.");
    expect(reply.tool_calls?.[0]?.args).toEqual({ city: "Paris" });
    const chunks = await streamAll(model, "Weather?");
    const joined = chunks.reduce((all, chunk) => all.concat(chunk));
    expect(joined.text).toBe("Sure.\n");
    expect(joined.additional_kwargs.reasoning_content).toBe("The user wants weather.");
  });

  it("passes usage through", async () => {
    const usage = { input_tokens: 10, output_tokens: 5, total_tokens: 15 };
    const model = withTextToolCalling(
      new ScriptedChatModel([
        { text: "Hi", usage },
        { text: "Hi", usage },
      ]),
      {
        adapter: qwen2Adapter,
      },
    );
    expect((await model.invoke([new HumanMessage("x")])).usage_metadata).toEqual(usage);
    const chunks = await streamAll(model, "x");
    expect(chunks.reduce((all, chunk) => all.concat(chunk)).usage_metadata).toMatchObject(usage);
  });

  it("leaves the tools out when tool_choice is none", async () => {
    const inner = new ScriptedChatModel([{ text: CALL }]);
    const reply = await withTextToolCalling(inner, { adapter: qwen2Adapter })
      .bindTools([weather], { tool_choice: "none" })
      .invoke([new HumanMessage("Weather?")]);
    expect(inner.requests[0]?.[0]?.text).not.toContain("get_weather");
    // The parser still reads what the model wrote: a call to an undeclared tool is kept (the agent reports it).
    expect(reply.tool_calls?.map((call) => call.name)).toEqual(["get_weather"]);
  });

  it("picks the adapter for a format, and refuses a format no adapter writes", () => {
    const model = withTextToolCalling(new ScriptedChatModel([]), { format: "hermes" });
    expect(model.adapter.format).toBe("hermes");
    const covered = new Set(listAdapters().map((adapter) => adapter.format));
    const orphan = FORMAT_IDS.find((format) => !covered.has(format));
    expect(orphan).toBeDefined();
    expect(() => withTextToolCalling(new ScriptedChatModel([]), { format: orphan! })).toThrowError(
      expect.objectContaining({ code: "unknown-format" }),
    );
  });

  it("fails at bindTools for something that is not a tool", () => {
    const model = withTextToolCalling(new ScriptedChatModel([]), { adapter: qwen2Adapter });
    let error: unknown;
    try {
      model.bindTools([{ nonsense: true }]);
    } catch (caught) {
      error = caught;
    }
    expect(ToolUseError.is(error, "invalid-input")).toBe(true);
  });
});
