/**
 * Mistral adapters (v3/Nemo and v11/Small 3.2). Oracle tests read
 * ../shared/templates/mistralai-Mistral-Nemo-Instruct-2407.jinja and
 * ../shared/templates/Mistral-Small-3.2-24B-Instruct-2506.jinja and skip visibly when missing.
 */
import { describe, expect, it } from "vitest";
import type { ChatMessage } from "../src/messages.ts";
import { hasFormat } from "../src/parser/formats/index.ts";
import { mistralAdapter, mistralSmallAdapter } from "./mistral.ts";
import {
  FIRST_TURN,
  MULTI_TURN,
  ONE_CALL,
  PLAIN,
  SAMPLE_CALLS,
  TOOLS,
  TWO_CALLS,
} from "./shared-a-fixtures.ts";
import { mistralCallId } from "./shared-a-mistral.ts";
import { formatTitle, oracleTemplate, renderOracle } from "./shared-a-oracle.ts";

const NEMO = "mistralai-Mistral-Nemo-Instruct-2407.jinja";
const SMALL = "Mistral-Small-3.2-24B-Instruct-2506.jinja";
const nemo = oracleTemplate(NEMO, "mistral (Nemo)");
const small = oracleTemplate(SMALL, "mistral-small-3.2");
const TOKENS = { bos_token: "<s>", eos_token: "</s>" };
const RENDER = { bosToken: "<s>", eosToken: "</s>", date: new Date(2025, 2, 7) };
const fixedNow = (format: string): string => {
  if (format !== "%Y-%m-%d") throw new Error(`unexpected strftime format ${format}`);
  return "2025-03-07";
};
const cases = { PLAIN, FIRST_TURN, ONE_CALL, TWO_CALLS, MULTI_TURN, ENDS_WITH_ANSWER: ONE_CALL.slice(0, 5) };

/** ONE_CALL with ids our parser generates (not 9 characters). */
const SHORT_IDS: readonly ChatMessage[] = ONE_CALL.map((message) => {
  if (message.role === "tool") return { ...message, toolCallId: "call_0" };
  if (message.role === "assistant" && message.toolCalls)
    return { ...message, toolCalls: message.toolCalls.map((call) => ({ ...call, id: "call_0" })) };
  return message;
});
const MAPPED_IDS: readonly ChatMessage[] = SHORT_IDS.map((message) => {
  if (message.role === "tool") return { ...message, toolCallId: mistralCallId("call_0") };
  if (message.role === "assistant" && message.toolCalls)
    return {
      ...message,
      toolCalls: message.toolCalls.map((call) => ({ ...call, id: mistralCallId(call.id) })),
    };
  return message;
});

describe.skipIf(!nemo.exists)(nemo.title, () => {
  for (const [name, messages] of Object.entries(cases)) {
    it(`${name} with tools is byte-identical`, () => {
      expect(mistralAdapter.renderPrompt(messages, TOOLS, RENDER)).toBe(
        renderOracle(NEMO, messages, TOOLS, { extra: TOKENS }),
      );
    });
    it(`${name} without tools is byte-identical`, () => {
      expect(mistralAdapter.renderPrompt(messages, [], RENDER)).toBe(
        renderOracle(NEMO, messages, undefined, { extra: TOKENS }),
      );
    });
  }
  it("maps other call ids to 9 characters, the same for the call and its result", () => {
    expect(() => renderOracle(NEMO, SHORT_IDS, TOOLS, { extra: TOKENS })).toThrow(/length 9/);
    expect(mistralAdapter.renderPrompt(SHORT_IDS, TOOLS, RENDER)).toBe(
      renderOracle(NEMO, MAPPED_IDS, TOOLS, { extra: TOKENS }),
    );
  });
  it("raises when turns do not alternate, as the template does", () => {
    const broken = ONE_CALL.slice(0, 4).concat([{ role: "user", content: "next" }]);
    expect(() => renderOracle(NEMO, broken, TOOLS, { extra: TOKENS })).toThrow(/alternate/);
    expect(() => mistralAdapter.renderPrompt(broken, TOOLS, RENDER)).toThrow(/alternate/);
  });
});

