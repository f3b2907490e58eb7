/**
 * Issue 3, end to end through the real ChatOllama / ChatOpenAI and the scripted servers: a
 * malformed call repaired on the next attempt, a hopeless one falling back to native tools,
 * parallel calls, a throwing tool and a tool timeout, each checked in what the server received
 * next (what the model was told).
 */
import { describe, expect, it } from "vitest";
import { z } from "zod";
import { defineTool } from "../../src/tools/define-tool.ts";
import { calculator } from "../../tools/calculator.ts";
import type { RecordedRequest } from "../servers/script-server.ts";
import {
  drive,
  eventOutline,
  FALLBACK_SPEC,
  fallbackModel,
  hermesCall,
  PRIMARY_ADAPTER,
  PRIMARY_SPEC,
  primaryModel,
  useServers,
} from "./executor-helpers.ts";

const { ollama, openai } = useServers();

type OllamaMessage = { role: string; content: string; tool_calls?: unknown };

function messagesOf(request: RecordedRequest): OllamaMessage[] {
  return (request.body as { messages: OllamaMessage[] }).messages;
}

const MALFORMED = '<tool_call>\ncalculator(expression="6 * 7")\n</tool_call>';
const CALC_6_7 = hermesCall("calculator", { expression: "6 * 7" });

describe("repair and fallback for bad calls", () => {
  it("a malformed call is repaired on the next attempt of the same step", async () => {
    const server = await ollama(
      { type: "reply", text: ["<tool_call>\ncalcu", 'lator(expression="6 * 7")\n</tool_call>'] },
      {
        type: "reply",
        text: CALC_6_7,
        expect(request) {
          const messages = messagesOf(request);
          // The bad output goes back as the assistant's, then what was wrong.
          expect(messages.at(-2)).toEqual({ role: "assistant", content: MALFORMED });
          expect(messages.at(-1)?.role).toBe("user");
          expect(messages.at(-1)?.content).toContain("not valid JSON even after repair");
          expect(messages.at(-1)?.content).toContain("calculator");
        },
      },
      {
        type: "reply",
        text: "42",
        expect(request) {
          // The repair exchange stays out of the history: only the good call and its result.
          const messages = messagesOf(request);
          expect(messages.map((message) => message.content).join("\n")).not.toContain("expression=");
          expect(messages.at(-2)).toEqual({ role: "assistant", content: CALC_6_7 });
          expect(messages.at(-1)?.content).toMatch(/^<tool_response>\n.*"result":42.*\n<\/tool_response>$/s);
        },
      },
    );
    const { events, result, error } = await drive({
      model: primaryModel(server.origin).model,
      adapter: PRIMARY_ADAPTER,
      tools: [calculator],
      input: "6 * 7?",
      now: () => 0,
    });
    expect(error).toBeUndefined();
    server.assertDone();
    expect(result?.repairs).toBe(1);
    expect(result?.fallbacks).toEqual([]);
    expect(result?.steps[0]).toMatchObject({ step: 1, model: "primary", repairs: 1, problems: [] });
    expect(result?.toolCalls.map((record) => record.result)).toEqual([{ expression: "6 * 7", result: 42 }]);
    const repair = events.find((event) => event.type === "repair");
    expect(repair).toMatchObject({ type: "repair", step: 1, attempt: 1, rawOutput: MALFORMED });
    expect(eventOutline(events)).toEqual([
      "step-start@1",
      "repair@1",
      "tool-call-end@1",
      "tool-result@1",
      "step-end@1",
      "step-start@2",
      "step-end@2",
      "end",
    ]);
  });

  it("a hopeless call falls back to the native tools API, then the run returns to the primary", async () => {
    const primaryServer = await ollama(
      { type: "reply", text: MALFORMED },
      { type: "reply", text: MALFORMED },
      { type: "reply", text: MALFORMED },
      {
        type: "reply",
        text: "It is 42.",
        expect(request) {
          // The fallback's native call is in the primary's history in the hermes form.
          const messages = messagesOf(request);
          expect(messages.at(-2)).toEqual({ role: "assistant", content: CALC_6_7 });
          expect(messages.at(-1)?.content).toContain('"result":42');
        },
      },
    );
    const fallbackServer = await openai({
      type: "reply",
      toolCalls: [{ id: "call_native", name: "calculator", arguments: { expression: "6 * 7" } }],
      expect(request) {
        const body = request.body as { tools?: { function: { name: string } }[]; messages: unknown[] };
        expect(body.tools?.map((tool) => tool.function.name)).toEqual(["calculator"]);
        // The fallback gets the step without the failed repair exchanges.
        expect(body.messages).toEqual([{ role: "user", content: "6 * 7?" }]);
      },
    });
    const { events, result, error } = await drive({
      model: primaryModel(primaryServer.origin).model,
      adapter: PRIMARY_ADAPTER,
      tools: [calculator],
      input: "6 * 7?",
      fallback: { model: fallbackModel(fallbackServer.origin).model },
      now: () => 0,
    });
    expect(error).toBeUndefined();
    primaryServer.assertDone();
    fallbackServer.assertDone();
    expect(result?.repairs).toBe(2);
    expect(result?.fallbacks).toHaveLength(1);
    expect(result?.fallbacks[0]).toMatchObject({
      step: 1,
      from: PRIMARY_SPEC,
      to: FALLBACK_SPEC,
      rawOutput: MALFORMED,
    });
    expect(result?.fallbacks[0]?.reason).toMatch(
      /^no valid tool call after 2 repair attempt\(s\): .*not valid JSON/,
    );
    expect(result?.steps.map((step) => step.model)).toEqual(["fallback", "primary"]);
    expect(result?.toolCalls.map((record) => ({ id: record.call.id, result: record.result }))).toEqual([
      { id: "call_native", result: { expression: "6 * 7", result: 42 } },
    ]);
    expect(result?.text).toBe("It is 42.");
    expect(eventOutline(events).slice(0, 5)).toEqual([
      "step-start@1",
      "repair@1",
      "repair@1",
      "fallback@1",
      "tool-call-end@1",
    ]);
  });
});

