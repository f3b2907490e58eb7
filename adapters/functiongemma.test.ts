import { describe, expect, it } from "vitest";
import { hasFormat } from "../src/parser/formats/index.ts";
import { functionGemmaAdapter, functionGemmaDeclaration } from "./functiongemma.ts";
import { CALL_AND_RESULT, TOOLS } from "./shared-b-conversations.ts";

// No official template exists in ../shared for FunctionGemma: these expectations come from the
// documented format (ai.google.dev FunctionGemma formatting guide and model card examples).

describe("functiongemma declarations", () => {
  it("match the documented declaration syntax", () => {
    // A declaration as transformers' FunctionGemma template writes it (published example).
    expect(
      functionGemmaDeclaration({
        name: "classify_safe",
        description: "The file content is safe to share with cloud AI. No sensitive data detected.",
        parameters: {
          type: "object",
          properties: { reason: { type: "string", description: "Brief reason why the file is safe" } },
          required: ["reason"],
        },
      }),
    ).toBe(
      "<start_function_declaration>declaration:classify_safe{description:<escape>The file content is safe to share with cloud AI. No sensitive data detected.<escape>,parameters:{properties:{reason:{description:<escape>Brief reason why the file is safe<escape>,type:<escape>STRING<escape>}},required:[<escape>reason<escape>],type:<escape>OBJECT<escape>}}<end_function_declaration>",
    );
  });
});

describe("functiongemma renderPrompt", () => {
  it("writes the developer turn, calls and responses in the model turn", () => {
    const prompt = functionGemmaAdapter.renderPrompt(CALL_AND_RESULT.messages.slice(0, 4), [TOOLS[0]!], {
      bosToken: "<bos>",
    });
    expect(prompt).toBe(
      [
        "<bos><start_of_turn>developer\n",
        "You help with travel.\nYou are a model that can do function calling with the following functions",
        functionGemmaDeclaration(TOOLS[0]!),
        "<end_of_turn>\n",
        "<start_of_turn>user\nWhat is the weather in Paris?<end_of_turn>\n",
        "<start_of_turn>model\n<start_function_call>call:get_weather{city:<escape>Paris<escape>}<end_function_call>",
        "<start_function_response>response:get_weather{temperature:18,sky:<escape>clear<escape>}<end_function_response>",
      ].join(""),
    );
  });

  it("closes the model turn before the next user turn", () => {
    const prompt = functionGemmaAdapter.renderPrompt(CALL_AND_RESULT.messages, [], {});
    expect(
      prompt.endsWith(
        "<end_function_response>It is 18 degrees and clear in Paris.<end_of_turn>\n<start_of_turn>user\nThanks! And should I pack anything?<end_of_turn>\n<start_of_turn>model\n",
      ),
    ).toBe(true);
  });
});

describe("functiongemma formatMessages", () => {
  it("puts the declarations in the system turn and writes calls in the call syntax", () => {
    const messages = functionGemmaAdapter.formatMessages(CALL_AND_RESULT.messages, TOOLS);
    expect(messages[0]?.content).toBe(
      `You help with travel.\nYou are a model that can do function calling with the following functions${TOOLS.map(functionGemmaDeclaration).join("")}`,
    );
    expect(messages[2]).toEqual({
      role: "assistant",
      content: "<start_function_call>call:get_weather{city:<escape>Paris<escape>}<end_function_call>",
    });
  });
});

describe.skipIf(!hasFormat("functiongemma"))("functiongemma parse (needs the functiongemma format)", () => {
  it("reads back the calls it renders", () => {
    const calls = [
      { id: "a", name: "get_weather", arguments: { city: "Paris", unit: "celsius" } },
      { id: "b", name: "search_docs", arguments: { query: "umbrella, rain {gear}", limit: 2 } },
    ];
    const text = functionGemmaAdapter.formatMessages(
      [{ role: "assistant", content: "", toolCalls: calls }],
      [],
    )[0]!.content;
    const result = functionGemmaAdapter.parse(text, TOOLS);
    expect(result.toolCalls.map(({ name, arguments: args }) => ({ name, args }))).toEqual(
      calls.map(({ name, arguments: args }) => ({ name, args })),
    );
  });
});
