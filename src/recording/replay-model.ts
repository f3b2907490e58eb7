/**
 * Replay: plays a cassette's interactions back in order, streamed with the recorded chunking.
 * Strict (the default): each request must equal the recorded one (messages and native tools),
 * else a CassetteError "mismatch" says where they part. Loose: the next interaction plays
 * whatever was asked. Asking past the end is a CassetteError "exhausted" either way.
 */
import type { ChatModel, ModelRequest, ModelStreamEvent } from "../model.ts";
import { canonicalJson } from "./canonical-json.ts";
import type { Cassette, Interaction } from "./cassette.ts";
import { CassetteError } from "./cassette-error.ts";
import { readCassette } from "./cassette-file.ts";

export interface ReplayOptions {
  /** Requests must match the recorded ones (default true). */
  readonly strict?: boolean;
}

/** A ChatModel that answers from a cassette. */
export interface ReplayModel extends ChatModel {
  readonly cassette: Cassette;
  /** Interactions not played yet. */
  readonly remaining: number;
}

/** One cursor over a cassette; `model()` gives the primary, `model(tag)` a fallback recorded beside it. */
export class CassettePlayer {
  private next = 0;
  private readonly strict: boolean;

  constructor(
    readonly cassette: Cassette,
    options: ReplayOptions & { path?: string } = {},
  ) {
    this.strict = options.strict ?? true;
    this.path = options.path;
  }

  readonly path: string | undefined;

  get remaining(): number {
    return this.cassette.interactions.length - this.next;
  }

  /** The model that plays the interactions recorded for `tag` (`provider:model`; default the cassette's). */
  model(tag?: string): ReplayModel {
    const player = this;
    const own = `${this.cassette.model.provider}:${this.cassette.model.model}`;
    const [provider, ...rest] = (tag ?? own).split(":");
    return {
      provider: provider ?? "",
      model: rest.join(":"),
      cassette: this.cassette,
      get remaining() {
        return player.remaining;
      },
      async *stream(request: ModelRequest): AsyncIterable<ModelStreamEvent> {
        const interaction = player.take(tag === own ? undefined : tag, request);
        yield* play(interaction, request.signal);
      },
    };
  }

  /** The next interaction for this request (checked in strict mode). */
  private take(tag: string | undefined, request: ModelRequest): Interaction {
    const index = this.next;
    const interaction = this.cassette.interactions[index];
    const where = this.path ?? "the cassette";
    if (!interaction) {
      throw new CassetteError(
        "exhausted",
        `${where} holds ${this.cassette.interactions.length} model call(s) and the run asked for call #${index + 1}`,
        this.errorOptions(),
      );
    }
    if (this.strict) {
      const difference =
        interaction.model === tag
          ? requestDifference(interaction.request, request)
          : `it was answered by ${interaction.model ?? "the cassette's model"}, not ${tag ?? "the cassette's model"}`;
      if (difference) {
        throw new CassetteError(
          "mismatch",
          `model call #${index + 1} does not match ${where}: ${difference}`,
          this.errorOptions(),
        );
      }
    }
    this.next++;
    return interaction;
  }

  private errorOptions(): { path?: string } {
    return this.path === undefined ? {} : { path: this.path };
  }
}

/** A model answering from `source` (a cassette or a cassette file). */
export function replayModel(source: Cassette | string, options: ReplayOptions = {}): ReplayModel {
  if (typeof source === "string") {
    const { cassette } = readCassette(source);
    return new CassettePlayer(cassette, { ...options, path: source }).model();
  }
  return new CassettePlayer(source, options).model();
}

async function* play(
  interaction: Interaction,
  signal: AbortSignal | undefined,
): AsyncIterable<ModelStreamEvent> {
  signal?.throwIfAborted();
  const { response } = interaction;
  if (interaction.error) throw new Error(`recorded provider failure: ${interaction.error.message}`);
  if (response.reasoning) yield { type: "reasoning-delta", text: response.reasoning };
  for (const chunk of response.chunks) {
    await Promise.resolve();
    signal?.throwIfAborted();
    yield { type: "text-delta", text: chunk };
  }
  for (const call of response.toolCalls ?? []) yield { type: "tool-call", call };
  if (response.usage) yield { type: "usage", usage: response.usage };
}

/** Where the sent request differs from the recorded one, in words; undefined when they are equal. */
export function requestDifference(recorded: Interaction["request"], sent: ModelRequest): string | undefined {
  const messages = sent.messages.map((message) => canonicalJson(message));
  const expected = recorded.messages.map((message) => canonicalJson(message));
  for (let index = 0; index < Math.max(messages.length, expected.length); index++) {
    const was = expected[index];
    const now = messages[index];
    if (was === now) continue;
    if (was === undefined)
      return `the run sent ${messages.length} messages, the recording has ${expected.length}`;
    if (now === undefined)
      return `the run sent ${messages.length} messages, the recording has ${expected.length}`;
    return `message ${index + 1} differs: recorded ${excerpt(was, now)}`;
  }
  const sentTools = canonicalJson(sent.tools ?? []);
  const recordedTools = canonicalJson(recorded.tools ?? []);
  if (sentTools !== recordedTools)
    return `the native tools differ: recorded ${excerpt(recordedTools, sentTools)}`;
  return undefined;
}

/** Both strings around their first difference: `…"a": 1… but sent …"a": 2…`. */
function excerpt(was: string, now: string): string {
  let start = 0;
  while (start < was.length && was[start] === now[start]) start++;
  const from = Math.max(0, start - 30);
  const cut = (text: string) =>
    `${from > 0 ? "…" : ""}${text.slice(from, start + 50)}${text.length > start + 50 ? "…" : ""}`;
  return `${cut(was)} but sent ${cut(now)}`;
}
