/**
 * Writes the examples' scripted cassettes (fixtures/cassettes/*.json): runs each example agent
 * with --record semantics against a ScriptedModel that answers with hand-written text, in the
 * exact form a model of that family emits. The requests in the cassettes are the ones tooluse
 * really sends (adapter prompts, tool results); only the model's answers are written by hand.
 * Recording the same example against a live server (`tooluse run ... --record FILE`) replaces them.
 *
 *   npx tsx examples/support/write-scripted-cassettes.ts
 */
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import type { Agent } from "../../src/agent/define-agent.ts";
import { loadAgentScript } from "../../src/agent/load-agent-script.ts";
import { prepareAgent } from "../../src/agent/prepare-agent.ts";
import { runAgent } from "../../src/executor/run-agent.ts";
import { parseModelSpec } from "../../src/providers/model-spec.ts";
import { writeCassetteFile } from "../../src/recording/cassette-file.ts";
import { ScriptedModel } from "../../src/testing/scripted-model.ts";

const ROOT = fileURLToPath(new URL("../../", import.meta.url));
/** The scripted recordings' clock: what current_time reports on replay. */
const RECORDED_AT = new Date("2025-06-02T09:30:00Z");

interface ScriptedExample {
  readonly name: string;
  readonly input: string;
  /** The model's answers, one per model call, in the family's own output format. */
  readonly answers: readonly string[];
}

export const EXAMPLES: readonly ScriptedExample[] = [
  {
    // Qwen2.5-Coder (hermes): <tool_call> blocks with a JSON object each, parallel calls allowed.
    name: "calculator-agent",
    input: "What is 37 * 43, and what time is it in Tokyo?",
    answers: [
      '<tool_call>\n{"name": "calculator", "arguments": {"expression": "37 * 43"}}\n</tool_call>\n<tool_call>\n{"name": "current_time", "arguments": {"timezone": "Asia/Tokyo"}}\n</tool_call>',
      "37 × 43 = 1591, and in Tokyo it is 18:30 on Monday, June 2, 2025.",
    ],
  },
  {
    // Llama 3.1 (JSON tool calls): one bare {"name", "parameters"} object per turn.
    name: "files-agent",
    input: "When is the launch, and who signs off on it?",
    answers: [
      '{"name": "list_dir", "parameters": {"path": "."}}',
      '{"name": "read_file", "parameters": {"path": "launch-plan.md"}}',
      "The launch is on Thursday, June 19, 2025 (it moved from June 12 after the beta feedback review). Priya Raman (product) and Tom Becker (engineering) sign off on it, by June 16. Source: launch-plan.md.",
    ],
  },
  {
    // Mistral NeMo: [TOOL_CALLS] followed by a JSON list of calls.
    name: "http-agent",
    input: "Is the example API healthy? Any open incidents?",
    answers: [
      '[TOOL_CALLS][{"name": "http_get", "arguments": {"url": "http://status.example.test/v1/status"}}, {"name": "http_get", "arguments": {"url": "http://status.example.test/v1/incidents"}}]',
      'Not fully: the API is degraded. Search is degraded while api and billing are operational. One incident is open: INC-1042 "Search results delayed" (since 08:55 UTC): an index rebuild is in progress and results may be up to 10 minutes old.',
    ],
  },
];

/** Token-like pieces (a word with its leading space, or a run of punctuation), as a server streams them. */
export function tokenChunks(text: string): string[] {
  return text.match(/\s*[\p{L}\p{N}_.]+|\s*[^\p{L}\p{N}_.\s]+|\s+/gu) ?? [text];
}

export async function writeScriptedCassette(
  example: ScriptedExample,
  agent: Agent,
  path: string,
): Promise<void> {
  const prepared = await prepareAgent(agent, {
    record: path,
    now: () => RECORDED_AT,
    clock: () => 0,
    createModel: async (spec) =>
      new ScriptedModel(
        example.answers.map((text) => ({ text, chunks: tokenChunks(text) })),
        parseModelSpec(spec),
      ),
  });
  const result = await runAgent({ ...prepared.options, input: example.input });
  if (result.finishReason !== "final-answer")
    throw new Error(`${example.name}: the scripted run ended with ${result.finishReason}`);
  const written = JSON.parse(readFileSync(path, "utf8")) as Record<string, unknown>;
  writeCassetteFile(path, {
    version: written.version,
    scripted: true,
    note: `Written by hand, not recorded from a live model: the answers are the exact text ${String(
      (written.model as { model: string }).model,
    )} writes in its tool-call format; the requests are what tooluse sent. Input: ${JSON.stringify(
      example.input,
    )}. Regenerate with \`npx tsx examples/support/write-scripted-cassettes.ts\`; \`tooluse run examples/${example.name}.ts --record FILE\` against a live server replaces it with a real recording.`,
    ...Object.fromEntries(
      Object.entries(written).filter(([key]) => !["version", "scripted", "note"].includes(key)),
    ),
  });
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  for (const example of EXAMPLES) {
    const agent = await loadAgentScript(`${ROOT}examples/${example.name}.ts`);
    const path = `${ROOT}fixtures/cassettes/${example.name}.json`;
    await writeScriptedCassette(example, agent, path);
    process.stdout.write(`wrote ${path}\n`);
  }
}
