/**
 * Issue 3, end to end: the run's AbortSignal during a model stream (the real ChatOllama reading a
 * slow NDJSON stream) and during a tool. An abort is the caller's decision: it ends the run with
 * ToolUseError("aborted") at once, never in a retry or a fallback, and what finished before it
 * was yielded.
 */
import { expect, it } from "vitest";
import { z } from "zod";
import { ToolUseError } from "../../src/errors.ts";
import { defineTool } from "../../src/tools/define-tool.ts";
import { calculator } from "../../tools/calculator.ts";
import {
  drive,
  eventOutline,
  fallbackModel,
  hermesCall,
  PRIMARY_ADAPTER,
  primaryModel,
  useServers,
} from "./executor-helpers.ts";

const { ollama, openai } = useServers();

it("an abort during a model stream ends the run: no retry, no fallback, step 1 intact", async () => {
  const primaryServer = await ollama(
    { type: "reply", text: hermesCall("calculator", { expression: "6 * 7" }) },
    // Slow enough that the abort lands between the first and the second chunk.
    { type: "reply", text: ["The answer", " is", " 42."], chunkDelayMs: 40 },
  );
  // A fallback with nothing scripted: any request to it fails assertDone().
  const fallbackServer = await openai();
  const primary = primaryModel(primaryServer.origin);
  const controller = new AbortController();
  const { events, result, error } = await drive(
    {
      model: primary.model,
      adapter: PRIMARY_ADAPTER,
      tools: [calculator],
      input: "6 * 7?",
      fallback: { model: fallbackModel(fallbackServer.origin).model },
      signal: controller.signal,
    },
    (event) => {
      if (event.type === "text-delta" && event.step === 2) controller.abort(new Error("user pressed stop"));
    },
  );
  expect(result).toBeUndefined();
  expect(ToolUseError.is(error, "aborted")).toBe(true);
  expect((error as Error).message).toBe("the run was aborted");
  expect(((error as Error).cause as Error).message).toBe("user pressed stop");
  primaryServer.assertDone();
  fallbackServer.assertDone();
  expect(fallbackServer.requests).toEqual([]);
  expect(primary.sleeps).toEqual([]);
  expect(primaryServer.chatRequests).toHaveLength(2);
  expect(eventOutline(events)).toEqual([
    "step-start@1",
    "tool-call-end@1",
    "tool-result@1",
    "step-end@1",
    "step-start@2",
  ]);
  expect(
    events
      .filter((event) => event.type === "text-delta")
      .map((event) => event.type === "text-delta" && event.text),
  ).toEqual(["The answer"]);
  const stepEnd = events.find((event) => event.type === "step-end");
  expect(stepEnd?.type === "step-end" && stepEnd.record.toolCalls[0]?.result).toEqual({
    expression: "6 * 7",
    result: 42,
  });
});

it("an abort before the model answers ends the run with the aborted error, not a provider error", async () => {
  const controller = new AbortController();
  // Abort once the request has reached the server (not after a fixed delay: a busy machine may be slower).
  const primaryServer = await ollama({
    type: "hang",
    expect: () => {
      setTimeout(() => controller.abort(), 0);
    },
  });
  const pending = drive({
    model: primaryModel(primaryServer.origin).model,
    adapter: PRIMARY_ADAPTER,
    input: "hello",
    signal: controller.signal,
  });
  const { events, error } = await pending;
  expect(ToolUseError.is(error, "aborted")).toBe(true);
  expect(eventOutline(events)).toEqual(["step-start@1"]);
  primaryServer.assertDone();
});

/** Two calls in one step: `save_note` finishes at once, `wait_for_approval` blocks until the run is aborted. */
function abortingTools(controller: AbortController) {
  const saved: string[] = [];
  const saveNote = defineTool({
    name: "save_note",
    description: "Saves a note",
    input: z.object({ text: z.string() }),
    execute: ({ text }) => {
      saved.push(text);
      return { saved: true };
    },
  });
  const waitForApproval = defineTool({
    name: "wait_for_approval",
    description: "Waits for a person to approve",
    input: z.object({}),
    execute: (_args, { signal }) => {
      // The person presses stop while this waits (save_note has long finished by then).
      setTimeout(() => controller.abort(new Error("user pressed stop")), 5);
      return new Promise((_resolve, reject) =>
        signal.addEventListener("abort", () => reject(new Error("stopped")), { once: true }),
      );
    },
  });
  return { saved, tools: [saveNote, waitForApproval] };
}

const TWO_CALLS = `${hermesCall("save_note", { text: "buy milk" })}\n${hermesCall("wait_for_approval", {})}`;

it("an abort during a tool ends the run with the aborted error, and no later model call", async () => {
  const server = await ollama({ type: "reply", text: TWO_CALLS });
  const controller = new AbortController();
  const { saved, tools } = abortingTools(controller);
  const { events, result, error } = await drive({
    model: primaryModel(server.origin).model,
    adapter: PRIMARY_ADAPTER,
    tools,
    input: "note and wait",
    signal: controller.signal,
  });
  expect(result).toBeUndefined();
  expect(ToolUseError.is(error, "aborted")).toBe(true);
  expect(saved).toEqual(["buy milk"]);
  expect(server.chatRequests).toHaveLength(1);
  server.assertDone();
  expect(eventOutline(events).slice(0, 3)).toEqual(["step-start@1", "tool-call-end@1", "tool-call-end@1"]);
  expect(events.some((event) => event.type === "step-end")).toBe(false);
});

// A call that finished before the abort had real effects (save_note ran): its result is still
// yielded before the run ends with the aborted error.
it("an abort during a tool still yields the results of the calls that finished", async () => {
  const server = await ollama({ type: "reply", text: TWO_CALLS });
  const controller = new AbortController();
  const { tools } = abortingTools(controller);
  const { events, error } = await drive({
    model: primaryModel(server.origin).model,
    adapter: PRIMARY_ADAPTER,
    tools,
    input: "note and wait",
    signal: controller.signal,
  });
  expect(ToolUseError.is(error, "aborted")).toBe(true);
  expect(eventOutline(events)).toEqual([
    "step-start@1",
    "tool-call-end@1",
    "tool-call-end@1",
    "tool-result@1",
    "tool-error@1",
  ]);
  const results = events.flatMap((event) =>
    event.type === "tool-result" || event.type === "tool-error"
      ? [{ name: event.record.call.name, ok: event.record.ok, errorKind: event.record.errorKind }]
      : [],
  );
  expect(results).toEqual([
    { name: "save_note", ok: true, errorKind: undefined },
    { name: "wait_for_approval", ok: false, errorKind: "aborted" },
  ]);
});
