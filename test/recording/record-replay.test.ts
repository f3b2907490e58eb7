import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { resolveAdapter } from "../../adapters/registry.ts";
import { runAgent } from "../../src/executor/run-agent.ts";
import { type ChatModel, generate, type ModelStreamEvent } from "../../src/model.ts";
import { CassetteSchema } from "../../src/recording/cassette.ts";
import { CassetteError } from "../../src/recording/cassette-error.ts";
import { readCassette } from "../../src/recording/cassette-file.ts";
import { recordModel } from "../../src/recording/record-model.ts";
import { replayModel } from "../../src/recording/replay-model.ts";
import { ScriptedModel } from "../../src/testing/scripted-model.ts";
import { calculator } from "../../tools/calculator.ts";

const MODEL = { provider: "ollama", model: "qwen2.5-coder:7b" };
const STEPS = [
  {
    chunks: [
      "Let me compute that.\n<tool_",
      'call>\n{"name": "calculator", ',
      '"arguments": {"expression": "37 * 43"}}\n</tool_call>',
    ],
  },
  { chunks: ["37 × 43 = ", "1591."], usage: { inputTokens: 120, outputTokens: 9, estimated: false } },
];

let folder: string;
beforeEach(() => {
  folder = mkdtempSync(join(tmpdir(), "tooluse-cassette-"));
});
afterEach(() => {
  rmSync(folder, { recursive: true, force: true });
  vi.unstubAllEnvs();
});

function fixedClock(): () => number {
  let time = 0;
  return () => (time += 5);
}

async function run(model: ChatModel, input = "What is 37 * 43?") {
  return runAgent({
    model,
    adapter: resolveAdapter(MODEL.model),
    tools: [calculator],
    instructions: "You are a careful assistant.",
    input,
    now: () => 0,
  });
}

describe("recordModel", () => {
  it("writes every call: request, chunks as streamed, usage, duration and the parse as expected", async () => {
    const path = join(folder, "run.json");
    const scripted = new ScriptedModel(STEPS, MODEL);
    await run(
      recordModel(scripted, { path, clock: fixedClock(), recordedAt: new Date("2025-01-02T03:04:05Z") }),
    );
    const { cassette } = readCassette(path);
    expect(cassette.model).toEqual({ ...MODEL, adapter: "qwen2.5", format: "hermes" });
    expect(cassette.recordedAt).toBe("2025-01-02T03:04:05.000Z");
    expect(cassette.scripted).toBe(false);
    expect(cassette.interactions).toHaveLength(2);
    const [first, second] = cassette.interactions;
    expect(first!.response.chunks).toEqual(STEPS[0]!.chunks);
    expect(first!.request.messages[0]).toMatchObject({ role: "system" });
    expect(first!.request.messages[0]!.content).toContain("<tools>");
    expect(first!.request.messages.at(-1)).toEqual({ role: "user", content: "What is 37 * 43?" });
    expect(first!.expected).toEqual({
      format: "hermes",
      toolCalls: [{ name: "calculator", arguments: { expression: "37 * 43" } }],
    });
    expect(first!.durationMs).toBe(5);
    expect(second!.response.usage).toEqual({ inputTokens: 120, outputTokens: 9, estimated: false });
    expect(second!.request.messages.at(-1)!.content).toContain("1591");
    expect(second!.expected).toEqual({ format: "hermes", toolCalls: [] });
  });

  it("records a provider failure as an error and rethrows it", async () => {
    const path = join(folder, "fail.json");
    const model = recordModel(new ScriptedModel([{ error: new Error("connection refused") }], MODEL), {
      path,
    });
    await expect(generate(model, { messages: [{ role: "user", content: "hi" }] })).rejects.toThrow(
      "connection refused",
    );
    const { cassette } = readCassette(path);
    expect(cassette.interactions[0]!.error).toEqual({ message: "connection refused" });
    expect(cassette.interactions[0]!.expected).toBeUndefined();
  });

  it("never writes a key from the environment, a provider option or an error message", async () => {
    const key = "sk-live-THISMUSTNOTLEAK-1234567890";
    vi.stubEnv("OPENAI_API_KEY", key);
    vi.stubEnv("MY_SERVICE_TOKEN", "tok-secret-value-42");
    const path = join(folder, "secret.json");
    let calls = 0;
    // A provider holding its key as an option, failing once with an error that echoes it.
    const provider: ChatModel & { apiKey: string; headers: Record<string, string> } = {
      provider: "openai",
      model: "gpt-4o-mini",
      apiKey: key,
      headers: { Authorization: `Bearer ${key}` },
      async *stream(): AsyncIterable<ModelStreamEvent> {
        calls++;
        if (calls === 1)
          throw new Error(`401 for key ${key} (Authorization: Bearer ${key}); tok-secret-value-42`);
        yield { type: "text-delta", text: "hello" };
      },
    };
    const model = recordModel(provider, { path });
    await expect(generate(model, { messages: [{ role: "user", content: "hi" }] })).rejects.toThrow();
    await generate(model, { messages: [{ role: "user", content: "hi" }] });
    const written = readFileSync(path, "utf8");
    expect(written).not.toContain("THISMUSTNOTLEAK");
    expect(written).not.toContain("tok-secret-value-42");
    expect(written).not.toMatch(/apiKey|headers/);
    expect(written).toContain("[redacted]");
    expect(CassetteSchema.parse(JSON.parse(written)).interactions).toHaveLength(2);
  });
});

