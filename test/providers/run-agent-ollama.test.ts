/**
 * End to end: runAgent with createModel("ollama:qwen2.5-coder:7b") and the adapter the registry
 * resolves for it, against the scripted Ollama server answering in the hermes `<tool_call>` text
 * Qwen2.5-Coder writes (it does not use Ollama's native tools reliably). Only the far end is
 * scripted: the real ChatOllama, the adapter's prompt, the stream parser and the tool run.
 */
import { afterEach, expect, it } from "vitest";
import { resolveAdapter } from "../../adapters/registry.ts";
import { runAgent } from "../../src/executor/run-agent.ts";
import { createModel } from "../../src/providers/create-model.ts";
import { calculator } from "../../tools/calculator.ts";
import { type OllamaServer, startOllamaServer } from "../servers/ollama-server.ts";
import { startOpenAIServer } from "../servers/openai-server.ts";
import type { RecordedRequest } from "../servers/script-server.ts";
import { testOptions } from "./provider-helpers.ts";

const MODEL_SPEC = "ollama:qwen2.5-coder:7b";
let server: OllamaServer | undefined;

afterEach(async () => {
  await server?.close();
  server = undefined;
});

interface OllamaChatBody {
  readonly stream: boolean;
  readonly tools?: unknown;
  readonly messages: readonly { readonly role: string; readonly content: string }[];
}

function chatBody(request: RecordedRequest): OllamaChatBody {
  return request.body as OllamaChatBody;
}

it("runs a two-step calculator task with Qwen2.5-Coder's hermes tool calls through Ollama", async () => {
  server = await startOllamaServer([
    {
      type: "reply",
      // Split inside the tags and the JSON, as a tokenizer would.
      text: [
        "<tool",
        '_call>\n{"name": "calculator", "argu',
        'ments": {"expression": "6 * 7"}}\n</tool_',
        "call>",
      ],
      usage: { inputTokens: 180, outputTokens: 24 },
      expect(request) {
        const body = chatBody(request);
        // Text mode: the tools are in the system prompt, not in Ollama's tools field.
        expect(body.tools).toBeUndefined();
        expect(body.stream).toBe(true);
        expect(body.messages[0]?.role).toBe("system");
        expect(body.messages[0]?.content).toContain("<tools>");
        expect(body.messages[0]?.content).toContain('"name": "calculator"');
        expect(body.messages.at(-1)).toEqual({ role: "user", content: "What is 6 times 7?" });
      },
    },
    {
      type: "reply",
      text: ["The answer", " is 42."],
      usage: { inputTokens: 230, outputTokens: 7 },
      expect(request) {
        const messages = chatBody(request).messages;
        expect(messages.at(-2)).toEqual({
          role: "assistant",
          content: '<tool_call>\n{"name": "calculator", "arguments": {"expression": "6 * 7"}}\n</tool_call>',
        });
        expect(messages.at(-1)?.role).toBe("user");
        expect(messages.at(-1)?.content).toMatch(/^<tool_response>\n.*"result":42.*\n<\/tool_response>$/s);
      },
    },
  ]);

  const adapter = resolveAdapter(MODEL_SPEC);
  expect(adapter.format).toBe("hermes");
  const result = await runAgent({
    model: createModel(MODEL_SPEC, testOptions({ baseUrl: server.origin })),
    adapter,
    tools: [calculator],
    input: "What is 6 times 7?",
    now: () => 0,
  });

  server.assertDone();
  expect(result.finishReason).toBe("final-answer");
  expect(result.text).toBe("The answer is 42.");
  expect(result.fallbacks).toEqual([]);
  expect(result.repairs).toBe(0);
  expect(
    result.toolCalls.map((record) => ({ call: record.call, ok: record.ok, result: record.result })),
  ).toEqual([
    {
      call: { id: expect.any(String), name: "calculator", arguments: { expression: "6 * 7" } },
      ok: true,
      result: { expression: "6 * 7", result: 42 },
    },
  ]);
  expect(result.usage).toEqual({ inputTokens: 410, outputTokens: 31, estimated: false });
});

it("falls back to OpenAI's native tools when the Ollama stream is torn mid-way", async () => {
  server = await startOllamaServer([
    { type: "reply", text: ["<tool_call>\n", '{"name": "calc'], tearAfterChunks: 1 },
  ]);
  const openai = await startOpenAIServer([
    {
      type: "reply",
      toolCalls: [{ id: "call_fb", name: "calculator", arguments: { expression: "6 * 7" } }],
      usage: { inputTokens: 90, outputTokens: 12 },
      expect(request) {
        // Native mode: the tools go in the request, the conversation without the torn output.
        const body = request.body as { tools?: { function: { name: string } }[]; messages: unknown[] };
        expect(body.tools?.map((tool) => tool.function.name)).toEqual(["calculator"]);
        expect(body.messages).toEqual([{ role: "user", content: "What is 6 times 7?" }]);
      },
    },
    { type: "reply", text: "42.", usage: { inputTokens: 120, outputTokens: 2 } },
  ]);
  try {
    const result = await runAgent({
      model: createModel(MODEL_SPEC, testOptions({ baseUrl: server.origin })),
      adapter: resolveAdapter(MODEL_SPEC),
      tools: [calculator],
      input: "What is 6 times 7?",
      fallback: {
        model: createModel(
          "openai:gpt-4o-mini",
          testOptions({ baseUrl: `${openai.origin}/v1`, apiKey: "sk-fallback-key" }),
        ),
        returnToPrimary: false,
      },
      now: () => 0,
    });
    openai.assertDone();
    server.assertDone();
    expect(result.text).toBe("42.");
    // Step 1 falls back because the stream broke; step 2 stays there (returnToPrimary: false).
    expect(result.fallbacks.map((record) => record.step)).toEqual([1, 2]);
    expect(result.fallbacks[0]).toMatchObject({ step: 1, from: MODEL_SPEC, to: "openai:gpt-4o-mini" });
    expect(result.fallbacks[0]?.reason).toMatch(/the response stream broke after it started/);
    expect(result.toolCalls.map((record) => record.result)).toEqual([{ expression: "6 * 7", result: 42 }]);
  } finally {
    await openai.close();
  }
});
