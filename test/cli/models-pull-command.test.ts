/**
 * `tooluse pull` in-process against the scripted Ollama server: a progress bar on a TTY, plain
 * lines otherwise, JSON Lines with --json, and clear failures (exit 1).
 */
import { existsSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { modelsCommand } from "../../src/cli/models-command.ts";
import { pullCommand } from "../../src/cli/pull-command.ts";
import { ollama } from "../models/model-helpers.ts";
import { closedPortOrigin } from "../servers/script-server.ts";
import { cacheDir, ioWith, noRetriesConfig } from "./models-cli-helpers.ts";

describe("tooluse pull", () => {
  it("prints plain progress lines when stdout is not a TTY", async () => {
    const server = await ollama({ models: ["llama3.2:3b"] });
    const io = ioWith({ OLLAMA_BASE_URL: server.origin });
    expect(await pullCommand(["llama3.2:3b"], io)).toBe(0);
    expect(io.out()).toBe(
      [
        "pulling manifest",
        "pulling aaaaaaaaaaaa 0% 0 B/1.0 KB",
        "pulling aaaaaaaaaaaa 50% 500 B/1.0 KB",
        "pulling aaaaaaaaaaaa 100% 1.0 KB/1.0 KB",
        "verifying sha256 digest",
        "writing manifest",
        "success",
        "pulled llama3.2:3b",
        "",
      ].join("\n"),
    );
    expect(io.err()).toBe("");
  });

  it("redraws one bar line on a TTY", async () => {
    const server = await ollama({ models: ["llama3.2:3b"] });
    const io = ioWith({ OLLAMA_BASE_URL: server.origin }, { stdoutTTY: true });
    expect(await pullCommand(["ollama:llama3.2:3b"], io)).toBe(0);
    const out = io.out();
    expect(out).toContain(
      `\r\x1b[2Kpulling aaaaaaaaaaaa  [${"█".repeat(12)}${"░".repeat(12)}]  50%  500 B/1.0 KB`,
    );
    expect(out).toContain(`\r\x1b[2Kpulling aaaaaaaaaaaa  [${"█".repeat(24)}] 100%  1.0 KB/1.0 KB\n`);
    // The 0% and 50% frames share a line: no newline until the download completes.
    expect(out).not.toContain("  0%  0 B/1.0 KB\n");
    expect(out.endsWith("\r\x1b[2Ksuccess\npulled llama3.2:3b\n")).toBe(true);
  });

  it("prints JSON Lines with --json", async () => {
    const server = await ollama({ models: ["llama3.2:3b"] });
    const io = ioWith({ OLLAMA_BASE_URL: server.origin });
    expect(await pullCommand(["llama3.2:3b", "--json"], io)).toBe(0);
    const events = io
      .out()
      .trim()
      .split("\n")
      .map((line) => JSON.parse(line) as { status: string });
    expect(events).toHaveLength(7);
    expect(events[2]).toEqual({
      type: "pull-progress",
      status: "pulling aaaaaaaaaaaa",
      digest: `sha256:${"a".repeat(64)}`,
      total: 1000,
      completed: 500,
    });
  });

  it("forgets the cached Ollama listing so the new model shows up", async () => {
    const server = await ollama({ models: ["llama3.2:3b"] });
    const env = { OLLAMA_BASE_URL: server.origin };
    expect(await modelsCommand(["--provider", "ollama"], ioWith(env))).toBe(0);
    expect(existsSync(join(cacheDir(), "models.json"))).toBe(true);
    expect(await pullCommand(["llama3.2:3b"], ioWith(env))).toBe(0);
    const after = ioWith(env);
    expect(await modelsCommand(["--provider", "ollama"], after)).toBe(0);
    expect(after.out()).not.toContain("(cached)");
  });

  it("fails clearly: server not running, unknown model, disk full half-way", async () => {
    const refused = await closedPortOrigin();
    const down = ioWith({ OLLAMA_BASE_URL: refused });
    // OLLAMA_HOST works too, as Ollama reads it.
    const downHost = ioWith({ OLLAMA_HOST: refused.replace("http://", "") });
    for (const io of [down, downHost]) {
      expect(await pullCommand(["llama3.2:3b", "--config", noRetriesConfig()], io)).toBe(1);
      expect(io.err()).toMatch(
        /^tooluse: Ollama is not running at http:\/\/127\.0\.0\.1:\d+ \(.*connection refused.*\): start it with `ollama serve` or set OLLAMA_HOST \[provider-unreachable\]\n$/,
      );
    }

    const server = await ollama({ models: ["llama3.2:3b"], pull: { failAfterLines: 3 } });
    const unknown = ioWith({ OLLAMA_BASE_URL: server.origin });
    expect(await pullCommand(["no-such:1b", "--config", noRetriesConfig()], unknown)).toBe(1);
    expect(unknown.err()).toBe(
      'tooluse: the Ollama library has no model "no-such:1b": check the name and tag at https://ollama.com/library [model-not-found]\n',
    );

    const full = ioWith({ OLLAMA_BASE_URL: server.origin }, { stdoutTTY: true });
    expect(await pullCommand(["llama3.2:3b"], full)).toBe(1);
    expect(full.out().endsWith("  50%  500 B/1.0 KB\n")).toBe(true);
    expect(full.err()).toContain("failed at 50% of sha256:");
    expect(full.err()).toContain("the disk is full");
    expect(full.err()).toContain("[pull-failed]");
  });

  it("times out a pull that stops making progress", async () => {
    const server = await ollama({
      models: ["llama3.2:3b"],
      routeSteps: { "POST /api/pull": [{ type: "hang" }] },
    });
    const io = ioWith({ OLLAMA_BASE_URL: server.origin });
    expect(await pullCommand(["llama3.2:3b", "--timeout", "80", "--config", noRetriesConfig()], io)).toBe(1);
    expect(io.err()).toContain("[provider-timeout]");
  });

  it("refuses other providers' specs", async () => {
    await expect(pullCommand(["vllm:Qwen/Qwen2.5-7B-Instruct"], ioWith({}))).rejects.toThrow(
      'only Ollama pulls models; "vllm:Qwen/Qwen2.5-7B-Instruct" names another provider',
    );
  });
});
