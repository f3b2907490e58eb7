import { describe, expect, it } from "vitest";
import { parseToolCalls } from "../parse-tool-calls.ts";

describe("olmo3", () => {
  it("reads one call per line with JSON or Python literals", () => {
    const result = parseToolCalls(
      "<function_calls>get_weather(city=\"Paris\", hourly=true, unit=null)\nget_time(zone='UTC', dst=False)</function_calls>",
      { format: "olmo3" },
    );
    expect(result.toolCalls.map(({ name, arguments: args }) => ({ name, args }))).toEqual([
      { name: "get_weather", args: { city: "Paris", hourly: true, unit: null } },
      { name: "get_time", args: { zone: "UTC", dst: false } },
    ]);
  });

  it("skips a line that is not a call and keeps the others", () => {
    const result = parseToolCalls(
      "<function_calls>get_weather(city='Paris'\nget_time(zone='UTC')</function_calls>",
      { format: "olmo3" },
    );
    expect(result.toolCalls.map((call) => call.name)).toEqual(["get_time"]);
    expect(result.problems).toMatchObject([{ code: "malformed-call", raw: "get_weather(city='Paris'" }]);
  });

  it("reads a call whose string spans lines", () => {
    const result = parseToolCalls("<function_calls>write(text='''a\nb''')\nget_time()</function_calls>", {
      format: "olmo3",
    });
    expect(result.toolCalls.map((call) => call.arguments)).toEqual([{ text: "a\nb" }, {}]);
  });

  it("tolerates a missing close tag when complete, reports a truncated call otherwise", () => {
    expect(parseToolCalls("<function_calls>get_time()", { format: "olmo3" }).toolCalls).toHaveLength(1);
    const truncated = parseToolCalls("<function_calls>get_time(zone='U", { format: "olmo3" });
    expect(truncated.problems.map((problem) => problem.code)).toEqual(["truncated-call"]);
  });

  it("is detected from its tag, and the tag with other content stays text", () => {
    expect(parseToolCalls("<function_calls>get_time()</function_calls>").format).toBe("olmo3");
  });
});
