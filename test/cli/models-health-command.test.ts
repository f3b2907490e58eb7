/**
 * `tooluse health` in-process against the scripted servers: a table or JSON, exit 0 only when
 * every configured provider is healthy.
 */
import { describe, expect, it } from "vitest";
import { healthCommand } from "../../src/cli/health-command.ts";
import { ollama, vllm } from "../models/model-helpers.ts";
import { closedPortOrigin } from "../servers/script-server.ts";
import { ioWith } from "./models-cli-helpers.ts";

describe("tooluse health", () => {
  it("prints one row per configured provider and exits 0 when all are healthy", async () => {
    const ollamaServer = await ollama({ models: ["a:1b", "b:1b", "c:1b"] });
    const vllmServer = await vllm();
    const io = ioWith({ OLLAMA_BASE_URL: ollamaServer.origin, VLLM_BASE_URL: `${vllmServer.origin}/v1` });
    expect(await healthCommand([], io)).toBe(0);
    expect(io.out()).toBe(
      [
        "PROVIDER  STATUS   MODELS  STREAMING  URL",
        `ollama    healthy  3       yes        ${ollamaServer.origin}`,
        `vllm      healthy  1       yes        ${vllmServer.origin}/v1`,
        "",
      ].join("\n"),
    );
  });

  it("exits 1 and says why for an unreachable, a failing and a slow provider", async () => {
    const refused = await closedPortOrigin();
    const failing = await vllm({
      routeSteps: { "GET /v1/models": [{ type: "error", status: 500, message: "CUDA out of memory" }] },
    });
    const slow = await ollama({ routeSteps: { "GET /api/tags": [{ type: "hang" }] } });
    const io = ioWith({
      OLLAMA_BASE_URL: slow.origin,
      VLLM_BASE_URL: `${failing.origin}/v1`,
      OPENAI_BASE_URL: `${refused}/v1`,
    });
    expect(await healthCommand(["--timeout", "100", "--json"], io)).toBe(1);
    const results = JSON.parse(io.out()) as { provider: string; status: string; error: string }[];
    expect(results.map(({ provider, status }) => `${provider} ${status}`)).toEqual([
      "ollama error",
      "vllm unhealthy",
      "openai-compatible error",
    ]);
    expect(results[0]?.error).toBe(`ollama at ${slow.origin} (/api/tags): no data for 100 ms`);
    expect(results[1]?.error).toBe(`vllm at ${failing.origin}/v1 (/models): HTTP 500: CUDA out of memory`);
    expect(results[2]?.error).toContain("connection refused");
  });

  it("checks only --provider, with the error under the table", async () => {
    const refused = await closedPortOrigin();
    const io = ioWith({ VLLM_BASE_URL: `${refused}/v1` });
    expect(await healthCommand(["--provider", "vllm"], io)).toBe(1);
    expect(io.out()).toBe(
      [
        "PROVIDER  STATUS  MODELS  STREAMING  URL",
        `vllm      error   0       no         ${refused}/v1`,
        `vllm: vllm at ${refused}/v1 (/models): cannot connect (connection refused)`,
        "",
      ].join("\n"),
    );
  });

  it("rejects a bad --timeout", async () => {
    await expect(healthCommand(["--timeout", "soon"], ioWith({}))).rejects.toThrow(
      '--timeout must be a positive integer (milliseconds), got "soon"',
    );
  });
});
