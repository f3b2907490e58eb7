import { DynamicStructuredTool, tool } from "@langchain/core/tools";
import { describe, expect, it } from "vitest";
import { z } from "zod";
import { ToolUseError } from "../../errors.ts";
import { toToolSpec, toToolSpecs } from "./to-tool-specs.ts";

const CITY = {
  type: "object",
  properties: { city: { type: "string", description: "City name" } },
  required: ["city"],
};

describe("toToolSpec", () => {
  it("reads tool() with a zod schema", () => {
    const weather = tool(async () => "", {
      name: "get_weather",
      description: "Weather",
      schema: z.object({ city: z.string().describe("City name") }),
    });
    expect(toToolSpec(weather)).toMatchObject({
      name: "get_weather",
      description: "Weather",
      parameters: CITY,
    });
    expect(toToolSpec(weather).parameters).not.toHaveProperty("$schema");
  });

  it("reads a StructuredTool with a JSON schema", () => {
    const weather = new DynamicStructuredTool({
      name: "get_weather",
      description: "Weather",
      schema: CITY,
      func: async () => "",
    });
    expect(toToolSpec(weather)).toEqual({ name: "get_weather", description: "Weather", parameters: CITY });
  });

  it("reads { name, description, schema } with zod", () => {
    const spec = toToolSpec({
      name: "get_weather",
      description: "Weather",
      schema: z.object({ city: z.string() }),
    });
    expect(spec.name).toBe("get_weather");
    expect(spec.parameters).toMatchObject({ type: "object", properties: { city: { type: "string" } } });
  });

  it("reads OpenAI tool specs, wrapped or bare", () => {
    const fn = { name: "get_weather", description: "Weather", parameters: CITY };
    expect(toToolSpec({ type: "function", function: fn })).toEqual(fn);
    expect(toToolSpec(fn)).toEqual(fn);
    expect(toToolSpec({ name: "ping" })).toEqual({ name: "ping" });
  });

  it("refuses other values and duplicate names", () => {
    for (const value of [null, "get_weather", { description: "no name" }, { type: "function" }]) {
      expect(() => toToolSpec(value)).toThrow(ToolUseError);
    }
    let error: unknown;
    try {
      toToolSpecs([{ name: "a" }, { name: "a" }]);
    } catch (caught) {
      error = caught;
    }
    expect(ToolUseError.is(error, "invalid-input")).toBe(true);
  });
});
