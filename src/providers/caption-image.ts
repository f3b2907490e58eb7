/**
 * `captionImage("ollama:qwen2.5vl:7b", "photo.jpg")`: a caption from a vision model behind the
 * same provider spec, settings and request policy (retries, timeout, typed errors, no key in
 * messages) as chat models.
 *
 * The image goes as LangChain multimodal content, an `image_url` part and then the prompt's
 * `text` part in one human message. On the wire, ChatOllama sends them as two user messages (the
 * first with the image in Ollama's `images` field as bare base64, the second with the prompt);
 * ChatOpenAI sends one user message whose `content` is `[{type: "image_url", image_url: {url:
 * "data:..."}}, {type: "text", text}]`.
 */
import { type BaseMessage, HumanMessage } from "@langchain/core/messages";
import { ToolUseError } from "../errors.ts";
import { DEFAULT_MAX_IMAGE_BYTES, loadImage } from "./caption-image-source.ts";
import type { CreateModelOptions } from "./create-model.ts";
import { type ModelSpec, parseModelSpec } from "./model-spec.ts";
import { chatClient } from "./provider-clients.ts";
import { resolveProviderSettings } from "./provider-config.ts";
import { modelRequestOptions, sendProviderRequest } from "./provider-request.ts";

export interface CaptionOptions extends CreateModelOptions {
  /** What to ask about the image (default DEFAULT_CAPTION_PROMPT). */
  readonly prompt?: string;
  /** The largest image accepted, in bytes (default 20 MiB). */
  readonly maxImageBytes?: number;
  readonly signal?: AbortSignal;
}

export const DEFAULT_CAPTION_PROMPT = "Describe this image in one or two sentences.";

/** The model's caption (trimmed); throws ToolUseError for a bad image, a provider failure, or an empty answer. */
export async function captionImage(
  spec: string | ModelSpec,
  image: string,
  options: CaptionOptions = {},
): Promise<string> {
  const { provider, model } = typeof spec === "string" ? parseModelSpec(spec) : spec;
  const settings = resolveProviderSettings(provider, options);
  const prompt = options.prompt ?? DEFAULT_CAPTION_PROMPT;
  if (prompt.trim().length === 0) throw new ToolUseError("invalid-input", "the caption prompt is empty");
  const data = await loadImage(image, options.maxImageBytes ?? DEFAULT_MAX_IMAGE_BYTES);
  const message = new HumanMessage({
    content: [
      { type: "image_url", image_url: { url: data.dataUrl } },
      { type: "text", text: prompt },
    ],
  });
  const answer = await sendProviderRequest(modelRequestOptions(settings, model, options), ({ fetch }) =>
    chatClient(model, settings, fetch).invoke([message]),
  );
  const caption = messageText(answer).trim();
  if (caption.length === 0)
    throw new ToolUseError("provider-error", `${provider}:${model} returned an empty caption`);
  return caption;
}

/** The text of an answer: string content, or the text parts of a content array. */
function messageText(message: BaseMessage): string {
  const { content } = message;
  if (typeof content === "string") return content;
  return content
    .map((part) => (part.type === "text" && typeof part.text === "string" ? part.text : ""))
    .join("");
}
