import { describe, expect, it } from "vitest";
import { parseToolCalls } from "../parse-tool-calls.ts";
import { StreamParser } from "../stream-parser.ts";

const call = (city: string) =>
  `<｜tool▁calls▁begin｜><｜tool▁call▁begin｜>get_time<｜tool▁sep｜>{"city": "${city}"}<｜tool▁call▁end｜><｜tool▁calls▁end｜>`;

describe("deepseek_v31", () => {
  it("reports, and does not run, a call that exists only inside the reasoning", () => {
    const result = parseToolCalls(`Maybe ${call("Tokyo")} then.</think>I will not call anything.`, {
      format: "deepseek_v31",
    });
    expect(result.toolCalls).toEqual([]);
    expect(result.content).toBe("I will not call anything.");
    expect(result.problems.map((problem) => problem.code)).toEqual(["call-in-reasoning"]);
  });

  it("retracts streamed text into reasoning on an orphan </think>", () => {
    const parser = new StreamParser({ format: "deepseek_v31" });
    const events = [...parser.feed("REASONING"), ...parser.feed(`</think>${call("Paris")}`)];
    const { result } = parser.end();
    expect(events).toContainEqual({ type: "retract", text: "REASONING", callIds: [] });
    expect(result.reasoning).toBe("REASONING");
    expect(result.toolCalls.map((c) => c.arguments)).toEqual([{ city: "Paris" }]);
  });

  it("with startInReasoning (thinking on) streams the reasoning as reasoning from the start", () => {
    const result = parseToolCalls(`REASONING</think>${call("Paris")}`, {
      format: "deepseek_v31",
      startInReasoning: true,
    });
    expect(result.reasoning).toBe("REASONING");
    expect(result.content).toBe("");
    expect(result.toolCalls).toHaveLength(1);
  });

  it("repairs sloppy JSON arguments", () => {
    const text =
      "<｜tool▁calls▁begin｜><｜tool▁call▁begin｜>get_time<｜tool▁sep｜>{'city': 'Paris',}<｜tool▁call▁end｜><｜tool▁calls▁end｜>";
    expect(parseToolCalls(text, { format: "deepseek_v31" }).toolCalls[0]!.arguments).toEqual({
      city: "Paris",
    });
  });

  it("drops echoed tool-output tokens from content and keeps the text between them", () => {
    const text =
      "Here's the weather: <｜tool▁output▁begin｜>Temperature: 22°C<｜tool▁output▁end｜> Hope that helps!";
    const oneShot = parseToolCalls(text, { format: "deepseek_v31" });
    expect(oneShot.content).toBe("Here's the weather: Temperature: 22°C Hope that helps!");
    const parser = new StreamParser({ format: "deepseek_v31" });
    for (const char of text) parser.feed(char);
    expect(parser.end().result).toEqual(oneShot);
  });
});
