/**
 * The public surface of src/index.ts: named exports only, changed on purpose (update the list
 * here when an export is added or removed).
 */
import { expect, it } from "vitest";
import * as api from "../src/index.ts";

it("exports exactly the documented names", () => {
  expect(Object.keys(api).sort()).toMatchInlineSnapshot(`
    [
      "FORMAT_IDS",
      "PROVIDERS",
      "ScriptedModel",
      "StreamParser",
      "TextToolCallingChatModel",
      "ToolUseError",
      "calculator",
      "captionImage",
      "createCurrentTimeTool",
      "createEmbeddings",
      "createFileTools",
      "createHttpGetTool",
      "createModel",
      "currentTime",
      "defineAgent",
      "defineTool",
      "evaluateExpression",
      "generate",
      "getAdapter",
      "hasToolCall",
      "isFormatId",
      "listAdapters",
      "listFormats",
      "normalizeTools",
      "parseModelSpec",
      "parseToolCalls",
      "resolveAdapter",
      "runAgent",
      "stepCountIs",
      "streamAgent",
      "streamToolCalls",
      "toLangChainTool",
      "withTextToolCalling",
    ]
  `);
});
