/**
 * Validating and running the calls of one step: arguments checked with the tool's zod schema,
 * each call run with a timeout and the run's AbortSignal, all calls of a step in parallel.
 */
import type { ToolCall } from "../parser/types.ts";
import type { Tool } from "../tools/define-tool.ts";

export type CallCheck =
  | { readonly ok: true; readonly call: ToolCall; readonly tool: Tool; readonly args: unknown }
  | {
      readonly ok: false;
      readonly call: ToolCall;
      readonly kind: "unknown-tool" | "invalid-arguments";
      readonly message: string;
    };

export function checkCall(
  call: ToolCall,
  tools: ReadonlyMap<string, Tool>,
  suggest: (name: string) => string | undefined,
): CallCheck {
  const tool = tools.get(call.name);
  if (!tool) {
    const suggestion = suggest(call.name);
    return {
      ok: false,
      call,
      kind: "unknown-tool",
      message: `there is no tool named "${call.name}"${suggestion ? `; did you mean "${suggestion}"?` : ""} Available tools: ${[...tools.keys()].join(", ")}.`,
    };
  }
  const parsed = tool.input.safeParse(call.arguments);
  if (!parsed.success) {
    const issues = parsed.error.issues.map(
      (issue) => `${issue.path.length > 0 ? issue.path.join(".") : "(arguments)"}: ${issue.message}`,
    );
    return {
      ok: false,
      call,
      kind: "invalid-arguments",
      message: `invalid arguments for ${call.name}: ${issues.join("; ")}`,
    };
  }
  return { ok: true, call, tool, args: parsed.data };
}

export type CallOutcome =
  | {
      readonly ok: true;
      readonly call: ToolCall;
      readonly result: unknown;
      readonly text: string;
      readonly durationMs: number;
    }
  | {
      readonly ok: false;
      readonly call: ToolCall;
      readonly kind: "tool-error" | "timeout" | "aborted";
      readonly error: string;
      readonly durationMs: number;
    };

export interface RunOptions {
  readonly timeoutMs: number;
  readonly signal: AbortSignal;
  readonly now: () => number;
}

/** Runs one validated call; never throws (a throwing tool becomes an error outcome). */
export async function runCall(
  check: Extract<CallCheck, { ok: true }>,
  options: RunOptions,
): Promise<CallOutcome> {
  const { call, tool } = check;
  const timeoutMs = tool.timeoutMs ?? options.timeoutMs;
  const controller = new AbortController();
  const started = options.now();
  let timer: ReturnType<typeof setTimeout> | undefined;
  const onAbort = () => controller.abort(options.signal.reason);
  options.signal.addEventListener("abort", onAbort, { once: true });
  const timeout = new Promise<"timeout">((resolve) => {
    timer = setTimeout(() => resolve("timeout"), timeoutMs);
  });
  const aborted = new Promise<"aborted">((resolve) => {
    if (options.signal.aborted) resolve("aborted");
    controller.signal.addEventListener("abort", () => resolve("aborted"), { once: true });
  });
  try {
    const work = Promise.resolve().then(() =>
      tool.execute(check.args, { signal: controller.signal, callId: call.id }),
    );
    const winner = await Promise.race([work.then((result) => ({ result })), timeout, aborted]);
    const durationMs = options.now() - started;
    if (winner === "timeout") {
      controller.abort(new Error("timeout"));
      work.catch(() => undefined);
      return {
        ok: false,
        call,
        kind: "timeout",
        error: `${call.name} did not finish within ${timeoutMs} ms`,
        durationMs,
      };
    }
    if (winner === "aborted") {
      work.catch(() => undefined);
      return { ok: false, call, kind: "aborted", error: `${call.name} was aborted`, durationMs };
    }
    return { ok: true, call, result: winner.result, text: resultText(winner.result), durationMs };
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    return {
      ok: false,
      call,
      kind: "tool-error",
      error: `${call.name} failed: ${message}`,
      durationMs: options.now() - started,
    };
  } finally {
    clearTimeout(timer);
    options.signal.removeEventListener("abort", onAbort);
  }
}

/** A tool result as the model reads it: strings as they are, anything else as JSON. */
export function resultText(result: unknown): string {
  if (typeof result === "string") return result;
  if (result === undefined) return "null";
  try {
    return JSON.stringify(result);
  } catch {
    return String(result);
  }
}
