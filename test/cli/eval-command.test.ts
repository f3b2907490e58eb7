import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { evalCommand } from "../../src/cli/eval-command.ts";
import { captureIo } from "./helpers/capture-io.ts";

let folder: string;
beforeEach(() => {
  folder = mkdtempSync(join(tmpdir(), "tooluse-eval-"));
  cpSync("fixtures/cassettes", folder, { recursive: true });
});
afterEach(() => rmSync(folder, { recursive: true, force: true }));

/** Breaks the expectation of the calculator cassette's first output (as if the parser had changed). */
function breakExpectation(): string {
  const path = join(folder, "calculator-agent.json");
  const cassette = JSON.parse(readFileSync(path, "utf8"));
  cassette.interactions[0].expected.toolCalls[0].arguments.expression = "37 * 44";
  writeFileSync(path, JSON.stringify(cassette, null, 2));
  return path;
}

describe("tooluse eval", () => {
  it("passes on the committed cassettes (the default folder) with a per-model, per-format scoreboard", async () => {
    const io = captureIo();
    expect(await evalCommand([], io)).toBe(0);
    const out = io.out();
    expect(out).toMatch(/^eval: 7 recorded output\(s\) in 3 cassette\(s\)\n/);
    expect(out).toMatch(/ollama:llama3\.1:8b\s+llama3_json\s+3\s+0\s+3\n/);
    expect(out).toMatch(/ollama:mistral-nemo:12b\s+mistral\s+2\s+0\s+2\n/);
    expect(out).toMatch(/ollama:qwen2\.5-coder:7b\s+hermes\s+2\s+0\s+2\n/);
    expect(out).toMatch(/total\s+7\s+0\s+7\n/);
    expect(out).toContain("no regressions");
    // Not a TTY: plain progress lines.
    expect(io.err()).toContain("checked fixtures/cassettes/calculator-agent.json (1/3)\n");
  });

  it("a changed parse is a regression: exit 1 and a short diff", async () => {
    const path = breakExpectation();
    const io = captureIo();
    expect(await evalCommand([folder], io)).toBe(1);
    expect(io.out()).toContain(
      [
        "regressions (1):",
        `  ${path} #1 (ollama:qwen2.5-coder:7b, hermes)`,
        '    - calculator {"expression":"37 * 44"}',
        '    + calculator {"expression":"37 * 43"}',
      ].join("\n"),
    );
  });

  it("--update accepts the new parses and rewrites expected, keeping the rest of the file", async () => {
    const path = breakExpectation();
    const before = JSON.parse(readFileSync(path, "utf8"));
    expect(await evalCommand([folder, "--update"], captureIo())).toBe(0);
    const after = JSON.parse(readFileSync(path, "utf8"));
    expect(after.interactions[0].expected.toolCalls[0].arguments.expression).toBe("37 * 43");
    expect(after.note).toBe(before.note);
    expect(after.scripted).toBe(true);
    expect(after.interactions[0].response).toEqual(before.interactions[0].response);
    expect(await evalCommand([folder], captureIo())).toBe(0);
  });

  it("--json prints machine-readable results", async () => {
    breakExpectation();
    const io = captureIo();
    expect(await evalCommand([folder, "--json"], io)).toBe(1);
    const report = JSON.parse(io.out());
    expect(report.summary).toEqual({ passed: 6, failed: 1, unchecked: 0, total: 7 });
    expect(report.cases.find((entry: { status: string }) => entry.status === "failed")).toMatchObject({
      index: 0,
      model: "ollama:qwen2.5-coder:7b",
      format: "hermes",
      scripted: true,
      actual: { format: "hermes", toolCalls: [{ name: "calculator" }, { name: "current_time" }] },
    });
    expect(io.err()).toBe("");
  });

  it("shows a progress bar on a TTY", async () => {
    const io = captureIo({ stderrTTY: true });
    await evalCommand([folder], io);
    expect(io.err()).toContain("\r[########################] 3/3 cassettes");
  });

  it("counts outputs without expected calls and fills them in with --update", async () => {
    const path = join(folder, "http-agent.json");
    const cassette = JSON.parse(readFileSync(path, "utf8"));
    delete cassette.interactions[1].expected;
    writeFileSync(path, JSON.stringify(cassette));
    const io = captureIo();
    expect(await evalCommand([path], io)).toBe(0);
    expect(io.out()).toContain("1 output(s) have no expected calls yet");
    await evalCommand([path, "--update"], captureIo());
    expect(JSON.parse(readFileSync(path, "utf8")).interactions[1].expected).toEqual({
      format: "mistral",
      toolCalls: [],
    });
  });

  it("refuses a file that is not a cassette", async () => {
    const path = join(folder, "broken.json");
    writeFileSync(path, "{}");
    await expect(evalCommand([path], captureIo())).rejects.toThrow(/broken\.json is not a cassette/);
  });
});
