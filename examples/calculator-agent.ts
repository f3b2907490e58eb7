/**
 * Calculator + clock: arithmetic with a real expression parser and the current time in any zone.
 *
 *   npx tooluse run examples/calculator-agent.ts --input "What is 37 * 43, and what time is it in Tokyo?" \
 *     --replay fixtures/cassettes/calculator-agent.json
 *
 * Live (Ollama serving qwen2.5-coder:7b): drop --replay; add --record FILE to write a cassette.
 */
import { defineAgent } from "../src/agent/define-agent.ts";
import { calculator } from "../tools/calculator.ts";
import { createCurrentTimeTool } from "../tools/current-time.ts";

export default defineAgent({
  model: "ollama:qwen2.5-coder:7b",
  instructions:
    "You are a precise assistant. Use the calculator for any arithmetic and current_time for dates and times; never guess them.",
  // `now` is the real clock live, and the recording's time when recording or replaying, so a
  // replay sends the model exactly the tool results the recording did.
  tools: ({ now }) => [calculator, createCurrentTimeTool({ now })],
});
