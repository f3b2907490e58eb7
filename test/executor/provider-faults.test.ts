/**
 * Issue 3, end to end: the primary model (the real ChatOllama through createModel) fails in the
 * three ways an Ollama server fails (connection refused, HTTP 500, a stream torn mid-way) and a
 * hanging one; each ends in the provider's retries where it retries, then a fallback to the
 * OpenAI-compatible server (the real ChatOpenAI) for that step, announced by a `fallback` event and
 * the result's `fallbacks`; and when the fallback fails as well, a typed error. Either way no
 * finished step is lost: the result, or the events streamAgent yielded before the error, hold every
 * step record and tool result so far.
 */
import { describe, expect, it } from "vitest";
import { ToolUseError } from "../../src/errors.ts";
import type { StepRecord } from "../../src/executor/agent-events.ts";
import { calculator } from "../../tools/calculator.ts";
import { closedPortOrigin, type ScriptStep } from "../servers/script-server.ts";
import {
  causeCodes,
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

const INPUT = "What is 6 times 7?";
const CALC_6_7 = hermesCall("calculator", { expression: "6 * 7" });
/** Step 1 on the primary: a calculator call, answered. */
const PRIMARY_CALL: ScriptStep = { type: "reply", text: ["<tool_call>\n", CALC_6_7.slice(12)] };

/** The fallback's request must carry step 1 (its call and result): nothing was lost. */
function expectsStepOneInHistory(request: { body: unknown }): void {
  const messages = (request.body as { messages: { role: string; content?: unknown; tool_calls?: unknown }[] })
    .messages;
  expect(messages.map((message) => message.role)).toEqual(["user", "assistant", "tool"]);
  expect(messages[1]?.tool_calls).toEqual([
    {
      id: "call_1_0",
      type: "function",
      function: { name: "calculator", arguments: JSON.stringify({ expression: "6 * 7" }) },
    },
  ]);
  expect(messages[2]).toMatchObject({ role: "tool", tool_call_id: "call_1_0" });
  expect(String(messages[2]?.content)).toContain('"result":42');
}

function stepOne(record: StepRecord | undefined, model: "primary" | "fallback"): void {
  expect(record).toMatchObject({ step: 1, model });
  expect(
    record?.toolCalls.map((call) => ({ name: call.call.name, ok: call.ok, result: call.result })),
  ).toEqual([{ name: "calculator", ok: true, result: { expression: "6 * 7", result: 42 } }]);
}

describe("the primary refuses connections (Ollama is not running)", () => {
  it("retries, falls back for every step, and the run completes on the fallback", async () => {
    const primary = primaryModel(await closedPortOrigin());
    const fallbackServer = await openai(
      {
        type: "reply",
        toolCalls: [{ id: "call_fb_1", name: "calculator", arguments: { expression: "6 * 7" } }],
      },
      { type: "reply", text: "It is 42." },
    );
    const fallback = fallbackModel(fallbackServer.origin);
    const { events, result, error } = await drive({
      model: primary.model,
      adapter: PRIMARY_ADAPTER,
      tools: [calculator],
      input: INPUT,
      fallback: { model: fallback.model },
      now: () => 0,
    });
    expect(error).toBeUndefined();
    fallbackServer.assertDone();
    expect(result?.text).toBe("It is 42.");
    // returnToPrimary (default): step 2 tries the primary again, which still refuses.
    expect(result?.fallbacks.map(({ step, from, to }) => ({ step, from, to }))).toEqual([
      { step: 1, from: PRIMARY_SPEC, to: FALLBACK_SPEC },
      { step: 2, from: PRIMARY_SPEC, to: FALLBACK_SPEC },
    ]);
    for (const record of result?.fallbacks ?? [])
      expect(record.reason).toMatch(
        /^the primary model failed: ollama:qwen2\.5-coder:7b at http:\/\/127\.0\.0\.1:\d+: cannot connect \(connection refused\) \(after 2 attempts\)$/,
      );
    // One retry per step, each with the backoff.
    expect(primary.sleeps).toEqual([375, 375]);
    stepOne(result?.steps[0], "fallback");
    expect(result?.steps[1]).toMatchObject({ step: 2, model: "fallback", text: "It is 42." });
    expect(eventOutline(events)).toEqual([
      "step-start@1",
      "fallback@1",
      "tool-call-end@1",
      "tool-result@1",
      "step-end@1",
      "step-start@2",
      "fallback@2",
      "step-end@2",
      "end",
    ]);
  });

  it("without a fallback: the provider's own code, provider-unreachable", async () => {
    const primary = primaryModel(await closedPortOrigin(), { maxRetries: 0 });
    const { events, error } = await drive({
      model: primary.model,
      adapter: PRIMARY_ADAPTER,
      tools: [calculator],
      input: INPUT,
    });
    expect(ToolUseError.is(error, "provider-unreachable")).toBe(true);
    expect((error as Error).message).toMatch(
      /^the model ollama:qwen2\.5-coder:7b failed and no fallback is configured: .*cannot connect \(connection refused\)$/,
    );
    expect(eventOutline(events)).toEqual(["step-start@1"]);
  });

  it("when the fallback fails too: fallback-failed, with step 1 intact in what was yielded", async () => {
    const primary = primaryModel(await closedPortOrigin(), { maxRetries: 0 });
    const fallbackServer = await openai(
      {
        type: "reply",
        toolCalls: [{ id: "call_fb_1", name: "calculator", arguments: { expression: "6 * 7" } }],
      },
      { type: "error", status: 503, message: "no capacity" },
      { type: "error", status: 503, message: "no capacity" },
    );
    const fallback = fallbackModel(fallbackServer.origin);
    const { events, result, error } = await drive({
      model: primary.model,
      adapter: PRIMARY_ADAPTER,
      tools: [calculator],
      input: INPUT,
      fallback: { model: fallback.model },
    });
    fallbackServer.assertDone();
    expect(result).toBeUndefined();
    expect(ToolUseError.is(error, "fallback-failed")).toBe(true);
    expect((error as Error).message).toBe(
      `the fallback model ${FALLBACK_SPEC} failed too: ${FALLBACK_SPEC} at ${fallbackServer.origin}/v1: HTTP 503: no capacity (after 2 attempts)`,
    );
    expect(causeCodes(error)).toEqual(["fallback-failed", "provider-error", "Error"]);
    expect(fallback.sleeps).toEqual([375]);
    expect(eventOutline(events)).toEqual([
      "step-start@1",
      "fallback@1",
      "tool-call-end@1",
      "tool-result@1",
      "step-end@1",
      "step-start@2",
      "fallback@2",
    ]);
    const stepEnd = events.find((event) => event.type === "step-end");
    stepOne(stepEnd?.type === "step-end" ? stepEnd.record : undefined, "fallback");
  });
});

describe("the primary answers HTTP 500", () => {
  it("retries, then the fallback does the step with step 1 in its history; the run goes on", async () => {
    const primaryServer = await ollama(
      PRIMARY_CALL,
      { type: "error", status: 500, message: "llama runner process has terminated" },
      { type: "error", status: 500, message: "llama runner process has terminated" },
    );
    const fallbackServer = await openai({
      type: "reply",
      text: "6 times 7 is 42.",
      expect: expectsStepOneInHistory,
    });
    const primary = primaryModel(primaryServer.origin);
    const { events, result, error } = await drive({
      model: primary.model,
      adapter: PRIMARY_ADAPTER,
      tools: [calculator],
      input: INPUT,
      fallback: { model: fallbackModel(fallbackServer.origin).model },
      now: () => 0,
    });
    expect(error).toBeUndefined();
    primaryServer.assertDone();
    fallbackServer.assertDone();
    expect(primary.sleeps).toEqual([375]);
    expect(result?.text).toBe("6 times 7 is 42.");
    expect(result?.fallbacks).toEqual([
      {
        step: 2,
        from: PRIMARY_SPEC,
        to: FALLBACK_SPEC,
        reason: `the primary model failed: ${PRIMARY_SPEC} at ${primaryServer.origin}: HTTP 500: llama runner process has terminated (after 2 attempts)`,
        rawOutput: "",
      },
    ]);
    stepOne(result?.steps[0], "primary");
    expect(result?.steps[1]).toMatchObject({ step: 2, model: "fallback", toolCalls: [] });
    const fallbackEvent = events.find((event) => event.type === "fallback");
    expect(fallbackEvent?.type === "fallback" ? fallbackEvent.record : undefined).toEqual(
      result?.fallbacks[0],
    );
  });

  it("when the fallback answers 500 too: fallback-failed, step 1 intact", async () => {
    const primaryServer = await ollama(
      PRIMARY_CALL,
      { type: "error", status: 500, message: "llama runner process has terminated" },
      { type: "error", status: 500, message: "llama runner process has terminated" },
    );
    const fallbackServer = await openai(
      { type: "error", status: 500, message: "engine dead" },
      { type: "error", status: 500, message: "engine dead" },
    );
    const { events, error } = await drive({
      model: primaryModel(primaryServer.origin).model,
      adapter: PRIMARY_ADAPTER,
      tools: [calculator],
      input: INPUT,
      fallback: { model: fallbackModel(fallbackServer.origin).model },
    });
    primaryServer.assertDone();
    fallbackServer.assertDone();
    expect(ToolUseError.is(error, "fallback-failed")).toBe(true);
    expect((error as Error).message).toContain("HTTP 500: engine dead (after 2 attempts)");
    expect(causeCodes(error).slice(0, 2)).toEqual(["fallback-failed", "provider-error"]);
    expect(eventOutline(events)).toEqual([
      "step-start@1",
      "tool-call-end@1",
      "tool-result@1",
      "step-end@1",
      "step-start@2",
      "fallback@2",
    ]);
    const stepEnd = events.find((event) => event.type === "step-end");
    stepOne(stepEnd?.type === "step-end" ? stepEnd.record : undefined, "primary");
  });
});

describe("the primary's stream is torn mid-way", () => {
  it("is not retried (events were out), falls back for the step, and the run goes on", async () => {
    const primaryServer = await ollama(PRIMARY_CALL, {
      type: "reply",
      text: ["The answer", " is 4", "2."],
      tearAfterChunks: 1,
    });
    const fallbackServer = await openai({
      type: "reply",
      text: "The answer is 42.",
      expect: expectsStepOneInHistory,
    });
    const primary = primaryModel(primaryServer.origin);
    const { events, result, error } = await drive({
      model: primary.model,
      adapter: PRIMARY_ADAPTER,
      tools: [calculator],
      input: INPUT,
      fallback: { model: fallbackModel(fallbackServer.origin).model },
      now: () => 0,
    });
    expect(error).toBeUndefined();
    primaryServer.assertDone();
    fallbackServer.assertDone();
    expect(primary.sleeps).toEqual([]);
    expect(primaryServer.chatRequests).toHaveLength(2);
    expect(result?.text).toBe("The answer is 42.");
    expect(result?.fallbacks).toHaveLength(1);
    // The record keeps what the primary wrote before its stream broke.
    expect(result?.fallbacks[0]).toMatchObject({
      step: 2,
      from: PRIMARY_SPEC,
      to: FALLBACK_SPEC,
      rawOutput: "The answer",
    });
    expect(result?.fallbacks[0]?.reason).toMatch(
      /^the primary model failed: .* the response stream broke after it started: /,
    );
    stepOne(result?.steps[0], "primary");
    // The torn text was streamed before the fallback was announced; the step's text is the fallback's.
    const stepTwoText = events
      .filter((event) => event.type === "text-delta" && event.step === 2)
      .map((event) => (event.type === "text-delta" ? event.text : ""));
    expect(stepTwoText.join("")).toBe("The answerThe answer is 42.");
    expect(result?.steps[1]?.text).toBe("The answer is 42.");
  });

  it("when the fallback's stream is torn too: fallback-failed, step 1 intact", async () => {
    const primaryServer = await ollama(PRIMARY_CALL, {
      type: "reply",
      text: ["a", "b", "c"],
      tearAfterChunks: 1,
    });
    const fallbackServer = await openai({ type: "reply", text: ["x", "y", "z"], tearAfterChunks: 2 });
    const { events, error } = await drive({
      model: primaryModel(primaryServer.origin).model,
      adapter: PRIMARY_ADAPTER,
      tools: [calculator],
      input: INPUT,
      fallback: { model: fallbackModel(fallbackServer.origin).model },
    });
    primaryServer.assertDone();
    fallbackServer.assertDone();
    expect(ToolUseError.is(error, "fallback-failed")).toBe(true);
    expect(causeCodes(error).slice(0, 2)).toEqual(["fallback-failed", "provider-error"]);
    expect((error as Error).message).toMatch(/the response stream broke after it started/);
    // Neither stream was retried.
    expect(primaryServer.chatRequests).toHaveLength(2);
    expect(fallbackServer.chatRequests).toHaveLength(1);
    const stepEnd = events.find((event) => event.type === "step-end");
    stepOne(stepEnd?.type === "step-end" ? stepEnd.record : undefined, "primary");
    expect(eventOutline(events).slice(-2)).toEqual(["step-start@2", "fallback@2"]);
  });
});

describe("the primary never answers", () => {
  it("times out (after its retry) and the fallback does the step", async () => {
    const primaryServer = await ollama({ type: "hang" }, { type: "hang" });
    const fallbackServer = await openai(
      { type: "reply", toolCalls: [{ name: "calculator", arguments: { expression: "6 * 7" } }] },
      { type: "reply", text: "42" },
    );
    const primary = primaryModel(primaryServer.origin, { timeoutMs: 50 });
    const { result, error } = await drive({
      model: primary.model,
      adapter: PRIMARY_ADAPTER,
      tools: [calculator],
      input: INPUT,
      fallback: { model: fallbackModel(fallbackServer.origin).model, returnToPrimary: false },
      now: () => 0,
    });
    expect(error).toBeUndefined();
    primaryServer.assertDone();
    fallbackServer.assertDone();
    expect(primary.sleeps).toEqual([375]);
    expect(result?.fallbacks.map((record) => record.reason)).toEqual([
      `the primary model failed: ${PRIMARY_SPEC} at ${primaryServer.origin}: no data for 50 ms (after 2 attempts)`,
      "staying on the fallback model (returnToPrimary: false)",
    ]);
    stepOne(result?.steps[0], "fallback");
    expect(result?.text).toBe("42");
  });
});
