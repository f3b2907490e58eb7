/**
 * `tooluse probe` in-process against the scripted Ollama server driving the real ChatOllama:
 * the native test (tools in the request), the text test (the adapter's prompt, no tools), the
 * tool mode chosen, and the result cached in probes.json.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { probeCommand } from "../../src/cli/probe-command.ts";
import { ollama } from "../models/model-helpers.ts";
import type { RecordedRequest } from "../servers/script-server.ts";
import { closedPortOrigin } from "../servers/script-server.ts";
import { cacheDir, ioWith, noRetriesConfig } from "./models-cli-helpers.ts";

const NOW = () => new Date("2025-06-07T08:09:10Z");
const HERMES_CALL = '<tool_call>\n{"name": "get_weather", "arguments": {"city": "Paris"}}\n</tool_call>';

const withTools = (request: RecordedRequest) => {
  const body = request.body as { tools?: { function: { name: string } }[] };
  expect(body.tools?.map((tool) => tool.function.name)).toEqual(["get_weather"]);
};
const withoutTools = (request: RecordedRequest) => {
  const body = request.body as { tools?: unknown; messages: { role: string; content: string }[] };
  expect(body.tools).toBeUndefined();
  // The adapter's prompt describes the tool (system prompt, or the first user turn for Gemma).
  expect(body.messages.some((message) => message.content.includes("get_weather"))).toBe(true);
};

describe("tooluse probe", () => {
  it("reports native tools and the text format, picks auto, and caches the result", async () => {
    const server = await ollama({}, [
      {
        type: "reply",
        toolCalls: [{ name: "get_weather", arguments: { city: "Paris" } }],
        expect: withTools,
      },
      { type: "reply", text: HERMES_CALL, expect: withoutTools },
    ]);
    const env = { OLLAMA_BASE_URL: server.origin };
    const io = ioWith(env);
    expect(await probeCommand(["ollama:qwen2.5-coder:7b"], io, { now: NOW })).toBe(0);
    server.assertDone();
    expect(io.out()).toBe(
      [
        "ollama:qwen2.5-coder:7b (adapter qwen2.5, format hermes)",
        '  native tools   yes: called get_weather({"city":"Paris"})',
        '  text calls     yes (format hermes): called get_weather({"city":"Paris"}) in hermes',
        "  tool mode      auto: native tools work and text calls parse: native calls, the parser as a safety net",
        "",
      ].join("\n"),
    );
    const file = JSON.parse(readFileSync(join(cacheDir(), "probes.json"), "utf8")) as {
      probes: Record<string, { toolMode: string; probedAt: string }>;
    };
    expect(file.probes[`ollama:qwen2.5-coder:7b ${server.origin}`]).toMatchObject({
      toolMode: "auto",
      probedAt: "2025-06-07T08:09:10.000Z",
    });

    // Cached: no request this time (assertDone would see an unexpected one), and it says so.
    const again = ioWith(env);
    expect(await probeCommand(["ollama:qwen2.5-coder:7b", "--json"], again)).toBe(0);
    expect(JSON.parse(again.out())).toMatchObject({
      cached: true,
      toolMode: "auto",
      native: { works: true },
    });
    server.assertDone();
    expect(server.chatRequests).toHaveLength(2);
  });

  it("picks text mode when the server has no tools for the model, naming the format it wrote", async () => {
    const server = await ollama({}, [
      { type: "error", status: 400, message: "registry.ollama.ai/library/gemma2:2b does not support tools" },
      { type: "reply", text: `Sure.\n${HERMES_CALL}`, expect: withoutTools },
    ]);
    const io = ioWith({ OLLAMA_BASE_URL: server.origin });
    expect(await probeCommand(["ollama:gemma2:2b", "--json"], io, { now: NOW })).toBe(0);
    server.assertDone();
    expect(JSON.parse(io.out())).toEqual({
      spec: "ollama:gemma2:2b",
      adapter: "gemma2",
      adapterFormat: "tool_use",
      native: {
        works: false,
        detail: `ollama:gemma2:2b at ${server.origin}: HTTP 400: registry.ollama.ai/library/gemma2:2b does not support tools`,
      },
      text: {
        works: true,
        format: "hermes",
        detail: 'called get_weather({"city":"Paris"}) in hermes',
      },
      toolMode: "text",
      reason:
        "the server's tools API gave no call; text calls parse (it wrote hermes, the adapter expects tool_use)",
      probedAt: "2025-06-07T08:09:10.000Z",
      cached: false,
    });
  });

  it("probes again with --refresh; reports a model that makes no call", async () => {
    const server = await ollama({}, [
      { type: "reply", text: "It is sunny in Paris." },
      { type: "reply", text: "I cannot check the weather." },
    ]);
    const io = ioWith({ OLLAMA_BASE_URL: server.origin });
    expect(await probeCommand(["ollama:tinyllama", "--refresh"], io, { now: NOW })).toBe(0);
    expect(io.out()).toContain(
      '  native tools   no: no native call; the model wrote "It is sunny in Paris."',
    );
    expect(io.out()).toContain("  tool mode      text: neither test produced a call");
  });

  it("fails with exit 1 when the server is down, caching nothing", async () => {
    const refused = await closedPortOrigin();
    const io = ioWith({ OLLAMA_BASE_URL: refused });
    expect(await probeCommand(["ollama:qwen2.5-coder:7b", "--config", noRetriesConfig()], io)).toBe(1);
    expect(io.err()).toMatch(/cannot connect \(connection refused\) \[provider-unreachable\]\n$/);
    expect(() => readFileSync(join(cacheDir(), "probes.json"))).toThrow();
  });
});

describe("tooluse probe secrets", () => {
  it("sends the API key but keeps it out of the cache file and the output", async () => {
    const { startOpenAIServer } = await import("../servers/openai-server.ts");
    const server = await startOpenAIServer([
      { type: "reply", toolCalls: [{ name: "get_weather", arguments: { city: "Paris" } }] },
      { type: "reply", text: HERMES_CALL },
    ]);
    try {
      const io = ioWith({ VLLM_BASE_URL: `${server.origin}/v1`, VLLM_API_KEY: "sk-probe-secret" });
      expect(await probeCommand(["vllm:Qwen/Qwen2.5-7B-Instruct", "--json"], io, { now: NOW })).toBe(0);
      server.assertDone();
      expect(server.chatRequests[0]?.headers.authorization).toBe("Bearer sk-probe-secret");
      const file = readFileSync(join(cacheDir(), "probes.json"), "utf8");
      expect(file).toContain(`vllm:Qwen/Qwen2.5-7B-Instruct ${server.origin}/v1`);
      for (const text of [file, io.out(), io.err()]) expect(text).not.toContain("sk-probe-secret");
    } finally {
      await server.close();
    }
  });
});
