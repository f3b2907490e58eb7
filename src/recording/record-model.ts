/**
 * The recorder: wraps any ChatModel and appends every call (request messages and tools, the raw
 * chunks exactly as streamed, reasoning, native calls, usage, duration, and what the parser read
 * as `expected`) to a cassette file, rewritten after each call. Only messages and tools are
 * recorded from a request, never options, headers or keys; error messages are redacted.
 */
import type { ModelAdapter } from "../../adapters/model-adapter.ts";
import { resolveAdapter } from "../../adapters/registry.ts";
import type { ChatModel, ModelRequest, ModelStreamEvent, Usage } from "../model.ts";
import type { ToolCall, ToolSpec } from "../parser/types.ts";
import type { Cassette, Interaction } from "./cassette.ts";
import { writeCassetteFile } from "./cassette-file.ts";
import { adapterParser, toExpected } from "./parse-recorded-output.ts";
import { redactSecrets } from "./redact-secrets.ts";

export interface RecordOptions {
  /** The cassette file (created or replaced). */
  readonly path: string;
  /** Milliseconds, for `durationMs` (default performance.now). */
  readonly clock?: () => number;
  /** The recording's date, for `recordedAt` (default now). */
  readonly recordedAt?: Date;
  /** The adapter that parses the outputs (default: the registry's for the model). */
  readonly adapter?: ModelAdapter;
  /** The run's tools, so `expected` and eval parse with them (text mode sends them in the prompt). */
  readonly tools?: readonly ToolSpec[];
  readonly note?: string;
  /** Hand-written responses (the scripted-cassette writer sets this). */
  readonly scripted?: boolean;
}

/** Records one or more models (a primary and its fallback) into one cassette, in call order. */
export class CassetteRecorder {
  readonly cassette: Cassette;
  private readonly clock: () => number;
  private readonly adapter: ModelAdapter;

  constructor(
    primary: Pick<ChatModel, "provider" | "model">,
    private readonly options: RecordOptions,
  ) {
    this.clock = options.clock ?? (() => performance.now());
    this.adapter = options.adapter ?? resolveAdapter(primary.model);
    this.cassette = {
      version: 1,
      scripted: options.scripted ?? false,
      ...(options.note === undefined ? {} : { note: options.note }),
      model: {
        provider: primary.provider,
        model: primary.model,
        adapter: this.adapter.id,
        format: this.adapter.format,
      },
      recordedAt: (options.recordedAt ?? new Date()).toISOString(),
      ...(options.tools === undefined ? {} : { tools: options.tools.map(plainToolSpec) }),
      interactions: [],
    };
    this.flush();
  }

  /** The model, recording every call into this cassette. */
  wrap(model: ChatModel): ChatModel {
    const tag =
      model.provider === this.cassette.model.provider && model.model === this.cassette.model.model
        ? undefined
        : `${model.provider}:${model.model}`;
    const parse = adapterParser(tag === undefined ? this.adapter : resolveAdapter(tag));
    const recorder = this;
    return {
      provider: model.provider,
      model: model.model,
      async *stream(request: ModelRequest): AsyncIterable<ModelStreamEvent> {
        const started = recorder.clock();
        const chunks: string[] = [];
        let reasoning = "";
        const toolCalls: ToolCall[] = [];
        let usage: Usage | undefined;
        let failure: unknown;
        try {
          for await (const event of model.stream(request)) {
            if (event.type === "text-delta") chunks.push(event.text);
            else if (event.type === "reasoning-delta") reasoning += event.text;
            else if (event.type === "tool-call") toolCalls.push(event.call);
            else usage = event.usage;
            yield event;
          }
        } catch (error) {
          failure = error;
          throw error;
        } finally {
          const tools = recorder.options.tools ?? request.tools ?? [];
          recorder.append({
            ...(tag === undefined ? {} : { model: tag }),
            request: plainRequest(request),
            response: {
              chunks,
              ...(reasoning ? { reasoning } : {}),
              ...(toolCalls.length > 0 ? { toolCalls: toolCalls.map((call) => plain(call)) } : {}),
              ...(usage ? { usage: { ...usage } } : {}),
            },
            ...(failure === undefined ? {} : { error: { message: redactSecrets(errorMessage(failure)) } }),
            durationMs: Math.max(0, Math.round(recorder.clock() - started)),
            ...(failure === undefined ? { expected: toExpected(parse(chunks.join(""), tools)) } : {}),
          });
        }
      },
    };
  }

  private append(interaction: Interaction): void {
    this.cassette.interactions.push(interaction);
    this.flush();
  }

  private flush(): void {
    writeCassetteFile(this.options.path, this.cassette);
  }
}

/** Wraps `model` so every call is appended to the cassette at `options.path`. */
export function recordModel(model: ChatModel, options: RecordOptions): ChatModel {
  return new CassetteRecorder(model, options).wrap(model);
}

/** Messages and tools only: the signal (and anything else a request may carry) stays out. */
function plainRequest(request: ModelRequest): Interaction["request"] {
  return {
    messages: request.messages.map((message) =>
      plain<Interaction["request"]["messages"][number]>({ ...message }),
    ),
    ...(request.tools ? { tools: request.tools.map(plainToolSpec) } : {}),
  };
}

function plainToolSpec(tool: ToolSpec): ToolSpec & { parameters?: Record<string, unknown> } {
  return {
    name: tool.name,
    ...(tool.description === undefined ? {} : { description: tool.description }),
    ...(tool.parameters === undefined ? {} : { parameters: plain(tool.parameters) }),
  };
}

/** A JSON round trip: drops undefined fields and class instances, as the file will. */
function plain<T>(value: T): T {
  return JSON.parse(JSON.stringify(value)) as T;
}

function errorMessage(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
