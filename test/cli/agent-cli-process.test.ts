/**
 * The agent commands in a real process: tsx loading the example scripts, stdin piped, exit codes.
 */
import { spawn } from "node:child_process";
import { describe, expect, it } from "vitest";

function cli(
  args: readonly string[],
  input = "",
): Promise<{ code: number | null; stdout: string; stderr: string }> {
  const child = spawn(process.execPath, ["--import", "tsx", "test/cli/helpers/agent-cli.ts", ...args], {
    env: { ...process.env, NO_COLOR: "1" },
    timeout: 20_000,
  });
  let stdout = "";
  let stderr = "";
  child.stdout.setEncoding("utf8").on("data", (text: string) => (stdout += text));
  child.stderr.setEncoding("utf8").on("data", (text: string) => (stderr += text));
  child.stdin.end(input);
  return new Promise((resolve, reject) => {
    child.on("error", reject);
    child.on("close", (code) => resolve({ code, stdout, stderr }));
  });
}

describe("agent commands in a process", () => {
  it.concurrent("run --replay with the input on stdin", async () => {
    const { code, stdout } = await cli(
      ["run", "examples/http-agent.ts", "--replay", "fixtures/cassettes/http-agent.json"],
      "Is the example API healthy? Any open incidents?\n",
    );
    expect(stdout).toContain(
      "replaying a scripted cassette (written by hand, not recorded from a live model)",
    );
    expect(stdout).toContain('→ http_get {"url":"http://status.example.test/v1/incidents"}');
    expect(stdout).toContain("INC-1042");
    expect(code).toBe(0);
  });

  it.concurrent("chat --replay reads lines until stdin ends", async () => {
    const { code, stdout, stderr } = await cli(
      [
        "chat",
        "--model",
        "ollama:qwen2.5-coder:7b",
        "--tools",
        "examples/calculator-agent.ts",
        "--replay",
        "fixtures/cassettes/calculator-agent.json",
      ],
      "What is 37 * 43, and what time is it in Tokyo?\n",
    );
    expect(stderr).toBe("");
    expect(stdout).toContain("you › What is 37 * 43, and what time is it in Tokyo?");
    expect(stdout).toContain("37 × 43 = 1591");
    expect(code).toBe(0);
  });

  it.concurrent("eval on a missing folder is a typed error with exit code 2", async () => {
    const missing = await cli(["eval", "fixtures/nope"]);
    expect(missing.stderr).toBe(
      "tooluse: cannot read fixtures/nope: it does not exist [file-not-readable]\n",
    );
    expect(missing.code).toBe(2);
  });
});