describe("tools", () => {
  it("runs the calls of one step in parallel and returns the results in call order", async () => {
    // Each call waits until both have started: run one after the other, the first would time out.
    const started: string[] = [];
    let release: () => void = () => undefined;
    const bothStarted = new Promise<void>((resolve) => {
      release = resolve;
    });
    const lookup = defineTool({
      name: "lookup",
      description: "Looks a city up",
      input: z.object({ city: z.string() }),
      timeoutMs: 2_000,
      async execute({ city }) {
        started.push(city);
        if (started.length === 2) release();
        await bothStarted;
        return { city, population: city.length };
      },
    });
    const server = await ollama(
      {
        type: "reply",
        text: `${hermesCall("lookup", { city: "Paris" })}\n${hermesCall("lookup", { city: "Rome" })}`,
      },
      {
        type: "reply",
        text: "Done.",
        expect(request) {
          const last = messagesOf(request).at(-1)?.content ?? "";
          expect(last.indexOf('"city":"Paris"')).toBeGreaterThan(-1);
          expect(last.indexOf('"city":"Paris"')).toBeLessThan(last.indexOf('"city":"Rome"'));
        },
      },
    );
    const { result, error } = await drive({
      model: primaryModel(server.origin).model,
      adapter: PRIMARY_ADAPTER,
      tools: [lookup],
      input: "Paris and Rome?",
      now: () => 0,
    });
    expect(error).toBeUndefined();
    server.assertDone();
    expect(started).toEqual(["Paris", "Rome"]);
    expect(
      result?.toolCalls.map((record) => ({ id: record.call.id, ok: record.ok, result: record.result })),
    ).toEqual([
      { id: "call_1_0", ok: true, result: { city: "Paris", population: 5 } },
      { id: "call_1_1", ok: true, result: { city: "Rome", population: 4 } },
    ]);
  });

  it("a throwing tool's error goes back to the model, and the run goes on", async () => {
    const flaky = defineTool({
      name: "query_db",
      description: "Queries the database",
      input: z.object({ sql: z.string() }),
      execute() {
        throw new Error("database is down");
      },
    });
    const server = await ollama(
      { type: "reply", text: hermesCall("query_db", { sql: "select 1" }) },
      {
        type: "reply",
        text: "The database is down.",
        expect(request) {
          expect(messagesOf(request).at(-1)?.content).toBe(
            "<tool_response>\nError: query_db failed: database is down\n</tool_response>",
          );
        },
      },
    );
    const { events, result, error } = await drive({
      model: primaryModel(server.origin).model,
      adapter: PRIMARY_ADAPTER,
      tools: [flaky],
      input: "select 1",
      now: () => 0,
    });
    expect(error).toBeUndefined();
    server.assertDone();
    expect(result?.toolCalls).toEqual([
      {
        step: 1,
        call: { id: "call_1_0", name: "query_db", arguments: { sql: "select 1" } },
        ok: false,
        output: "Error: query_db failed: database is down",
        errorKind: "tool-error",
        durationMs: 0,
      },
    ]);
    expect(eventOutline(events)).toContain("tool-error@1");
    expect(result?.finishReason).toBe("final-answer");
  });

  it("a tool past its timeout is stopped (its signal aborts) and the model is told", async () => {
    let toolSignal: AbortSignal | undefined;
    const slow = defineTool({
      name: "slow_search",
      description: "Never finishes",
      input: z.object({}),
      timeoutMs: 20,
      execute: (_args, { signal }) => {
        toolSignal = signal;
        return new Promise(() => undefined);
      },
    });
    const server = await ollama(
      { type: "reply", text: hermesCall("slow_search", {}) },
      {
        type: "reply",
        text: "The search timed out.",
        expect(request) {
          expect(messagesOf(request).at(-1)?.content).toContain(
            "Error: slow_search did not finish within 20 ms",
          );
        },
      },
    );
    const { result, error } = await drive({
      model: primaryModel(server.origin).model,
      adapter: PRIMARY_ADAPTER,
      tools: [slow],
      input: "search",
    });
    expect(error).toBeUndefined();
    server.assertDone();
    expect(toolSignal?.aborted).toBe(true);
    expect(result?.toolCalls[0]).toMatchObject({ ok: false, errorKind: "timeout" });
    expect(result?.text).toBe("The search timed out.");
  });
});
