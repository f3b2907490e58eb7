import { describe, expect, it } from "vitest";
import { resolveAdapter } from "../../adapters/registry.ts";
import { RunTranscript } from "../../src/cli/run-transcript.ts";
import { streamAgent } from "../../src/executor/run-agent.ts";
import { ScriptedModel } from "../../src/testing/scripted-model.ts";
import { calculator } from "../../tools/calculator.ts";

async function transcriptOf(
  primary: ScriptedModel,
  fallback?: ScriptedModel,
  color = false,
): Promise<string> {
  let out = "";
  const transcript = new RunTranscript({ write: (text: string) => (out += text) }, { color });
  for await (const event of streamAgent({
    model: primary,
    adapter: resolveAdapter("qwen2.5-coder:7b"),
    tools: [calculator],
    input: "What is 6 * 7?",
    maxRepairs: 1,
    now: () => 0,
    ...(fallback ? { fallback: { model: fallback } } : {}),
  })) {
    if (event.type === "end") transcript.summary(event.result);
    else transcript.show(event);
  }
  return out;
}

const BAD = '<tool_call>\n{"name": "calculater", "arguments": {"expression": "6 * 7"}}\n</tool_call>';
const GOOD = '<tool_call>\n{"name": "calculator", "arguments": {"expression": "6 * 7"}}\n</tool_call>';

describe("RunTranscript", () => {
  it("calls out repairs and tool errors", async () => {
    const model = new ScriptedModel([
      { text: BAD, usage: { inputTokens: 10, outputTokens: 5, estimated: false } },
      { text: GOOD, usage: { inputTokens: 10, outputTokens: 5, estimated: false } },
      { text: "It is 42.", usage: { inputTokens: 20, outputTokens: 3, estimated: false } },
    ]);
    const out = await transcriptOf(model);
    expect(out).toBe(
      [
        '→ calculater {"expression":"6 * 7"}',
        '↻ repair 1 in step 1: there is no tool named "calculater"; did you mean "calculator"? Available tools: calculator.',
        '→ calculator {"expression":"6 * 7"}',
        '  ← {"expression":"6 * 7","result":42}',
        "It is 42.",
        "── 2 step(s) · 1 tool call(s) · 1 repair(s) · 0 fallback(s) · 40 input + 13 output tokens · finished: final-answer",
        "",
      ].join("\n"),
    );
  });

  it("calls out a fallback, and marks estimated tokens", async () => {
    const primary = new ScriptedModel([{ text: BAD }, { text: BAD }, { text: "Done: 42." }], {
      provider: "ollama",
      model: "qwen2.5-coder:7b",
    });
    const fallback = new ScriptedModel(
      [{ toolCalls: [{ id: "call_a", name: "calculator", arguments: { expression: "6 * 7" } }] }],
      { provider: "openai", model: "gpt-4o-mini" },
    );
    const out = await transcriptOf(primary, fallback);
    expect(out).toMatch(
      /\n⇄ fallback in step 1: ollama:qwen2\.5-coder:7b → openai:gpt-4o-mini \(no valid tool call after 1 repair attempt\(s\)/,
    );
    expect(out).toContain('  ← {"expression":"6 * 7","result":42}\nDone: 42.\n');
    expect(out).toMatch(
      /· 1 fallback\(s\) · \d+ input \+ \d+ output tokens \(estimated\) · finished: final-answer\n$/,
    );
  });

  it("dims decoration lines on a colour terminal, not the answer", async () => {
    const out = await transcriptOf(new ScriptedModel([{ text: GOOD }, { text: "42." }]), undefined, true);
    expect(out).toContain('\u001b[2m→ calculator {"expression":"6 * 7"}\u001b[22m\n');
    expect(out).toContain("\n42.\n\u001b[2m── ");
  });
});
