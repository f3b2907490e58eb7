import { describe, expect, it } from "vitest";
import { closestFormatName, FORMAT_ALIASES, resolveFormatId } from "./format-aliases.ts";
import { FORMAT_IDS, isFormatId } from "./types.ts";

describe("format names from other projects", () => {
  it("resolves every format id and auto to itself", () => {
    for (const id of FORMAT_IDS) expect(resolveFormatId(id)).toBe(id);
    expect(resolveFormatId("auto")).toBe("auto");
  });

  it("maps vLLM, sglang and llama.cpp names, whatever their case, dashes, spaces and dots", () => {
    expect(resolveFormatId("openai")).toBe("gpt_oss");
    expect(resolveFormatId("GPT-OSS")).toBe("gpt_oss");
    expect(resolveFormatId("qwen25")).toBe("hermes");
    expect(resolveFormatId("Hermes 2 Pro")).toBe("hermes");
    expect(resolveFormatId("DeepSeek V3.1")).toBe("deepseek_v31");
    expect(resolveFormatId("deepseekv31")).toBe("deepseek_v31");
    expect(resolveFormatId("granite-20b-fc")).toBe("granite_20b_fc");
    expect(resolveFormatId("GLM 4.5")).toBe("glm4_moe");
    expect(resolveFormatId("Llama 3.x")).toBe("llama3_json");
    expect(resolveFormatId("qwen3_xml")).toBe("qwen3_coder");
  });

  it("maps only to real format ids, and no alias shadows a format id", () => {
    for (const [alias, id] of Object.entries(FORMAT_ALIASES)) {
      expect(isFormatId(id)).toBe(true);
      expect(isFormatId(alias)).toBe(false);
    }
  });

  it("leaves unknown names unresolved and suggests the closest one", () => {
    expect(resolveFormatId("hermez")).toBeUndefined();
    expect(closestFormatName("hermez")).toBe("hermes");
    expect(resolveFormatId("not a format at all")).toBeUndefined();
    expect(closestFormatName("not a format at all")).toBeUndefined();
  });
});
