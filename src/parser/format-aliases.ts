/**
 * Format names as other projects spell them: vLLM's `--tool-call-parser` names, sglang's
 * detector names and llama.cpp's chat-format names, each mapped to the tooluse format that reads
 * the same wire format. Names are compared case-insensitively, with spaces and dashes read as
 * underscores and dots dropped ("GPT-OSS", "DeepSeek V3.1", "granite-20b-fc" all resolve).
 */
import { ToolUseError } from "../errors.ts";
import { editDistance } from "./tool-index.ts";
import { FORMAT_IDS, type FormatId, isFormatId } from "./types.ts";

/** Other projects' names (normalized) for tooluse formats. */
export const FORMAT_ALIASES: Readonly<Record<string, FormatId>> = {
  // vLLM --tool-call-parser
  openai: "gpt_oss",
  harmony: "gpt_oss",
  glm45: "glm4_moe",
  glm46: "glm4_moe",
  minimax: "minimax_m1",
  qwen3_xml: "qwen3_coder",
  phi4_mini_json: "phi4_mini",
  llama4_json: "llama3_json",
  granite4: "hermes",
  ernie45: "hermes",
  minicpm5: "minicpm",
  granite_pythonic: "pythonic",
  // sglang detectors
  qwen: "hermes",
  qwen25: "hermes",
  qwen3: "hermes",
  qwen2_5: "hermes",
  llama3: "llama3_json",
  deepseekv3: "deepseek_v3",
  deepseekv31: "deepseek_v31",
  deepseekv32: "deepseek_v32",
  glm: "glm4_moe",
  kimik2: "kimi_k2",
  // llama.cpp chat formats
  hermes_2_pro: "hermes",
  llama_3x: "llama3_json",
  llama_3x_with_builtin_tools: "llama3_builtin",
  mistral_nemo: "mistral",
  magistral: "mistral_args",
  firefunction: "firefunction_v2",
  functionary_v31_llama_31: "functionary_v3_1",
  functionary_v32: "functionary_v3_2",
  glm_45: "glm4_moe",
  generic: "generic_json",
  qwen3_coder_xml: "qwen3_coder",
  lfm2_with_json_tools: "lfm2_json",
  // ollama parser and template names
  command_r_plus: "command_r",
  commandr: "command_r",
  // LM Studio's own convention
  lm_studio: "lmstudio",
  tool_request: "lmstudio",
  // GLM-4-9B-chat / GLM-4-0414's name-and-JSON output
  glm4_0414: "glm4",
  glm_4_0414: "glm4",
  glm_z1: "glm4",
  // Servers' names for parsers of a wire format above (sglang detectors, vLLM parsers, ollama
  // parsers), each checked against the parser's source or tests
  apertus2509: "apertus",
  apertus15: "apertus",
  berrylm: "qwen3_coder",
  bailing: "glm47",
  cogito: "deepseek_v3",
  cohere_command4: "command_r7b",
  deepseekv4: "deepseek_v4",
  deepseekv41: "deepseek_v4",
  deepseek_v41: "deepseek_v4",
  hunyuan: "hy_v3",
  hyperclovax_seed_think: "glm4_moe",
  intern_s1: "internlm",
  interns1: "internlm",
  iquest_coder: "qwen3_coder",
  iquest_q1: "iquest_coder_v2",
  k2_v3: "k2_horizon",
  mimo: "qwen3_coder",
  mimov2_flash: "qwen3_coder",
  ministral: "mistral_args",
  minimax_m2_sanitized: "minimax_m2",
  nemotron3nano: "qwen3_coder",
  nemotron_json: "nemotron_v2",
  nemotron_nano_v2: "nemotron_v2",
  openpangu_v2: "lfm2_json",
  pangu: "lfm2_json",
  poolside_v1: "glm47",
  qwen25_coder: "hermes",
  qwen2_5_coder: "hermes",
  qwen35: "qwen3_coder",
  spark25: "glm47",
  spark3: "glm47",
  step3p5: "qwen3_coder",
  trinity: "hermes",
  // New formats' other names
  muse: "muse_glimmer",
  glimmer: "muse_glimmer",
  atem: "muse_glimmer",
  glm5_3_flash: "glm53_flash",
  glm53: "glm53_flash",
  glm_53_flash: "glm53_flash",
};

function normalize(name: string): string {
  return name
    .trim()
    .toLowerCase()
    .replace(/[\s-]+/g, "_")
    .replace(/\./g, "");
}

/** The tooluse format (or "auto") a name refers to: a format id or a known alias; else undefined. */
export function resolveFormatId(name: string): FormatId | "auto" | undefined {
  if (name === "auto" || isFormatId(name)) return name;
  const key = normalize(name);
  if (key === "auto") return "auto";
  if (isFormatId(key)) return key;
  return FORMAT_ALIASES[key];
}

/** The format id or alias closest to an unknown name, for "did you mean" messages. */
export function closestFormatName(name: string): string | undefined {
  const key = normalize(name);
  let best: string | undefined;
  let bestDistance = Number.POSITIVE_INFINITY;
  const limit = Math.max(2, Math.floor(key.length / 3));
  for (const candidate of [...FORMAT_IDS, ...Object.keys(FORMAT_ALIASES)]) {
    const distance = editDistance(key, candidate, limit);
    if (distance < bestDistance) {
      bestDistance = distance;
      best = candidate;
    }
  }
  return bestDistance <= limit ? best : undefined;
}

/**
 * The format a caller asked for: undefined is "auto"; a format id, "auto" or another project's
 * name for a format resolves; anything else is a ToolUseError ("unknown-format", with the
 * closest name, or "invalid-input" for a non-string).
 */
export function checkFormat(format: unknown): FormatId | "auto" {
  if (format === undefined) return "auto";
  if (typeof format !== "string") {
    throw new ToolUseError(
      "invalid-input",
      `format must be a string, got ${format === null ? "null" : typeof format}`,
    );
  }
  const resolved = resolveFormatId(format);
  if (resolved === undefined) {
    const closest = closestFormatName(format);
    throw new ToolUseError(
      "unknown-format",
      `unknown format "${format}"${closest ? ` (did you mean "${closest}"?)` : ""}; see \`tooluse formats\` for the list`,
    );
  }
  return resolved;
}
