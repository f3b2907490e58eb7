import { describe, expect, it } from "vitest";
import { parseToolCalls } from "../parse-tool-calls.ts";
import { StreamParser } from "../stream-parser.ts";

const CALL =
  '<｜tool▁calls▁begin｜><｜tool▁call▁begin｜>function<｜tool▁sep｜>get_weather\n```json\n{"city": "Paris"}\n```<｜tool▁call▁end｜><｜tool▁calls▁end｜>';

describe("deepseek_r1", () => {
  it("starts inside reasoning: text before </think> streams as reasoning", () => {
    const parser = new StreamParser({ format: "deepseek_r1" });
    const events = [...parser.feed("Let me check the weather."), ...parser.feed(`</think>\n\n${CALL}`)];
    const { result } = parser.end();
    expect(events[0]).toEqual({ type: "reasoning-delta", text: "Let me check the weather." });
    expect(events.some((event) => event.type === "retract")).toBe(false);
    expect(result.reasoning).toBe("Let me check the weather.");
    expect(result.toolCalls.map((call) => call.name)).toEqual(["get_weather"]);
  });

  it("promotes a complete call when the reasoning never closes (an answer written without thinking)", () => {
    const result = parseToolCalls(CALL, { format: "deepseek_r1" });
    expect(result.toolCalls.map((call) => call.arguments)).toEqual([{ city: "Paris" }]);
    expect(result.problems).toEqual([]);
  });

  it("reports a call drafted in the reasoning when real calls follow", () => {
    const draft = CALL.replace("Paris", "Rome");
    const result = parseToolCalls(`I could call ${draft} but no.</think>${CALL}`, { format: "deepseek_r1" });
    expect(result.toolCalls.map((call) => call.arguments)).toEqual([{ city: "Paris" }]);
    expect(result.problems.map((problem) => problem.code)).toEqual(["call-in-reasoning"]);
  });
});
