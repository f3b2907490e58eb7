/**
 * `tooluse models`, `models show`, `models search` in-process against the scripted Ollama and
 * vLLM servers, base URLs through the environment.
 */
import { existsSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { modelsCommand } from "../../src/cli/models-command.ts";
import { ToolUseError } from "../../src/errors.ts";
import { ollama, routes, vllm } from "../models/model-helpers.ts";
import { closedPortOrigin } from "../servers/script-server.ts";
import { cacheDir, ioWith, noRetriesConfig } from "./models-cli-helpers.ts";

const DETAILS = {
  models: ["qwen2.5-coder:7b", "nomic-embed-text:latest"],
  modelDetails: {
    "nomic-embed-text:latest": {
      family: "nomic-bert",
      parameterSize: "137M",
      quantization: "F16",
      size: 274_302_450,
      contextLength: 2048,
      capabilities: ["embedding"],
    },
  },
} as const;

describe("tooluse models", () => {
  it("prints a table across providers and caches the listing in the cache directory", async () => {
    const ollamaServer = await ollama(DETAILS);
    const vllmServer = await vllm({
      modelFields: { "Qwen/Qwen2.5-7B-Instruct": { max_model_len: 32768, owned_by: "vllm" } },
    });
    const env = { OLLAMA_BASE_URL: ollamaServer.origin, VLLM_BASE_URL: `${vllmServer.origin}/v1` };
    const io = ioWith(env);
    expect(await modelsCommand([], io)).toBe(0);
    expect(io.err()).toBe("");
    expect(io.out()).toBe(
      [
        `ollama at ${ollamaServer.origin}: 2 models`,
        `vllm at ${vllmServer.origin}/v1: 1 model`,
        "",
        "ID                              FAMILY      PARAMS  QUANT   SIZE    CONTEXT  CAPABILITIES  ADAPTER",
        "ollama:qwen2.5-coder:7b         qwen2       7.6B    Q4_K_M  4.7 GB  32768    chat,tools    qwen2.5",
        "ollama:nomic-embed-text:latest  nomic-bert  137M    F16     274 MB  2048     embeddings    tool_use",
        "vllm:Qwen/Qwen2.5-7B-Instruct   qwen2.5     7B      -       -       32768    chat,tools*   qwen2.5",
        "* inferred from the model name and adapter (the server does not report capabilities)",
        "",
      ].join("\n"),
    );
    expect(existsSync(join(cacheDir(), "models.json"))).toBe(true);

    const again = ioWith(env);
    expect(await modelsCommand(["--provider", "ollama"], again)).toBe(0);
    expect(again.out().split("\n")[0]).toBe(`ollama at ${ollamaServer.origin}: 2 models (cached)`);
    expect(routes(ollamaServer).filter((route) => route === "GET /api/tags")).toHaveLength(1);

    const refreshed = ioWith(env);
    expect(await modelsCommand(["--provider", "ollama", "--refresh"], refreshed)).toBe(0);
    expect(routes(ollamaServer).filter((route) => route === "GET /api/tags")).toHaveLength(2);
  });

  it("prints JSON with --json", async () => {
    const server = await ollama();
    const io = ioWith({ OLLAMA_BASE_URL: server.origin });
    expect(await modelsCommand(["--json", "--provider", "ollama"], io)).toBe(0);
    const listings = JSON.parse(io.out()) as {
      provider: string;
      models: { id: string; contextLength: number }[];
    }[];
    expect(listings).toHaveLength(1);
    expect(listings[0]).toMatchObject({
      provider: "ollama",
      cached: false,
      models: [{ id: "ollama:qwen2.5-coder:7b", contextLength: 32768, capabilities: ["chat", "tools"] }],
    });
  });

  it("reports an unreachable provider on stderr and still lists the others", async () => {
    const server = await ollama();
    const refused = await closedPortOrigin();
    const io = ioWith({
      OLLAMA_BASE_URL: server.origin,
      VLLM_BASE_URL: `${refused}/v1`,
      VLLM_API_KEY: "k-12345",
    });
    // No retries (their backoff would slow the test), through --config.
    const config = noRetriesConfig();
    expect(await modelsCommand(["--config", config], io)).toBe(0);
    expect(io.out()).toContain(`vllm at ${refused}/v1: unavailable`);
    expect(io.out()).toContain("ollama:qwen2.5-coder:7b");
    expect(io.err()).toMatch(
      /^tooluse: vllm at .*\(\/models\): cannot connect \(connection refused\).*\[provider-unreachable\]\n$/,
    );

    const alone = ioWith({ VLLM_BASE_URL: `${refused}/v1`, VLLM_API_KEY: "k-12345" });
    expect(await modelsCommand(["--provider", "vllm", "--config", config], alone)).toBe(1);
    expect(alone.err()).not.toContain("k-12345");
  });

  it("rejects an unknown provider and a bad subcommand as usage errors", async () => {
    const io = ioWith({});
    await expect(modelsCommand(["--provider", "nope"], io)).rejects.toSatisfy((error) =>
      ToolUseError.is(error, "invalid-input"),
    );
    await expect(modelsCommand(["frobnicate"], io)).rejects.toThrow("usage: tooluse models");
  });
});

describe("tooluse models show", () => {
  it("prints one model's details, or says it is missing", async () => {
    const server = await ollama(DETAILS);
    const io = ioWith({ OLLAMA_BASE_URL: server.origin });
    expect(await modelsCommand(["show", "ollama:nomic-embed-text"], io)).toBe(0);
    expect(io.out()).toBe(
      [
        "ollama:nomic-embed-text",
        "  provider        ollama",
        "  model           nomic-embed-text",
        "  family          nomic-bert",
        "  parameters      137M",
        "  quantization    F16",
        "  size on disk    274 MB",
        "  context length  2048 tokens",
        "  capabilities    embeddings (reported by the server)",
        "  adapter         tool_use (format tool_use)",
        "",
      ].join("\n"),
    );
    const missing = ioWith({ OLLAMA_BASE_URL: server.origin });
    expect(await modelsCommand(["show", "ollama:llama9:1b"], missing)).toBe(1);
    expect(missing.err()).toBe(
      'tooluse: ollama has no model "llama9:1b": pull it with `tooluse pull llama9:1b` [model-not-found]\n',
    );
  });

  it("prints JSON for a vLLM model", async () => {
    const server = await vllm({ models: ["meta-llama/Llama-3.1-8B-Instruct"] });
    const io = ioWith({ VLLM_BASE_URL: `${server.origin}/v1` });
    expect(await modelsCommand(["show", "vllm:meta-llama/Llama-3.1-8B-Instruct", "--json"], io)).toBe(0);
    expect(JSON.parse(io.out())).toMatchObject({
      adapter: "llama3.1",
      parameterSize: "8B",
      provider: "vllm",
    });
  });
});

describe("tooluse models search", () => {
  it("finds models by capability and family across providers", async () => {
    const ollamaServer = await ollama(DETAILS);
    const vllmServer = await vllm();
    const env = { OLLAMA_BASE_URL: ollamaServer.origin, VLLM_BASE_URL: `${vllmServer.origin}/v1` };
    const io = ioWith(env);
    expect(await modelsCommand(["search", "qwen", "tools", "--json"], io)).toBe(0);
    expect((JSON.parse(io.out()) as { id: string }[]).map((model) => model.id)).toEqual([
      "ollama:qwen2.5-coder:7b",
      "vllm:Qwen/Qwen2.5-7B-Instruct",
    ]);
    const none = ioWith(env);
    expect(await modelsCommand(["search", "vision"], none)).toBe(1);
    expect(none.out()).toBe('no models match "vision"\n');
    const table = ioWith(env);
    expect(await modelsCommand(["search", "embeddings"], table)).toBe(0);
    expect(table.out()).toContain("ollama:nomic-embed-text:latest");
    expect(table.out()).not.toContain("qwen2.5-coder");
  });
});
