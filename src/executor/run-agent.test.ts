import { describe, expect, it } from "vitest";
import { z } from "zod";
import { qwen2Adapter } from "../../adapters/qwen2.ts";
import { calculator } from "../../tools/calculator.ts";
import { ToolUseError } from "../errors.ts";
import { ScriptedModel } from "../testing/scripted-model.ts";
import { defineTool } from "../tools/define-tool.ts";
import type { AgentEvent } from "./agent-events.ts";
import { announcedTool, runAgent, streamAgent } from "./run-agent.ts";
import { hasToolCall } from "./stop-conditions.ts";

const call = (name: string, args: Record<string, unknown>) =>
  `<tool_call>\n${JSON.stringify({ name, arguments: args })}\n</tool_call>`;

const clock = defineTool({
  name: "current_time",
  description: "The current time",
  input: z.object({}),
  execute: () => "2026-11-22T10:00:00Z",
});

describe("runAgent", () => {
  it("runs a two-tool, multi-step conversation to a final answer", async () => {
    const model = new ScriptedModel([
      {
        text: `Let me compute.\n${call("calculator", { expression: "6*7" })}\n${call("current_time", {})}`,
        chunks: undefined,
      },
      { text: `${call("calculator", { expression: "42+1" })}` },
      { text: "It is 10:00 and the answer is 43." },
    ]);
    const result = await runAgent({
      model,
      adapter: qwen2Adapter,
      tools: [calculator, clock],
      input: "What is 6*7+1, and what time is it?",
    });
    model.assertDone();
    expect(result.finishReason).toBe("final-answer");
    expect(result.text).toBe("It is 10:00 and the answer is 43.");
    expect(result.steps).toHaveLength(3);
    expect(result.toolCalls.map((record) => [record.call.name, record.output])).toEqual([
      ["calculator", '{"expression":"6*7","result":42}'],
      ["current_time", "2026-11-22T10:00:00Z"],
      ["calculator", '{"expression":"42+1","result":43}'],
    ]);
    // The second request carries the first step's calls and results in the adapter's text form.
    const second = model.requests[1]!.messages.map((message) => message.content).join("\n");
    expect(second).toContain('{"expression":"6*7","result":42}');
    expect(second).toContain("<tool_response>");
    expect(result.usage.estimated).toBe(true);
  });

  it("runs the calls of one step concurrently", async () => {
    let inFlight = 0;
    let maxInFlight = 0;
    let release: () => void = () => undefined;
    const gate = new Promise<void>((resolve) => {
      release = resolve;
    });
    const slow = (name: string) =>
      defineTool({
        name,
        description: "waits",
        input: z.object({}),
        execute: async () => {
          inFlight++;
          maxInFlight = Math.max(maxInFlight, inFlight);
          if (inFlight === 2) release();
          await gate;
          inFlight--;
          return "done";
        },
      });
    const model = new ScriptedModel([{ text: `${call("a", {})}${call("b", {})}` }, { text: "ok" }]);
    const result = await runAgent({
      model,
      adapter: qwen2Adapter,
      tools: [slow("a"), slow("b")],
      input: "go",
      toolTimeoutMs: 5000,
    });
    expect(maxInFlight).toBe(2);
    expect(result.toolCalls.every((record) => record.ok)).toBe(true);
  });

  it("repairs a malformed call by telling the model what was wrong", async () => {
    const model = new ScriptedModel([
      { text: '<tool_call>\n{"name": "calculator", "arguments": {"expression": }\n</tool_call>' },
      { text: call("calculator", { expression: "2+2" }) },
      { text: "4" },
    ]);
    const events: AgentEvent[] = [];
    for await (const event of streamAgent({
      model,
      adapter: qwen2Adapter,
      tools: [calculator],
      input: "2+2?",
    }))
      events.push(event);
    const repair = events.find((event) => event.type === "repair");
    expect(repair).toMatchObject({ type: "repair", step: 1, attempt: 1 });
    const repairRequest = model.requests[1]!.messages.at(-1)!.content;
    expect(repairRequest).toContain("could not be run");
    // The missing value is reported as such (the JSON repair never invents a null for it).
    expect(repairRequest).toContain(
      '<tool_call> block is not valid JSON even after repair: "{\\"name\\": \\"calculator\\", \\"arguments\\": {\\"expression\\": }"',
    );
    const end = events.at(-1);
    expect(end).toMatchObject({
      type: "end",
      result: { text: "4", repairs: 1, finishReason: "final-answer" },
    });
  });

  it("names the closest tool for an unknown one and lists zod issues for bad arguments", async () => {
    const model = new ScriptedModel([
      { text: call("calculater", { expression: "1" }) },
      { text: call("calculator", { expresion: "1" }) },
      { text: call("calculator", { expression: "1" }) },
      { text: "1" },
    ]);
    const result = await runAgent({
      model,
      adapter: qwen2Adapter,
      tools: [calculator],
      input: "1?",
      maxRepairs: 2,
    });
    expect(model.requests[1]!.messages.at(-1)!.content).toContain('did you mean "calculator"?');
    expect(model.requests[2]!.messages.at(-1)!.content).toMatch(
      /invalid arguments for calculator: expression: /,
    );
    expect(result).toMatchObject({ text: "1", repairs: 2 });
    // Repair exchanges are not kept in the history of later steps.
    expect(model.requests[3]!.messages.map((message) => message.content).join("\n")).not.toContain(
      "could not be run",
    );
  });

  it("falls back for a hopeless step, never silently, then returns to the primary model", async () => {
    const broken = "<tool_call>\n{not json at all\n</tool_call>";
    const primary = new ScriptedModel([
      { text: broken },
      { text: broken },
      { text: broken },
      { text: "The answer is 4." },
    ]);
    const fallback = new ScriptedModel(
      [
        {
          toolCalls: [{ id: "call_fb", name: "calculator", arguments: { expression: "2+2" } }],
          usage: { inputTokens: 50, outputTokens: 10, estimated: false },
        },
      ],
      { provider: "openai", model: "gpt-4o-mini" },
    );
    const events: AgentEvent[] = [];
    for await (const event of streamAgent({
      model: primary,
      adapter: qwen2Adapter,
      tools: [calculator],
      input: "2+2?",
      fallback: { model: fallback },
    })) {
      events.push(event);
    }
    primary.assertDone();
    fallback.assertDone();
    const result =
      events.at(-1)!.type === "end"
        ? (events.at(-1) as Extract<AgentEvent, { type: "end" }>).result
        : undefined;
    expect(result?.fallbacks).toEqual([
      expect.objectContaining({
        step: 1,
        from: "scripted:scripted-model",
        to: "openai:gpt-4o-mini",
        rawOutput: broken,
      }),
    ]);
    expect(events.filter((event) => event.type === "fallback")).toHaveLength(1);
    expect(result?.steps.map((step) => step.model)).toEqual(["fallback", "primary"]);
    expect(fallback.requests[0]!.tools?.map((tool) => tool.name)).toEqual(["calculator"]);
    expect(result?.text).toBe("The answer is 4.");
  });

  it("returns a throwing tool's error to the model and goes on", async () => {
    const failing = defineTool({
      name: "flaky",
      description: "fails",
      input: z.object({}),
      execute: () => {
        throw new Error("database is down");
      },
    });
    const model = new ScriptedModel([{ text: call("flaky", {}) }, { text: "Sorry, the database is down." }]);
    const result = await runAgent({ model, adapter: qwen2Adapter, tools: [failing], input: "query" });
    expect(result.toolCalls[0]).toMatchObject({
      ok: false,
      errorKind: "tool-error",
      output: "Error: flaky failed: database is down",
    });
    expect(model.requests[1]!.messages.map((message) => message.content).join("\n")).toContain(
      "database is down",
    );
    expect(result.text).toBe("Sorry, the database is down.");
  });

  it("times out a slow tool and tells the model", async () => {
    const slow = defineTool({
      name: "slow",
      description: "never ends",
      input: z.object({}),
      timeoutMs: 20,
      execute: (_args, { signal }) =>
        new Promise((_resolve, reject) =>
          signal.addEventListener("abort", () => reject(new Error("aborted"))),
        ),
    });
    const model = new ScriptedModel([{ text: call("slow", {}) }, { text: "It timed out." }]);
    const result = await runAgent({ model, adapter: qwen2Adapter, tools: [slow], input: "go" });
    expect(result.toolCalls[0]).toMatchObject({
      ok: false,
      errorKind: "timeout",
      output: "Error: slow did not finish within 20 ms",
    });
  });

  it("ends with a typed aborted error when the signal aborts during a tool", async () => {
    const controller = new AbortController();
    const blocking = defineTool({
      name: "block",
      description: "blocks until aborted",
      input: z.object({}),
      execute: (_args, { signal }) => {
        controller.abort();
        return new Promise((_resolve, reject) =>
          signal.addEventListener("abort", () => reject(new Error("stopped"))),
        );
      },
    });
    const model = new ScriptedModel([{ text: call("block", {}) }]);
    const run = runAgent({
      model,
      adapter: qwen2Adapter,
      tools: [blocking],
      input: "go",
      signal: controller.signal,
    });
    await expect(run).rejects.toSatisfy((error: unknown) => ToolUseError.is(error, "aborted"));
  });

  it("fails with a typed error when the provider fails and no fallback is configured", async () => {
    const model = new ScriptedModel([{ error: new Error("connect ECONNREFUSED 127.0.0.1:11434") }]);
    await expect(runAgent({ model, adapter: qwen2Adapter, input: "hi" })).rejects.toSatisfy(
      (error: unknown) =>
        ToolUseError.is(error, "provider-error") && (error as Error).message.includes("ECONNREFUSED"),
    );
  });

  it("re-asks once when the model announces a call but writes none", async () => {
    const model = new ScriptedModel([
      { text: "I'll use the calculator to work this out." },
      { text: call("calculator", { expression: "3*3" }) },
      { text: "9" },
    ]);
    const result = await runAgent({ model, adapter: qwen2Adapter, tools: [calculator], input: "3*3?" });
    expect(model.requests[1]!.messages.at(-1)!.content).toContain(
      "You said you would use a tool (calculator)",
    );
    expect(result.text).toBe("9");
  });

  it("stops at maxSteps and on stop conditions", async () => {
    const looping = new ScriptedModel([
      { text: call("calculator", { expression: "1" }) },
      { text: call("calculator", { expression: "2" }) },
    ]);
    await expect(
      runAgent({ model: looping, adapter: qwen2Adapter, tools: [calculator], input: "loop", maxSteps: 2 }),
    ).resolves.toMatchObject({
      finishReason: "max-steps",
    });
    const stopping = new ScriptedModel([{ text: call("calculator", { expression: "1" }) }]);
    await expect(
      runAgent({
        model: stopping,
        adapter: qwen2Adapter,
        tools: [calculator],
        input: "once",
        stopWhen: [hasToolCall("calculator")],
      }),
    ).resolves.toMatchObject({
      finishReason: "stop-condition",
      steps: [expect.objectContaining({ step: 1 })],
    });
  });
});

describe("announcedTool", () => {
  it("finds an announced tool name and ignores plain mentions", () => {
    expect(announcedTool("Let me check get_weather for Paris.", ["get_weather"])).toBe("get_weather");
    expect(announcedTool("The get_weather tool exists.", ["get_weather"])).toBeUndefined();
  });
});
