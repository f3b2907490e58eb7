/**
 * Agent loop benchmark: the executor's overhead per step next to langchain's createAgent on the
 * same script in the same run. Both models are scripted (no I/O) and the tool is trivial, so the
 * time per step is the loop's own work: tooluse formats the history in the adapter's text form,
 * parses the Qwen2.5 `<tool_call>` text, validates and runs the call, records the step;
 * createAgent runs its LangGraph model and tool nodes on native tool calls.
 *
 * `runAgentSection()` is synchronous for bench/index.ts: it runs this module as a child process
 * (the runs are async) and returns the checks the child printed.
 *
 * Run alone: `npx tsx bench/agent-bench.ts`.
 */
import { execFileSync } from "node:child_process";
import { fileURLToPath } from "node:url";
import { tool as langChainTool } from "@langchain/core/tools";
import { createAgent } from "langchain";
import { z } from "zod";
import { qwen2Adapter } from "../adapters/qwen2.ts";
import { runAgent } from "../src/executor/run-agent.ts";
import { ScriptedChatModel, type ScriptedReply } from "../src/providers/langchain/scripted-chat-model.ts";
import { ScriptedModel, type ScriptedStep } from "../src/testing/scripted-model.ts";
import { defineTool } from "../src/tools/define-tool.ts";
import { type Check, interleavedMeansMs } from "./measure.ts";

const STEPS = 200;
const TARGET = 0.2;
const MARK = "@@agent-checks ";
const CHILD_FLAG = "--agent-section-child";

const noopTool = defineTool({
  name: "noop",
  description: "Does nothing",
  input: z.object({ i: z.number() }),
  execute: ({ i }) => `ok ${i}`,
});

const noopLangChainTool = langChainTool(async ({ i }) => `ok ${i}`, {
  name: "noop",
  description: "Does nothing",
  schema: z.object({ i: z.number() }),
});

/** The same 200 calls and final answer, as Qwen2.5 text (tooluse) and as native calls (LangChain). */
function textScript(): ScriptedStep[] {
  const steps: ScriptedStep[] = [];
  for (let i = 0; i < STEPS; i++)
    steps.push({ text: `<tool_call>\n{"name": "noop", "arguments": {"i": ${i}}}\n</tool_call>` });
  steps.push({ text: "Done." });
  return steps;
}

function nativeScript(): ScriptedReply[] {
  const replies: ScriptedReply[] = [];
  for (let i = 0; i < STEPS; i++)
    replies.push({ toolCalls: [{ id: `call_${i}`, name: "noop", args: { i } }] });
  replies.push({ text: "Done." });
  return replies;
}

const script = textScript();

async function runTooluse(): Promise<void> {
  const result = await runAgent({
    model: new ScriptedModel(script),
    adapter: qwen2Adapter,
    tools: [noopTool],
    input: "Call noop 200 times.",
    maxSteps: STEPS + 1,
    now: () => 0,
  });
  if (result.toolCalls.length !== STEPS || result.finishReason !== "final-answer")
    throw new Error(`tooluse run: ${result.toolCalls.length} calls, ${result.finishReason}`);
}

/** createAgent and its model are built once (not timed); each run rewinds the script. */
function createAgentRunner(): () => Promise<void> {
  const model = new ScriptedChatModel(nativeScript());
  const agent = createAgent({ model, tools: [noopLangChainTool] });
  return async () => {
    model.rewind();
    const result = await agent.invoke(
      { messages: [{ role: "user", content: "Call noop 200 times." }] },
      { recursionLimit: 4 * STEPS + 10 },
    );
    const tools = result.messages.filter((message) => message.getType() === "tool").length;
    if (tools !== STEPS) throw new Error(`createAgent run: ${tools} tool results`);
    model.assertDone();
  };
}

/** Measures both loops in this process. */
export async function measureAgentSection(): Promise<Check[]> {
  const [tooluseMs, langChainMs] = await interleavedMeansMs(runTooluse, createAgentRunner());
  const tooluseUs = (tooluseMs * 1000) / STEPS;
  const langChainUs = (langChainMs * 1000) / STEPS;
  console.log(
    `[agent] ${STEPS} steps: tooluse runAgent ${tooluseMs.toFixed(1)} ms (${tooluseUs.toFixed(0)} us/step), ` +
      `langchain createAgent ${langChainMs.toFixed(1)} ms (${langChainUs.toFixed(0)} us/step)`,
  );
  const ratio = tooluseUs / langChainUs;
  return [
    {
      name: "agent loop overhead per step: tooluse / createAgent",
      value: ratio,
      target: `<= ${TARGET}`,
      ok: ratio <= TARGET,
    },
  ];
}

/** The section for bench/index.ts: measured in a child process, returned synchronously. */
export function runAgentSection(): Check[] {
  const self = fileURLToPath(import.meta.url);
  const output = execFileSync(process.execPath, [...process.execArgv, self, CHILD_FLAG], {
    encoding: "utf8",
  });
  const checks: Check[] = [];
  for (const line of output.split("\n")) {
    if (line.startsWith(MARK)) checks.push(...(JSON.parse(line.slice(MARK.length)) as Check[]));
    else if (line.trim()) console.log(line);
  }
  return checks;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  measureAgentSection().then((checks) => {
    if (process.argv.includes(CHILD_FLAG)) console.log(`${MARK}${JSON.stringify(checks)}`);
    else
      for (const check of checks)
        console.log(
          `${check.ok ? "ok  " : "MISS"} ${check.name}: ${check.value.toFixed(3)} (target ${check.target})`,
        );
  });
}
