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
      "HealthMonitor",
      "ModelRegistry",
      "ModelRouter",
      "PROVIDERS",
      "ProviderContext",
      "ScriptedModel",
      "StreamParser",
      "TIERS",
      "TextToolCallingChatModel",
      "ToolUseError",
      "calculator",
      "captionImage",
      "checkProviderHealth",
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
      "loadTiers",
      "normalizeTools",
      "parseModelSpec",
      "parseTiers",
      "parseToolCalls",
      "pickTier",
      "probeModel",
      "pullModel",
      "resolveAdapter",
      "resolveFormatId",
      "runAgent",
      "searchModels",
      "stepCountIs",
      "streamAgent",
      "streamToolCalls",
      "toLangChainTool",
      "withTextToolCalling",
    ]
  `);
});
