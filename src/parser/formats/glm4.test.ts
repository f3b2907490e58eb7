import { describe, expect, it } from "vitest";
import { streamedInPieces } from "../../../test/helpers/streamed.ts";
import { parseToolCalls } from "../parse-tool-calls.ts";

const tools = [{ name: "get_weather" }, { name: "get_time" }];
const calls = (text: string, format: "glm4" | "auto" = "glm4") =>
  parseToolCalls(text, { format, tools }).toolCalls.map(({ name, arguments: args }) => [name, args]);

describe("glm4", () => {
  it("reads a declared name on its own line followed by JSON arguments, given or auto-detected, streamed", () => {
    const text = 'Let me check.\nget_weather\n{"city": "Beijing"}<|observation|>';
    for (const format of ["glm4", "auto"] as const) {
      const result = parseToolCalls(text, { format, tools });
      expect(calls(text, format), format).toEqual([["get_weather", { city: "Beijing" }]]);
      expect(result.content.trim()).toBe("Let me check.");
      expect(streamedInPieces(text, { format, tools })).toEqual(result);
    }
  });

  it("reads nothing without declared tools, and leaves prose and undeclared names as text", () => {
    expect(parseToolCalls('get_weather\n{"city": "Beijing"}', { format: "glm4" }).toolCalls).toEqual([]);
    expect(calls('get_forecast\n{"city": "Beijing"}')).toEqual([]);
    expect(calls('We call get_weather\n{"city": "Beijing"} here.')).toEqual([]);
    expect(calls("get_weather\nis the tool I would use.")).toEqual([]);
  });
});
