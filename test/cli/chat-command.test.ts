import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { chatCommand } from "../../src/cli/chat-command.ts";
import { parseModelSpec } from "../../src/providers/model-spec.ts";
import { readCassette } from "../../src/recording/cassette-file.ts";
import { ScriptedModel } from "../../src/testing/scripted-model.ts";
import { captureIo } from "./helpers/capture-io.ts";

const MODEL = ["--model", "ollama:qwen2.5-coder:7b", "--tools", "examples/calculator-agent.ts"];
const ANSWERS = [
  '<tool_call>\n{"name": "calculator", "arguments": {"expression": "12 * 12"}}\n</tool_call>',
  "12 × 12 = 144.",
  '<tool_call>\n{"name": "calculator", "arguments": {"expression": "144 / 3"}}\n</tool_call>',
  "A third of that is 48.",
];
const LINES = ["What is 12 * 12?", "And a third of that?", "/exit", "never read"];

let folder: string;
beforeEach(() => {
  folder = mkdtempSync(join(tmpdir(), "tooluse-chat-"));
});
afterEach(() => rmSync(folder, { recursive: true, force: true }));

async function recordChat(path: string): Promise<ScriptedModel> {
  let scripted: ScriptedModel | undefined;
  const io = captureIo({ stdin: LINES });
  const code = await chatCommand([...MODEL, "--record", path], io, {
    createModel: async (spec) => {
      scripted = new ScriptedModel(
        ANSWERS.map((text) => ({ text })),
        parseModelSpec(spec),
      );
      return scripted;
    },
    now: () => new Date("2025-03-04T05:06:07Z"),
  });
  expect(code).toBe(0);
  return scripted!;
}

describe("tooluse chat", () => {
  it("runs each line on the conversation so far and stops at /exit", async () => {
    const path = join(folder, "chat.json");
    const scripted = await recordChat(path);
    scripted.assertDone();
    // The second turn's first request carries the whole first turn: question, call, result, answer.
    const second = scripted.requests[2]!.messages.map((message) => message.content);
    expect(second.slice(1)).toEqual([
      "What is 12 * 12?",
      ANSWERS[0],
      '<tool_response>\n{"expression":"12 * 12","result":144}\n</tool_response>',
      "12 × 12 = 144.",
      "And a third of that?",
    ]);
    expect(second[0]).toMatch(/^You are a precise assistant\./);
    expect(readCassette(path).cassette.interactions).toHaveLength(4);
  });

  it("replays a recorded chat from scripted stdin lines", async () => {
    const path = join(folder, "chat.json");
    await recordChat(path);
    const io = captureIo({ stdin: LINES });
    expect(await chatCommand([...MODEL, "--replay", path], io)).toBe(0);
    expect(io.err()).toBe("");
    const out = io.out();
    expect(out).toContain(`replaying a recorded cassette from 2025-03-04T05:06:07.000Z: ${path}`);
    expect(out).toContain(
      [
        "you › What is 12 * 12?",
        '→ calculator {"expression":"12 * 12"}',
        '  ← {"expression":"12 * 12","result":144}',
        "12 × 12 = 144.",
      ].join("\n"),
    );
    expect(out).toContain(["you › And a third of that?", '→ calculator {"expression":"144 / 3"}'].join("\n"));
    expect(out).toContain("A third of that is 48.");
    expect(out.match(/^── /gm)).toHaveLength(2);
    expect(out).not.toContain("never read");
  });

  it("/reset starts a new conversation (so the replayed requests no longer match)", async () => {
    const path = join(folder, "chat.json");
    await recordChat(path);
    const io = captureIo({ stdin: ["What is 12 * 12?", "/reset", "And a third of that?"] });
    expect(await chatCommand([...MODEL, "--replay", path], io)).toBe(1);
    expect(io.out()).toContain("(conversation cleared)");
    expect(io.err()).toMatch(/replay failed: model call #3 does not match/);
  });

  it("ends when the cassette runs out, with a typed replay error", async () => {
    const path = join(folder, "chat.json");
    await recordChat(path);
    const io = captureIo({ stdin: [...LINES.slice(0, 2), "One more?"] });
    expect(await chatCommand([...MODEL, "--replay", path, "--loose"], io)).toBe(1);
    expect(io.err()).toMatch(/replay failed: .*holds 4 model call\(s\) and the run asked for call #5/);
  });

  it("needs --model", async () => {
    await expect(chatCommand([], captureIo())).rejects.toThrow(/usage: tooluse chat --model/);
  });
});
