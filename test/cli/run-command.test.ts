import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { runCommand } from "../../src/cli/run-command.ts";
import type { AgentResult } from "../../src/executor/agent-events.ts";
import { parseModelSpec } from "../../src/providers/model-spec.ts";
import { CassetteSchema } from "../../src/recording/cassette.ts";
import { ScriptedModel } from "../../src/testing/scripted-model.ts";
import { captureIo } from "./helpers/capture-io.ts";

const CALCULATOR = ["examples/calculator-agent.ts", "--replay", "fixtures/cassettes/calculator-agent.json"];
const CALCULATOR_INPUT = "What is 37 * 43, and what time is it in Tokyo?";

let folder: string;
beforeEach(() => {
  folder = mkdtempSync(join(tmpdir(), "tooluse-run-"));
});
afterEach(() => rmSync(folder, { recursive: true, force: true }));

describe("tooluse run --replay", () => {
  it("streams the answer, shows calls and results, says the cassette is scripted, and sums up", async () => {
    const io = captureIo();
    const code = await runCommand([...CALCULATOR, "--input", CALCULATOR_INPUT], io);
    expect(io.err()).toBe("");
    expect(code).toBe(0);
    const lines = io.out().split("\n");
    expect(lines[0]).toBe(
      "replaying a scripted cassette (written by hand, not recorded from a live model): fixtures/cassettes/calculator-agent.json",
    );
    expect(lines[1]).toBe(
      "model ollama:qwen2.5-coder:7b · adapter qwen2.5 (hermes, text mode) · tools: calculator, current_time",
    );
    expect(lines.slice(2, 6)).toEqual([
      '→ calculator {"expression":"37 * 43"}',
      '→ current_time {"timezone":"Asia/Tokyo"}',
      '  ← {"expression":"37 * 43","result":1591}',
      '  ← {"utc":"2025-06-02T09:30:00.000Z","timezone":"Asia/Tokyo","local":"Monday, 2025-06-02, 18:30:00"}',
    ]);
    expect(lines[6]).toBe("37 × 43 = 1591, and in Tokyo it is 18:30 on Monday, June 2, 2025.");
    expect(lines[7]).toMatch(
      /^── 2 step\(s\) · 2 tool call\(s\) · 0 repair\(s\) · 0 fallback\(s\) · \d+ input \+ \d+ output tokens \(estimated\) · finished: final-answer$/,
    );
  });

  it("--json prints only the AgentResult on stdout (the scripted notice goes to stderr)", async () => {
    const io = captureIo();
    const code = await runCommand([...CALCULATOR, "--input", CALCULATOR_INPUT, "--json"], io);
    expect(code).toBe(0);
    const result = JSON.parse(io.out()) as AgentResult;
    expect(result.text).toBe("37 × 43 = 1591, and in Tokyo it is 18:30 on Monday, June 2, 2025.");
    expect(result.finishReason).toBe("final-answer");
    expect(result.toolCalls.map((record) => [record.call.name, record.ok])).toEqual([
      ["calculator", true],
      ["current_time", true],
    ]);
    expect(result.usage.estimated).toBe(true);
    expect(io.err()).toContain(
      "replaying a scripted cassette (written by hand, not recorded from a live model)",
    );
  });

  it("reads the input from stdin", async () => {
    const io = captureIo({ stdin: [CALCULATOR_INPUT] });
    expect(await runCommand([...CALCULATOR, "--json"], io)).toBe(0);
    expect((JSON.parse(io.out()) as AgentResult).toolCalls).toHaveLength(2);
  });

  it.each([
    ["files-agent", "When is the launch, and who signs off on it?", /Thursday, June 19, 2025/],
    ["http-agent", "Is the example API healthy? Any open incidents?", /INC-1042/],
  ])("replays the %s example offline", async (name, input, answer) => {
    const io = captureIo();
    const code = await runCommand(
      [`examples/${name}.ts`, "--replay", `fixtures/cassettes/${name}.json`, "--input", input, "--json"],
      io,
    );
    expect(code).toBe(0);
    const result = JSON.parse(io.out()) as AgentResult;
    expect(result.text).toMatch(answer);
    expect(result.toolCalls.every((record) => record.ok)).toBe(true);
  });

  it("a different input is a replay mismatch: exit 1 with where the requests differ", async () => {
    const io = captureIo();
    const code = await runCommand([...CALCULATOR, "--input", "What is 2 + 2?"], io);
    expect(code).toBe(1);
    expect(io.err()).toMatch(
      /replay failed: model call #1 does not match fixtures\/cassettes\/calculator-agent\.json: message 2 differs: recorded .*37 \* 43.* but sent .*2 \+ 2/,
    );
    expect(io.err()).toContain("--loose");
  });

  it("refuses a run without input and a script that is not an agent", async () => {
    await expect(runCommand([...CALCULATOR], captureIo())).rejects.toThrow(/no input/);
    await expect(runCommand(["tools/calculator.ts", "--input", "x"], captureIo())).rejects.toThrow(
      /must `export default defineAgent/,
    );
    await expect(runCommand(["examples/nope.ts", "--input", "x"], captureIo())).rejects.toThrow(
      /cannot read/,
    );
  });
});

describe("tooluse run --record", () => {
  it("records a run that --replay plays back to the same result", async () => {
    const path = join(folder, "calculator.json");
    const answers = [
      '<tool_call>\n{"name": "calculator", "arguments": {"expression": "2 ^^ 10"}}\n</tool_call>',
      '<tool_call>\n{"name": "calculator", "arguments": {"expression": "2 ^ 10"}}\n</tool_call>',
      "2 to the 10th is 1024.",
    ];
    const createModel = async (spec: string) =>
      new ScriptedModel(
        answers.map((text) => ({ text })),
        parseModelSpec(spec),
      );
    const recording = captureIo();
    const input = ["--input", "What is 2 to the 10th?", "--json"];
    const recordedCode = await runCommand(
      ["examples/calculator-agent.ts", "--record", path, ...input],
      recording,
      {
        createModel,
        now: () => new Date("2025-01-01T00:00:00Z"),
      },
    );
    expect(recordedCode).toBe(0);
    expect(recording.err()).toContain(`recording every model call to ${path}\n`);
    expect(recording.err()).toContain(`recorded to ${path}\n`);
    const cassette = CassetteSchema.parse(JSON.parse(readFileSync(path, "utf8")));
    expect(cassette.scripted).toBe(false);
    expect(cassette.interactions).toHaveLength(3);
    expect(cassette.tools?.map((tool) => tool.name)).toEqual(["calculator", "current_time"]);

    const replaying = captureIo();
    expect(await runCommand(["examples/calculator-agent.ts", "--replay", path, ...input], replaying)).toBe(0);
    const recorded = JSON.parse(recording.out()) as AgentResult;
    const replayed = JSON.parse(replaying.out()) as AgentResult;
    expect(withoutDurations(replayed)).toEqual(withoutDurations(recorded));
    expect(replayed.toolCalls[0]!.ok).toBe(false);
    expect(replaying.err()).toContain("replaying a recorded cassette from 2025-01-01T00:00:00.000Z");
  });
});

function withoutDurations(result: AgentResult): unknown {
  return JSON.parse(JSON.stringify(result, (key, value: unknown) => (key === "durationMs" ? 0 : value)));
}

describe("tooluse run arguments", () => {
  it("an unknown option is a ToolUseError naming it", async () => {
    await expect(runCommand(["examples/calculator-agent.ts", "--replya", "x"], captureIo())).rejects.toThrow(
      /Unknown option '--replya'/,
    );
  });
});
