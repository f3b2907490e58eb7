import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { ToolUseError } from "../errors.ts";
import { loadConfigFile, ollamaHostUrl, parseConfig, resolveProviderSettings } from "./provider-config.ts";

const dir = mkdtempSync(join(tmpdir(), "tooluse-config-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function writeConfig(name: string, contents: string): string {
  const path = join(dir, name);
  writeFileSync(path, contents);
  return path;
}

function thrown(action: () => unknown): ToolUseError {
  try {
    action();
  } catch (error) {
    if (ToolUseError.is(error)) return error;
    throw error;
  }
  throw new Error("expected a ToolUseError");
}

describe("config file", () => {
  it("names the field that is wrong", () => {
    const path = writeConfig("bad-field.json", JSON.stringify({ providers: { ollama: { timeoutMs: -5 } } }));
    const error = thrown(() => loadConfigFile(path));
    expect(error.code).toBe("invalid-config");
    expect(error.message).toMatch(/^invalid .*bad-field\.json: providers\.ollama\.timeoutMs: /);
  });

  it("names unknown keys (a typo is not silently ignored)", () => {
    const error = thrown(() => parseConfig({ providers: { ollama: { baseURL: "http://x:1" } } }));
    expect(error.code).toBe("invalid-config");
    expect(error.message).toContain("providers.ollama");
    expect(error.message).toContain("baseURL");
  });

  it("rejects an unknown provider and a base URL that is not http(s)", () => {
    expect(thrown(() => parseConfig({ providers: { olama: {} } })).message).toContain("olama");
    expect(thrown(() => parseConfig({ providers: { vllm: { baseUrl: "ftp://x" } } })).message).toContain(
      "providers.vllm.baseUrl",
    );
  });

  it("reports invalid JSON and unreadable files with their own codes", () => {
    const path = writeConfig("broken.json", "{ providers: ");
    expect(thrown(() => loadConfigFile(path)).code).toBe("invalid-config");
    expect(thrown(() => loadConfigFile(join(dir, "missing.json"))).code).toBe("file-not-readable");
  });

  it("leaves other top-level sections to the rest of tooluse", () => {
    expect(parseConfig({ defaultModel: "ollama:x", providers: {} })).toMatchObject({
      defaultModel: "ollama:x",
    });
  });
});

describe("precedence: code options, then environment, then file, then defaults", () => {
  const file = writeConfig(
    "layers.json",
    JSON.stringify({
      providers: {
        ollama: { baseUrl: "http://file-host:11434", timeoutMs: 9000, maxRetries: 5 },
        openai: { apiKeyEnv: "MY_OPENAI_KEY", headers: { "x-team": "a" } },
      },
    }),
  );

  it("uses the file when neither code nor environment say otherwise", () => {
    const settings = resolveProviderSettings("ollama", { config: file, env: {} });
    expect(settings).toMatchObject({ baseUrl: "http://file-host:11434", timeoutMs: 9000, maxRetries: 5 });
  });

  it("environment beats the file, code beats both", () => {
    const env = { OLLAMA_BASE_URL: "http://env-host:1234" };
    expect(resolveProviderSettings("ollama", { config: file, env }).baseUrl).toBe("http://env-host:1234");
    expect(
      resolveProviderSettings("ollama", { config: file, env, baseUrl: "http://code:1", timeoutMs: 5 }),
    ).toMatchObject({ baseUrl: "http://code:1", timeoutMs: 5, maxRetries: 5 });
  });

  it("OLLAMA_BASE_URL beats OLLAMA_HOST, which is read the way Ollama reads it", () => {
    expect(
      resolveProviderSettings("ollama", { config: false, env: { OLLAMA_HOST: "0.0.0.0" } }).baseUrl,
    ).toBe("http://127.0.0.1:11434");
    expect(
      resolveProviderSettings("ollama", {
        config: false,
        env: { OLLAMA_HOST: "gpu:9999", OLLAMA_BASE_URL: "http://other:1" },
      }).baseUrl,
    ).toBe("http://other:1");
  });

  it("reads the key from the variable the file names, falling back to the standard one", () => {
    const named = resolveProviderSettings("openai", {
      config: file,
      env: { MY_OPENAI_KEY: "k1", OPENAI_API_KEY: "k2" },
    });
    expect(named.apiKey).toBe("k1");
    expect(named.headers).toEqual({ "x-team": "a" });
    expect(resolveProviderSettings("openai", { config: file, env: { OPENAI_API_KEY: "k2" } }).apiKey).toBe(
      "k2",
    );
    expect(resolveProviderSettings("openai", { config: file, env: {}, apiKey: "k3" }).apiKey).toBe("k3");
    expect(resolveProviderSettings("openai", { config: file, env: {} }).apiKey).toBeUndefined();
  });

  it("vLLM and OpenAI-compatible servers get EMPTY unless VLLM_API_KEY is set", () => {
    expect(resolveProviderSettings("vllm", { config: false, env: {} })).toMatchObject({
      apiKey: "EMPTY",
      baseUrl: "http://127.0.0.1:8000/v1",
    });
    expect(resolveProviderSettings("vllm", { config: false, env: { VLLM_API_KEY: "v" } }).apiKey).toBe("v");
  });

  it("openai-compatible without a base URL is a config error naming where to set one", () => {
    const error = thrown(() => resolveProviderSettings("openai-compatible", { config: false, env: {} }));
    expect(error.code).toBe("invalid-config");
    expect(error.message).toContain("OPENAI_BASE_URL");
  });

  it("rejects a malformed base URL from the environment", () => {
    const error = thrown(() =>
      resolveProviderSettings("vllm", { config: false, env: { VLLM_BASE_URL: "not a url" } }),
    );
    expect(error.code).toBe("invalid-config");
  });
});

describe("ollamaHostUrl", () => {
  it.each([
    ["127.0.0.1", "http://127.0.0.1:11434"],
    ["0.0.0.0:8080", "http://127.0.0.1:8080"],
    ["https://ollama.example.com", "https://ollama.example.com"],
    ["http://box:80", "http://box"],
  ])("%s -> %s", (host, url) => {
    expect(ollamaHostUrl(host)).toBe(url);
  });
});
