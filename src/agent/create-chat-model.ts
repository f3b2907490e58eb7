/**
 * Creates a live ChatModel from a `provider:model` spec through src/providers/create-model.ts,
 * imported lazily: only live runs need a provider (replays never do).
 */
import { ToolUseError } from "../errors.ts";
import type { ChatModel } from "../model.ts";
import { isChatModel } from "./define-agent.ts";

const CREATE_MODEL_MODULE = new URL("../providers/create-model.ts", import.meta.url).href;

export async function createChatModel(spec: string): Promise<ChatModel> {
  let loaded: unknown;
  try {
    loaded = await import(CREATE_MODEL_MODULE);
  } catch (error) {
    throw new ToolUseError(
      "invalid-input",
      `cannot create the live model ${spec}: the providers module did not load (${(error as Error).message}); use --replay with a cassette to run offline`,
      { cause: error },
    );
  }
  const create = (loaded as { createModel?: unknown }).createModel;
  if (typeof create !== "function")
    throw new ToolUseError("invalid-input", "src/providers/create-model.ts does not export createModel()");
  const model: unknown = await (create as (spec: string) => unknown)(spec);
  if (!isChatModel(model))
    throw new ToolUseError("invalid-input", `createModel("${spec}") did not return a ChatModel`);
  return model;
}
