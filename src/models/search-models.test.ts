import { describe, expect, it } from "vitest";
import { inferCapabilities } from "./model-info.ts";
import { openAIModelInfo } from "./openai-models.ts";
import { searchModels } from "./search-models.ts";

describe("searchModels", () => {
  const models = [
    "Qwen/Qwen2.5-7B-Instruct",
    "qwen2.5",
    "meta-llama/Llama-3.1-8B-Instruct",
    "BAAI/bge-m3",
  ].map((name) => openAIModelInfo("vllm", name));

  it("needs every term somewhere, ranks an exact name first, then by id", () => {
    const ids = (query: string) => searchModels(models, query).map((model) => model.model);
    expect(ids("qwen2.5")).toEqual(["qwen2.5", "Qwen/Qwen2.5-7B-Instruct"]);
    expect(ids("LLAMA tools")).toEqual(["meta-llama/Llama-3.1-8B-Instruct"]);
    expect(ids("embeddings")).toEqual(["BAAI/bge-m3"]);
    expect(ids("hermes")).toEqual(["Qwen/Qwen2.5-7B-Instruct", "qwen2.5"]);
    expect(ids("qwen vision")).toEqual([]);
  });
});

describe("inferCapabilities", () => {
  it("infers embeddings, vision and thinking from the name and adapter", () => {
    expect(inferCapabilities("nomic-embed-text")).toEqual(["embeddings"]);
    expect(inferCapabilities("Qwen/Qwen2.5-VL-7B-Instruct")).toEqual(["chat", "tools", "vision"]);
    expect(inferCapabilities("qwen3:8b")).toEqual(["chat", "tools", "thinking"]);
    expect(inferCapabilities("some-unknown-model")).toEqual(["chat"]);
  });
});
