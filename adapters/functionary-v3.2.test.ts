import { describe, expect, it } from "vitest";
import { hasFormat } from "../src/parser/formats/index.ts";
import type { ToolSpec } from "../src/parser/types.ts";
import { functionaryNamespace } from "./functionary-schema.ts";
import { functionaryV32Adapter } from "./functionary-v3.2.ts";
import { CALL_AND_RESULT, CONVERSATIONS, type Conversation, TOOLS } from "./shared-b-conversations.ts";
import { templateExists, templatePath } from "./shared-b-oracle.ts";
import { oracleSuite } from "./shared-b-oracle-suite.ts";

const FILE = "meetkai-functionary-medium-v3.2.jinja";

/**
 * @huggingface/jinja 0.5.11 cannot run two constructs of this template (see the README): unpacking
 * tuples (`for field, field_name in [("maximum", "Maximum"), …]` in get_param_info, reached by any
 * parameter with a description) and `"    " * depth` (nested objects and arrays). The patched
 * oracle replaces the tuples with lists and the repetition with an equivalent slice; the
 * unpatched oracle runs on tools that avoid both.
 */
function patch(source: string): string {
  const tuples =
    '[("maximum", "Maximum"), ("minimum", "Minimum"), ("maxLength", "Maximum length"), ("minLength", "Minimum length")]';
  const lists =
    '[["maximum", "Maximum"], ["minimum", "Minimum"], ["maxLength", "Maximum length"], ["minLength", "Minimum length"]]';
  const repeat = '"    " * depth';
  if (!source.includes(tuples) || !source.includes(repeat))
    throw new Error("the functionary template changed: review the patch");
  return source.replace(tuples, lists).replaceAll(repeat, `"${" ".repeat(40)}"[:4 * depth]`);
}

const NESTED_TOOLS: readonly ToolSpec[] = [
  ...TOOLS,
  {
    name: "plan_trip",
    description: "Plan a trip",
    parameters: {
      type: "object",
      properties: {
        stops: {
          type: "array",
          description: "Where to stop",
          items: {
            type: "object",
            properties: {
              city: { type: "string", description: "City" },
              nights: { type: "integer", minimum: 1 },
            },
            required: ["city"],
          },
        },
        grid: { type: "array", items: { type: "array", items: { type: "number" } } },
        budget: {
          type: "object",
          description: "Money",
          properties: {
            amount: { type: "number", default: 100 },
            currency: { type: "string", default: "EUR", examples: ["EUR", "USD"], description: "ISO code" },
          },
        },
        mode: { type: "string", format: "date" },
      },
      required: ["stops"],
    },
  },
];

const PLAIN_TOOLS: readonly ToolSpec[] = [
  {
    name: "get_weather",
    description: "Get the current weather for a city",
    parameters: {
      type: "object",
      properties: {
        city: { type: "string" },
        unit: { type: "string", enum: ["celsius", "fahrenheit"] },
        days: { type: "integer", nullable: true },
        tags: { type: "array", items: { type: "string" } },
        levels: { type: "array", items: { type: "string", enum: ["low", "high"] } },
        raw: { type: "array", items: {} },
        any: { type: ["string", "number"] },
      },
      required: ["city"],
    },
  },
  { name: "ping", description: "Check the service" },
];

const plain = (conversation: Conversation): Conversation => ({
  ...conversation,
  tools: conversation.tools.length > 0 ? PLAIN_TOOLS : [],
});

// Reads ../shared/templates/meetkai-functionary-medium-v3.2.jinja.
oracleSuite(
  FILE,
  functionaryV32Adapter,
  [...CONVERSATIONS.map(plain), { ...plain(CALL_AND_RESULT), name: "tools passed as []", tools: [] }].map(
    (conversation) => ({
      conversation,
      input: { argumentsAsString: true },
      passTools: true,
    }),
  ),
);

// The patched oracle, with described and nested parameters.
oracleSuite(
  FILE,
  functionaryV32Adapter,
  CONVERSATIONS.filter((conversation) => conversation.tools.length > 0).map((conversation) => ({
    conversation: {
      ...conversation,
      name: `${conversation.name} (patched template, nested tools)`,
      tools: NESTED_TOOLS,
    },
    input: { argumentsAsString: true, patch },
  })),
);

describe.skipIf(!templateExists(FILE))(
  `functionary schema comments${templateExists(FILE) ? "" : ` (SKIPPED: ${templatePath(FILE)} is missing)`}`,
  () => {
    it("writes descriptions, defaults and limits as the template's get_param_info does", () => {
      // Read from the template's get_param_info macro: "//", " " + description (with a final "."),
      // " Default=" + value + ".", then " Maximum=" etc., on the line before the declaration.
      const text = functionaryNamespace([
        {
          name: "f",
          description: "Does f",
          parameters: {
            type: "object",
            properties: {
              q: { type: "string", description: "Query", default: "x" },
              n: { type: "integer", description: "Count.", maximum: 5, minimum: 1 },
            },
            required: ["q"],
          },
        },
      ]);
      expect(text).toBe(
        [
          "// Supported function definitions that should be called when necessary.",
          "namespace functions {",
          "",
          "// Does f",
          "type f = (_: {",
          '// Query. Default="x".',
          "q: string,",
          "// Count. Maximum=5 Minimum=1",
          "n?: number,",
          "}) => any;",
          "",
          "} // namespace functions",
        ].join("\n"),
      );
    });
  },
);

describe("functionary-v3.2 formatMessages", () => {
  it("puts the namespace in the system prompt and writes >>>recipient messages", () => {
    const messages = functionaryV32Adapter.formatMessages(CALL_AND_RESULT.messages, TOOLS);
    expect(
      messages[0]?.content.startsWith("You are capable of executing available function(s) if required."),
    ).toBe(true);
    expect(messages[0]?.content).toContain("type get_weather = (_: {\n// The city name.\ncity: string,");
    expect(messages.slice(2, 5)).toEqual([
      { role: "assistant", content: '>>>get_weather\n{"city": "Paris"}' },
      { role: "tool", content: '{"temperature": 18, "sky": "clear"}' },
      { role: "assistant", content: ">>>all\nIt is 18 degrees and clear in Paris." },
    ]);
  });
});

describe.skipIf(!hasFormat("functionary_v3_2"))(
  "functionary-v3.2 parse (needs the functionary_v3_2 format)",
  () => {
    it("reads back the calls it renders", () => {
      const calls = [
        { id: "a", name: "get_weather", arguments: { city: "Paris" } },
        { id: "b", name: "search_docs", arguments: { query: "umbrella", limit: 2 } },
      ];
      const text = functionaryV32Adapter.formatMessages(
        [{ role: "assistant", content: "", toolCalls: calls }],
        [],
      )[1]!.content;
      const result = functionaryV32Adapter.parse(text, TOOLS);
      expect(result.toolCalls.map(({ name, arguments: args }) => ({ name, args }))).toEqual(
        calls.map(({ name, arguments: args }) => ({ name, args })),
      );
    });
  },
);
