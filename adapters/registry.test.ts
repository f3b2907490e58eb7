/**
 * The adapter registry: Ollama tags and Hugging Face ids resolve to the right adapter, most
 * specific first; unknown models fall back to tool_use; ids are unique; getAdapter's error.
 */
import { describe, expect, it } from "vitest";
import { ToolUseError } from "../src/errors.ts";
import { isFormatId } from "../src/parser/types.ts";
import { GROUP_B_ADAPTERS } from "./group-b.ts";
import { getAdapter, listAdapters, normalizeModelId, resolveAdapter } from "./registry.ts";

const GROUP_A: Readonly<Record<string, string>> = {
  "qwen2.5-coder:1.5b": "qwen2.5",
  "qwen2.5:7b": "qwen2.5",
  "qwen2.5-coder": "qwen2.5",
  "ollama:qwen2.5-coder:1.5b": "qwen2.5",
  "Qwen/Qwen2.5-Coder-1.5B-Instruct": "qwen2.5",
  "Qwen/Qwen2.5-7B-Instruct": "qwen2.5",
  "hf.co/bartowski/Qwen2.5-7B-Instruct-GGUF:Q4_K_M": "qwen2.5",
  "qwen2:7b": "qwen2.5",
  "qwen3:8b": "qwen3",
  qwen3: "qwen3",
  "Qwen/Qwen3-0.6B": "qwen3",
  "ollama:qwen3:30b-a3b": "qwen3",
  "qwen3-coder:30b": "qwen3-coder",
  "Qwen/Qwen3-Coder-30B-A3B-Instruct": "qwen3-coder",
  "llama3.1:8b": "llama3.1",
  "llama3.1": "llama3.1",
  "llama3.3:70b": "llama3.1",
  "meta-llama/Llama-3.1-8B-Instruct": "llama3.1",
  "meta-llama/Meta-Llama-3.1-8B-Instruct": "llama3.1",
  "meta-llama/Llama-3.3-70B-Instruct": "llama3.1",
  "llama3.2:3b": "llama3.2",
  "llama3.2": "llama3.2",
  "meta-llama/Llama-3.2-3B-Instruct": "llama3.2",
  mistral: "mistral",
  "mistral:7b": "mistral",
  "ollama:mistral": "mistral",
  "mistral-nemo:12b": "mistral",
  "mistralai/Mistral-7B-Instruct-v0.3": "mistral",
  "mistralai/Mistral-Nemo-Instruct-2407": "mistral",
  "mixtral:8x7b": "mistral",
  "mistral-small3.2:24b": "mistral-small-3.2",
  "mistralai/Mistral-Small-3.2-24B-Instruct-2506": "mistral-small-3.2",
  "phi4-mini": "phi4-mini",
  "phi4-mini:3.8b": "phi4-mini",
  "microsoft/Phi-4-mini-instruct": "phi4-mini",
};

describe("resolveAdapter (group a)", () => {
  for (const [model, id] of Object.entries(GROUP_A)) {
    it(`${model} -> ${id}`, () => {
      expect(resolveAdapter(model).id).toBe(id);
    });
  }

  it("falls back to tool_use for unknown models", () => {
    for (const model of ["my-finetune:latest", "tinyllama", "ollama:smollm2:135m", "", "phi4:14b"]) {
      expect(resolveAdapter(model).id).toBe("tool_use");
    }
  });

  it("matches case-insensitively", () => {
    expect(resolveAdapter("QWEN3-CODER:30B").id).toBe("qwen3-coder");
  });

  it("strips provider prefixes but not the model's own tag", () => {
    expect(normalizeModelId("ollama:mistral:7b")).toBe("mistral:7b");
    expect(normalizeModelId("vllm/Qwen/Qwen3-8B")).toBe("Qwen/Qwen3-8B");
    expect(normalizeModelId("mistral:7b")).toBe("mistral:7b");
  });
});

/** The group b adapters and one tag each; fine-tunes named after a base model must not go to the base. */
const GROUP_B: Readonly<Record<string, string>> = {
  "deepseek-r1:8b": "deepseek-r1",
  "deepseek-ai/DeepSeek-R1-Distill-Qwen-7B": "deepseek-r1",
  "deepseek-ai/DeepSeek-R1-Distill-Llama-8B": "deepseek-r1",
  "gpt-oss:20b": "gpt-oss",
  "granite3.3": "granite3.3",
  "NousResearch/Hermes-3-Llama-3.1-8B": "hermes3",
  "hermes3:8b": "hermes3",
  "fireworks-ai/llama-3-firefunction-v2": "firefunction-v2",
  "kimi-k2": "kimi-k2",
  "glm-4.6": "glm-4.6",
  "meetkai/functionary-medium-v3.2": "functionary-v3.2",
  "command-r7b": "command-r7b",
};
const groupB = new Set(GROUP_B_ADAPTERS.map((adapter) => adapter.id));

describe("resolveAdapter (group b, when registered)", () => {
  for (const [model, id] of Object.entries(GROUP_B)) {
    it.skipIf(!groupB.has(id))(
      groupB.has(id) ? `${model} -> ${id}` : `${model} -> ${id}: SKIPPED, group b has not registered ${id}`,
      () => {
        expect(resolveAdapter(model).id).toBe(id);
      },
    );
  }
});

describe("group a adapters stream what they parse", () => {
  const calls = [
    { id: "c0", name: "get_weather", arguments: { city: "Paris" } },
    { id: "c1", name: "search_docs", arguments: { query: 'a "b"\nc', limit: 2 } },
  ];
  for (const id of [...new Set(Object.values(GROUP_A)), "tool_use"]) {
    it(`${id}: char-by-char streaming equals one-shot parsing`, () => {
      const adapter = getAdapter(id);
      const text = adapter.formatMessages(
        [{ role: "assistant", content: "Checking.", toolCalls: calls }],
        [],
      )[0]!.content;
      const oneShot = adapter.parse(text);
      const parser = adapter.createStreamParser();
      for (const char of text) parser.feed(char);
      expect(parser.end().result).toEqual(oneShot);
      expect(oneShot.toolCalls.map((call) => call.name)).toEqual(["get_weather", "search_docs"]);
    });
  }
});

describe("listAdapters / getAdapter", () => {
  it("lists unique ids with known formats, tool_use last", () => {
    const adapters = listAdapters();
    const ids = adapters.map((adapter) => adapter.id);
    expect(new Set(ids).size).toBe(ids.length);
    expect(ids.at(-1)).toBe("tool_use");
    for (const adapter of adapters) expect(isFormatId(adapter.format)).toBe(true);
    for (const id of Object.values(GROUP_A)) expect(ids).toContain(id);
    for (const adapter of GROUP_B_ADAPTERS) expect(ids).toContain(adapter.id);
  });

  it("gets an adapter by id", () => {
    expect(getAdapter("qwen3").id).toBe("qwen3");
    expect(getAdapter("tool_use").format).toBe("tool_use");
  });

  it("throws a ToolUseError unknown-adapter naming the known ids", () => {
    let caught: unknown;
    try {
      getAdapter("nope");
    } catch (error) {
      caught = error;
    }
    expect(ToolUseError.is(caught, "unknown-adapter")).toBe(true);
    expect((caught as Error).message).toMatch(/"nope".*qwen3/);
  });
});
