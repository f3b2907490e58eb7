/**
 * Cassettes: recorded model traffic (requests, raw streamed output, usage, timing) kept as JSON
 * under fixtures/, replayed deterministically, and re-parsed by `tooluse eval`. Secrets never
 * reach a cassette: requests hold messages and tools only, never headers or keys.
 */
import { z } from "zod";

const ToolCallSchema = z.object({
  id: z.string(),
  name: z.string(),
  arguments: z.record(z.string(), z.unknown()),
});
const UsageSchema = z.object({ inputTokens: z.number(), outputTokens: z.number(), estimated: z.boolean() });
const MessageSchema = z
  .object({ role: z.enum(["system", "user", "assistant", "tool"]), content: z.string() })
  .loose();
const ToolSpecSchema = z.object({
  name: z.string(),
  description: z.string().optional(),
  parameters: z.record(z.string(), z.unknown()).optional(),
});

export const ExpectedSchema = z.object({
  format: z.string().nullable(),
  toolCalls: z.array(z.object({ name: z.string(), arguments: z.record(z.string(), z.unknown()) })),
});

export const InteractionSchema = z.object({
  /** `provider:model` of the model that answered, when it is not the cassette's model (a fallback). */
  model: z.string().optional(),
  request: z.object({ messages: z.array(MessageSchema), tools: z.array(ToolSpecSchema).optional() }),
  response: z.object({
    /** The raw text exactly as streamed, chunk by chunk (join for the whole output). */
    chunks: z.array(z.string()),
    /** Reasoning the server returned separately (Ollama `thinking`, vLLM `reasoning_content`). */
    reasoning: z.string().optional(),
    /** Calls the server returned through its native tools API. */
    toolCalls: z.array(ToolCallSchema).optional(),
    usage: UsageSchema.optional(),
  }),
  /** A provider failure instead of a response. */
  error: z.object({ message: z.string() }).optional(),
  durationMs: z.number().optional(),
  /** What the parser read from the output when it was recorded (or accepted with eval --update). */
  expected: ExpectedSchema.optional(),
});

export const CassetteSchema = z.object({
  version: z.literal(1),
  /** Written by hand in the exact text a model of the family emits, not recorded from a live server. */
  scripted: z.boolean().default(false),
  note: z.string().optional(),
  model: z.object({
    provider: z.string(),
    model: z.string(),
    adapter: z.string().optional(),
    format: z.string().optional(),
  }),
  recordedAt: z.string().optional(),
  /**
   * The tools the parser was given at record time. In text mode they reach the model inside the
   * system prompt, not in `request.tools`, so eval needs them here to re-parse the same way.
   */
  tools: z.array(ToolSpecSchema).optional(),
  interactions: z.array(InteractionSchema),
});

export type Cassette = z.infer<typeof CassetteSchema>;
export type Interaction = z.infer<typeof InteractionSchema>;
export type Expected = z.infer<typeof ExpectedSchema>;
