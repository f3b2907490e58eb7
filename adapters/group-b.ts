/**
 * Group b's adapters, in registry order (a family's default variant before its alternatives).
 */
import { commandR7bAdapter } from "./command-r7b.ts";
import { deepSeekR1Adapter } from "./deepseek-r1.ts";
import { deepSeekV31Adapter, deepSeekV31ThinkingAdapter } from "./deepseek-v3.1.ts";
import { firefunctionV2Adapter } from "./firefunction-v2.ts";
import { functionaryV32Adapter } from "./functionary-v3.2.ts";
import { functionGemmaAdapter } from "./functiongemma.ts";
import { gemma2Adapter } from "./gemma2.ts";
import { glm46Adapter } from "./glm-4.6.ts";
import { gptOssAdapter } from "./gpt-oss.ts";
import { graniteAdapter } from "./granite.ts";
import { hermesAdapter } from "./hermes.ts";
import { kimiK2Adapter } from "./kimi-k2.ts";
import type { ModelAdapter } from "./model-adapter.ts";
import { phi35Adapter } from "./phi3.5.ts";

export const GROUP_B_ADAPTERS: readonly ModelAdapter[] = [
  deepSeekR1Adapter,
  deepSeekV31Adapter,
  deepSeekV31ThinkingAdapter,
  gptOssAdapter,
  graniteAdapter,
  // FunctionGemma before Gemma 2: "functiongemma" tags must not fall to the plain Gemma adapter.
  functionGemmaAdapter,
  gemma2Adapter,
  kimiK2Adapter,
  glm46Adapter,
  functionaryV32Adapter,
  firefunctionV2Adapter,
  commandR7bAdapter,
  hermesAdapter,
  phi35Adapter,
];
