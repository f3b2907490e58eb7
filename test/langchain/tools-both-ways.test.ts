/**
 * Tools both ways with real objects: a tooluse tool (defineTool) run by langchain's createAgent
 * through toLangChainTool, and a LangChain tool() run by tooluse's runAgent.
 */
import { type AIMessage, HumanMessage, type ToolMessage } from "@langchain/core/messages";
import { tool } from "@langchain/core/tools";
import { createAgent } from "langchain";
import { describe, expect, it } from "vitest";
import { z } from "zod";
import { qwen2Adapter } from "../../adapters/qwen2.ts";
import { runAgent } from "../../src/executor/run-agent.ts";
import { ScriptedChatModel } from "../../src/providers/langchain/scripted-chat-model.ts";
import { toLangChainTool } from "../../src/providers/langchain/to-langchain-tool.ts";
import { ScriptedModel } from "../../src/testing/scripted-model.ts";
import { defineTool } from "../../src/tools/define-tool.ts";

function addTool(seen: { args: unknown; callId: string }[]) {
  return defineTool({
    name: "add",
    description: "Adds two numbers",
    // The transform must run exactly once, as in runAgent.
    input: z.object({ a: z.number(), b: z.number() }).transform(({ a, b }) => ({ a, b, label: `${a}+${b}` })),
    execute: (args, context) => {
      seen.push({ args, callId: context.callId });
      return { sum: args.a + args.b };
    },
  });
}

describe("toLangChainTool in createAgent", () => {
  it("runs a tooluse tool and returns its result as JSON text", async () => {
    const seen: { args: unknown; callId: string }[] = [];
    const model = new ScriptedChatModel([
      { toolCalls: [{ id: "t1", name: "add", args: { a: 2, b: 3 } }] },
      { text: "2 + 3 = 5" },
    ]);
    const agent = createAgent({ model, tools: [toLangChainTool(addTool(seen))] });

    const result = await agent.invoke({ messages: [new HumanMessage("2+3?")] });

    model.assertDone();
    expect(seen).toEqual([{ args: { a: 2, b: 3, label: "2+3" }, callId: "t1" }]);
    const toolMessage = result.messages[2] as ToolMessage;
    expect(toolMessage.getType()).toBe("tool");
    expect(toolMessage.content).toBe('{"sum":5}');
    expect((result.messages[3] as AIMessage).content).toBe("2 + 3 = 5");
    // The model saw the tool with the JSON schema tooluse derives from the zod input.
    const bound = toLangChainTool(addTool(seen));
    expect(bound.schema).toMatchObject({ type: "object", required: ["a", "b"] });
  });

  it("reports invalid arguments to the model as an error result and does not run the tool", async () => {
    const seen: { args: unknown; callId: string }[] = [];
    const model = new ScriptedChatModel([
      { toolCalls: [{ id: "t1", name: "add", args: { a: "two", b: 3 } }] },
      { text: "Sorry." },
    ]);
    const agent = createAgent({ model, tools: [toLangChainTool(addTool(seen))] });

    const result = await agent.invoke({ messages: [new HumanMessage("2+3?")] });

    expect(seen).toEqual([]);
    const toolMessage = result.messages[2] as ToolMessage;
    expect(toolMessage.status).toBe("error");
    // LangChain checks the JSON schema tooluse derived first; its error goes back to the model.
    expect(String(toolMessage.content)).toContain("Error invoking tool 'add'");
    expect(String(toolMessage.content)).toContain("did not match expected schema");
    model.assertDone();
  });

  it("validates with the tool's zod schema even when LangChain's JSON schema check passes", async () => {
    const positive = defineTool({
      name: "sqrt",
      description: "Square root",
      input: z.object({ x: z.number().refine((x) => x >= 0, "x must not be negative") }),
      execute: ({ x }) => Math.sqrt(x),
    });
    const converted = toLangChainTool(positive);
    expect(await converted.invoke({ x: 9 })).toBe("3");
    await expect(converted.invoke({ x: -1 })).rejects.toThrow(/x must not be negative/);
  });

  it("aborts the tool when its timeout passes", async () => {
    let aborted = false;
    const slow = defineTool({
      name: "slow",
      description: "Never finishes",
      input: z.object({}),
      timeoutMs: 10,
      execute: (_args, { signal }) =>
        new Promise((resolve) => {
          signal.addEventListener("abort", () => {
            aborted = true;
            resolve("late");
          });
        }),
    });
    await expect(toLangChainTool(slow).invoke({})).rejects.toThrow(/slow did not finish within 10 ms/);
    expect(aborted).toBe(true);
  });
});

describe("a LangChain tool in runAgent", () => {
  it("runs tool() from a Qwen2.5 text call and feeds its result back", async () => {
    const cities: string[] = [];
    const weather = tool(
      async ({ city }) => {
        cities.push(city);
        return `Sunny in ${city}`;
      },
      { name: "get_weather", description: "Current weather", schema: z.object({ city: z.string() }) },
    );
    const model = new ScriptedModel([
      { text: '<tool_call>\n{"name": "get_weather", "arguments": {"city": "Oslo"}}\n</tool_call>' },
      { text: "It is sunny in Oslo." },
    ]);

    const result = await runAgent({
      model,
      adapter: qwen2Adapter,
      tools: [weather],
      input: "Weather in Oslo?",
    });

    model.assertDone();
    expect(cities).toEqual(["Oslo"]);
    expect(result.finishReason).toBe("final-answer");
    expect(result.text).toBe("It is sunny in Oslo.");
    expect(result.toolCalls.map((record) => [record.call.name, record.ok, record.output])).toEqual([
      ["get_weather", true, "Sunny in Oslo"],
    ]);
    const second = model.requests[1]!.messages;
    expect(second.at(-1)?.content).toContain("Sunny in Oslo");
    expect(model.requests[0]!.messages[0]?.content).toContain('"name": "get_weather"');
  });
});