describe.skipIf(!small.exists)(small.title, () => {
  for (const [name, messages] of Object.entries(cases)) {
    it(`${name} with tools is byte-identical`, () => {
      expect(mistralSmallAdapter.renderPrompt(messages, TOOLS, RENDER)).toBe(
        renderOracle(SMALL, messages, TOOLS, { extra: TOKENS, strftimeNow: fixedNow }),
      );
    });
    it(`${name} without tools and without a system message is byte-identical`, () => {
      const rest = messages.filter((message) => message.role !== "system");
      expect(mistralSmallAdapter.renderPrompt(rest, [], RENDER)).toBe(
        renderOracle(SMALL, rest, undefined, { extra: TOKENS, strftimeNow: fixedNow }),
      );
    });
  }
  it("maps other call ids to 9 characters", () => {
    expect(mistralSmallAdapter.renderPrompt(SHORT_IDS, TOOLS, RENDER)).toBe(
      renderOracle(SMALL, MAPPED_IDS, TOOLS, { extra: TOKENS, strftimeNow: fixedNow }),
    );
  });
});

describe("mistral ids", () => {
  it("keeps 9-alphanumeric ids and maps others stably to 9 alphanumerics", () => {
    expect(mistralCallId("abcDEF123")).toBe("abcDEF123");
    const mapped = mistralCallId("call_0");
    expect(mapped).toMatch(/^[a-z0-9]{9}$/);
    expect(mistralCallId("call_0")).toBe(mapped);
    expect(mistralCallId("call_1")).not.toBe(mapped);
  });
});

describe("mistral formatMessages", () => {
  it("v3: tool list in the system text, calls as a [TOOL_CALLS] list, results as a user turn", () => {
    expect(
      mistralAdapter.formatMessages(ONE_CALL.slice(0, 4), [{ name: "ping", description: "Ping." }]),
    ).toEqual([
      {
        role: "system",
        content:
          'You are a careful assistant.\n\n[AVAILABLE_TOOLS][{"type": "function", "function": {"name": "ping", "description": "Ping."}}][/AVAILABLE_TOOLS]',
      },
      { role: "user", content: "Weather in Paris?" },
      {
        role: "assistant",
        content:
          '[TOOL_CALLS][{"name": "get_weather", "arguments": {"city": "Paris", "unit": "celsius"}, "id": "call00001"}]',
      },
      {
        role: "user",
        content:
          '[TOOL_RESULTS]{"content": {"temperature": 21, "sky": "clear"}, "call_id": "call00001"}[/TOOL_RESULTS]',
      },
    ]);
  });

  it("v11: the default system text when none is given, calls with [CALL_ID] and [ARGS]", () => {
    const out = mistralSmallAdapter.formatMessages(TWO_CALLS.slice(1, 5), [{ name: "ping" }]);
    expect(out[0]?.content).toMatch(/^You are Mistral Small 3, .*The current date is \d{4}-\d\d-\d\d\./s);
    expect(
      out[0]?.content.endsWith(
        '\n\n[AVAILABLE_TOOLS][{"type": "function", "function": {"name": "ping"}}][/AVAILABLE_TOOLS]',
      ),
    ).toBe(true);
    expect(out.slice(2)).toEqual([
      {
        role: "assistant",
        content:
          'Let me check both.[TOOL_CALLS]get_weather[CALL_ID]call00001[ARGS]{"city": "Paris"}' +
          '[TOOL_CALLS]search_docs[CALL_ID]call00002[ARGS]{"query": "rate limits", "limit": 3, "filters": {"tags": ["api", "quota"]}}',
      },
      {
        role: "user",
        content:
          "[TOOL_RESULTS]call00001[TOOL_CONTENT]Sunny, 24 C[/TOOL_RESULTS]" +
          '[TOOL_RESULTS]call00002[TOOL_CONTENT][{"title": "Limits", "url": "/limits"}][/TOOL_RESULTS]',
      },
    ]);
  });
});

for (const adapter of [mistralAdapter, mistralSmallAdapter]) {
  const registered = hasFormat(adapter.format);
  describe.skipIf(!registered)(formatTitle(`${adapter.id} parse`, adapter.format, registered), () => {
    it("parses the assistant text it renders back to the same calls", () => {
      const calls = SAMPLE_CALLS.map((call, index) => ({ id: `c${index}`, ...call }));
      const [assistant] = adapter.formatMessages([{ role: "assistant", content: "", toolCalls: calls }], []);
      const result = adapter.parse(`${assistant!.content}</s>`, TOOLS);
      expect(result.toolCalls.map(({ name, arguments: args }) => ({ name, arguments: args }))).toEqual(
        SAMPLE_CALLS,
      );
      expect(result.content).toBe("");
      expect(result.problems).toEqual([]);
    });
  });
}
