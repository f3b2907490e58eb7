import { describe, expect, it } from "vitest";
import { z } from "zod";
import { resolveAdapter } from "../../adapters/registry.ts";
import { ToolUseError } from "../errors.ts";
import { runAgent } from "../executor/run-agent.ts";
import { ScriptedModel } from "../testing/scripted-model.ts";
import { defineTool } from "../tools/define-tool.ts";
import { defineAgent, isAgent, modelId, modelName } from "./define-agent.ts";
import { prepareAgent } from "./prepare-agent.ts";
import { resultMessages } from "./result-messages.ts";

describe("defineAgent", () => {
  it("marks a valid definition as an agent", () => {
    const agent = defineAgent({ model: "ollama:qwen2.5-coder:7b", instructions: "Be brief." });
    expect(isAgent(agent)).toBe(true);
    expect(isAgent({ model: "ollama:qwen2.5-coder:7b" })).toBe(false);
    expect(modelName(agent.model)).toBe("ollama:qwen2.5-coder:7b");
    expect(modelId(agent.model)).toBe("qwen2.5-coder:7b");
  });

  it.each([
    [{ model: "qwen2.5" }, /must be provider:model/],
    [{ model: "nowhere:qwen2.5" }, /unknown provider "nowhere"/],
    [{ model: 42 }, /model must be a provider:model spec/],
    [{ model: "ollama:llama3.1", toolMode: "magic" }, /toolMode must be one of text, native, auto/],
    [{ model: "ollama:llama3.1", maxSteps: 0 }, /maxSteps must be a positive integer/],
    [{ model: "ollama:llama3.1", tools: "calculator" }, /tools must be a list/],
    [{ model: "ollama:llama3.1", fallback: "gpt-4o" }, /must be provider:model/],
  ])("refuses %j", (definition, message) => {
    const attempt = () => defineAgent(definition as never);
    expect(attempt).toThrow(message);
    expect(() => attempt()).toThrow(ToolUseError);
  });
});

describe("prepareAgent", () => {
  it("creates spec models through createModel and resolves the adapter from the spec", async () => {
    const created: string[] = [];
    const agent = defineAgent({ model: "ollama:llama3.1:8b", fallback: "openai:gpt-4o-mini" });
    const prepared = await prepareAgent(agent, {
      createModel: async (spec) => {
        created.push(spec);
        return new ScriptedModel([], { provider: "x", model: spec });
      },
    });
    expect(created).toEqual(["ollama:llama3.1:8b", "openai:gpt-4o-mini"]);
    expect(prepared.adapter.id).toBe("llama3.1");
    expect(prepared.options.fallback?.model.model).toBe("openai:gpt-4o-mini");
  });

  it("refuses --record with --replay", async () => {
    await expect(
      prepareAgent(defineAgent({ model: "ollama:llama3.1:8b" }), { record: "a.json", replay: "b.json" }),
    ).rejects.toThrow(/cannot be used together/);
  });
});

describe("resultMessages", () => {
  it("rebuilds the messages a run added, so the next turn continues the conversation", async () => {
    const model = new ScriptedModel([
      { text: '<tool_call>\n{"name": "echo", "arguments": {"text": "hi"}}\n</tool_call>' },
      { text: "Echoed." },
    ]);
    const echo = defineTool({
      name: "echo",
      description: "Echo text",
      input: z.object({ text: z.string() }),
      execute: ({ text }) => text,
    });
    const result = await runAgent({
      model,
      adapter: resolveAdapter("qwen2.5"),
      tools: [echo],
      input: "Say hi",
    });
    const id = result.toolCalls[0]!.call.id;
    expect(resultMessages(result)).toEqual([
      {
        role: "assistant",
        content: "",
        toolCalls: [{ id, name: "echo", arguments: { text: "hi" } }],
      },
      { role: "tool", toolCallId: id, name: "echo", content: "hi" },
      { role: "assistant", content: "Echoed." },
    ]);
  });
});