describe("replayModel", () => {
  async function recordRun(): Promise<{ path: string; recorded: Awaited<ReturnType<typeof run>> }> {
    const path = join(folder, "run.json");
    const recorded = await run(recordModel(new ScriptedModel(STEPS, MODEL), { path }));
    return { path, recorded };
  }

  it("replays a recorded run to the same AgentResult", async () => {
    const { path, recorded } = await recordRun();
    const model = replayModel(path);
    expect(model.provider).toBe("ollama");
    expect(model.model).toBe("qwen2.5-coder:7b");
    const replayed = await run(model);
    expect(replayed).toEqual(recorded);
    expect(replayed.text).toBe("37 × 43 = 1591.");
    expect(model.remaining).toBe(0);
  });

  it("streams with the recorded chunking", async () => {
    const { path } = await recordRun();
    const { cassette } = readCassette(path);
    const model = replayModel(cassette, { strict: false });
    const chunks: string[] = [];
    for await (const event of model.stream({ messages: [] }))
      if (event.type === "text-delta") chunks.push(event.text);
    expect(chunks).toEqual(STEPS[0]!.chunks);
  });

  it("strict replay refuses a request that differs from the recording, naming the message", async () => {
    const { path } = await recordRun();
    const model = replayModel(path);
    const stream = model.stream({
      messages: [
        ...readCassette(path).cassette.interactions[0]!.request.messages.slice(0, -1),
        { role: "user", content: "What is 2 + 2?" },
      ],
    });
    const error = await generate({ ...model, stream: () => stream }, { messages: [] }).catch(
      (e: unknown) => e,
    );
    expect(CassetteError.find(error, "mismatch")?.message).toMatch(
      /model call #1 does not match .*run\.json: message 2 differs: recorded .*37 \* 43.* but sent .*2 \+ 2/,
    );
  });

  it("strict replay fails the run with the mismatch as the cause", async () => {
    const { path } = await recordRun();
    const error = await run(replayModel(path), "What is 2 + 2?").catch((e: unknown) => e);
    expect(CassetteError.find(error, "mismatch")).toBeDefined();
  });

  it("loose replay plays the recording whatever is asked", async () => {
    const { path, recorded } = await recordRun();
    const replayed = await run(replayModel(path, { strict: false }), "What is 2 + 2?");
    expect(replayed.text).toBe(recorded.text);
  });

  it("running past the end is an exhausted CassetteError", async () => {
    const { path } = await recordRun();
    const model = replayModel(path, { strict: false });
    await generate(model, { messages: [] });
    await generate(model, { messages: [] });
    const error = await generate(model, { messages: [] }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(CassetteError);
    expect((error as CassetteError).kind).toBe("exhausted");
    expect((error as CassetteError).message).toMatch(/holds 2 model call\(s\) and the run asked for call #3/);
  });

  it("replays a recorded provider failure as a failure", async () => {
    const path = join(folder, "fail.json");
    const model = recordModel(new ScriptedModel([{ error: new Error("connection refused") }], MODEL), {
      path,
    });
    await generate(model, { messages: [{ role: "user", content: "hi" }] }).catch(() => undefined);
    await expect(
      generate(replayModel(path), { messages: [{ role: "user", content: "hi" }] }),
    ).rejects.toThrow("recorded provider failure: connection refused");
  });

  it("rejects a file that is not a cassette", () => {
    const path = join(folder, "bad.json");
    writeFileSync(path, JSON.stringify({ version: 2 }));
    expect(() => replayModel(path)).toThrow(/bad\.json is not a cassette: version/);
  });
});
