/**
 * How `tooluse run` and `tooluse chat` show a run as it happens: the answer streamed as text,
 * tool calls and results on compact lines, repairs and fallbacks called out, and a summary.
 */
import type { AgentEvent, AgentResult } from "../executor/agent-events.ts";
import type { OutputStream } from "./command-io.ts";

export interface TranscriptOptions {
  /** Dim the decoration lines (a TTY without NO_COLOR). */
  readonly color: boolean;
}

const MAX_SHOWN = 160;

export class RunTranscript {
  private atLineStart = true;
  private reasoning = "";
  /** Whitespace between blocks (e.g. the newline between two calls), written only if text follows. */
  private pendingSpace = "";

  constructor(
    private readonly out: OutputStream,
    private readonly options: TranscriptOptions,
  ) {}

  /** Shows one event. */
  show(event: AgentEvent): void {
    switch (event.type) {
      case "text-delta":
        this.flushReasoning();
        this.text(event.text);
        return;
      case "reasoning-delta":
        this.reasoning += event.text;
        return;
      case "retract":
        this.line(`(the ${event.text.length} characters above were reasoning, not the answer)`);
        return;
      case "tool-call-end":
        this.flushReasoning();
        this.line(`→ ${event.call.name} ${shorten(JSON.stringify(event.call.arguments))}`);
        return;
      case "tool-result":
        this.line(`  ← ${shorten(event.record.output)}`);
        return;
      case "tool-error":
        this.line(
          `  ✗ ${event.record.call.name} (${event.record.errorKind ?? "error"}): ${shorten(event.record.output)}`,
        );
        return;
      case "repair":
        this.line(`↻ repair ${event.attempt} in step ${event.step}: ${shorten(event.reasons.join("; "))}`);
        return;
      case "fallback":
        this.line(
          `⇄ fallback in step ${event.step}: ${event.record.from} → ${event.record.to} (${shorten(event.record.reason)})`,
        );
        return;
      case "step-end":
        this.flushReasoning();
        return;
      default:
        return;
    }
  }

  /** A note line (dimmed on a TTY). */
  note(text: string): void {
    this.line(text);
  }

  /** The closing summary. */
  summary(result: AgentResult): void {
    this.line(summaryLine(result));
  }

  private flushReasoning(): void {
    if (this.reasoning.trim().length === 0) return;
    this.line(`(thinking) ${shorten(this.reasoning.trim())}`);
    this.reasoning = "";
  }

  private text(text: string): void {
    if (text.trim().length === 0) {
      this.pendingSpace += text;
      return;
    }
    const shown = this.atLineStart
      ? `${this.pendingSpace}${text}`.trimStart()
      : `${this.pendingSpace}${text}`;
    this.pendingSpace = "";
    this.out.write(shown);
    this.atLineStart = shown.endsWith("\n");
  }

  private line(text: string): void {
    this.pendingSpace = "";
    if (!this.atLineStart) this.out.write("\n");
    this.out.write(this.options.color ? `\u001b[2m${text}\u001b[22m\n` : `${text}\n`);
    this.atLineStart = true;
  }
}

export function summaryLine(result: AgentResult): string {
  const { usage } = result;
  const parts = [
    `${result.steps.length} step(s)`,
    `${result.toolCalls.length} tool call(s)`,
    `${result.repairs} repair(s)`,
    `${result.fallbacks.length} fallback(s)`,
    `${usage.inputTokens} input + ${usage.outputTokens} output tokens${usage.estimated ? " (estimated)" : ""}`,
  ];
  return `── ${parts.join(" · ")} · finished: ${result.finishReason}`;
}

function shorten(text: string): string {
  const flat = text.replace(/\s+/g, " ").trim();
  return flat.length > MAX_SHOWN ? `${flat.slice(0, MAX_SHOWN - 1)}…` : flat;
}
