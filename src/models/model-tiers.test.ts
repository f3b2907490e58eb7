import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { ToolUseError } from "../errors.ts";
import { loadTiers, parseTiers } from "./model-tiers.ts";

describe("model tiers config", () => {
  it("accepts any non-empty subset of fast, balanced, complex", () => {
    expect(
      parseTiers({ fast: "ollama:qwen2.5-coder:1.5b", complex: "vllm:Qwen/Qwen2.5-72B-Instruct" }),
    ).toEqual({
      fast: "ollama:qwen2.5-coder:1.5b",
      complex: "vllm:Qwen/Qwen2.5-72B-Instruct",
    });
  });

  it("names every bad field", () => {
    const error = (() => {
      try {
        parseTiers({ fast: "qwen2.5", balanced: 7, huge: "ollama:x" });
      } catch (caught) {
        return caught;
      }
    })();
    expect(ToolUseError.is(error, "invalid-config")).toBe(true);
    expect((error as Error).message).toBe(
      'invalid tooluse.config.json: tiers.fast: model spec "qwen2.5" must be provider:model, e.g. ollama:qwen2.5-coder:7b (providers: ollama, vllm, openai-compatible, openai, huggingface); ' +
        "tiers.balanced: Invalid input: expected string, received number; " +
        'tiers: Unrecognized key: "huge" (huge; tiers are fast, balanced, complex)',
    );
    expect(() => parseTiers({})).toThrow("tiers: configure at least one of fast, balanced, complex");
    expect(() => parseTiers({ fast: "nope:model" })).toThrow('tiers.fast: unknown provider "nope"');
  });

  it("loads the tiers section of a config file next to the providers section", () => {
    const folder = mkdtempSync(join(tmpdir(), "tooluse-tiers-"));
    try {
      const path = join(folder, "tooluse.config.json");
      writeFileSync(
        path,
        JSON.stringify({
          providers: { ollama: { baseUrl: "http://gpu:11434" } },
          tiers: { balanced: "ollama:a:1b" },
        }),
      );
      expect(loadTiers(path)).toEqual({ balanced: "ollama:a:1b" });
      writeFileSync(path, JSON.stringify({ tiers: { fast: "ollama" } }));
      expect(() => loadTiers(path)).toThrow(
        `invalid ${path}: tiers.fast: model spec "ollama" must be provider:model`,
      );
      expect(loadTiers({ providers: {} })).toBeUndefined();
      expect(loadTiers(false)).toBeUndefined();
    } finally {
      rmSync(folder, { recursive: true, force: true });
    }
  });
});
