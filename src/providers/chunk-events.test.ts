import { AIMessageChunk } from "@langchain/core/messages";
import { describe, expect, it } from "vitest";
import { ChunkEventReader } from "./chunk-events.ts";

type Piece = { id?: string; name?: string; args?: string; index?: number };
const chunk = (tool_call_chunks: Piece[]) =>
  new AIMessageChunk({
    content: "",
    tool_call_chunks: tool_call_chunks.map((piece) => ({ ...piece, type: "tool_call_chunk" })),
  });

describe("ChunkEventReader", () => {
  it("joins OpenAI argument pieces by index, interleaved calls included", () => {
    const reader = new ChunkEventReader();
    reader.read(chunk([{ index: 0, id: "a", name: "f", args: "" }]));
    reader.read(chunk([{ index: 1, id: "b", name: "g", args: '{"y"' }]));
    reader.read(chunk([{ index: 0, args: '{"x":' }]));
    reader.read(chunk([{ index: 0, args: "1}" }]));
    reader.read(chunk([{ index: 1, args: ":2}" }]));
    expect(reader.finish()).toEqual([
      { type: "tool-call", call: { id: "a", name: "f", arguments: { x: 1 } } },
      { type: "tool-call", call: { id: "b", name: "g", arguments: { y: 2 } } },
    ]);
  });

  it("keeps whole calls that share index 0 but carry different ids apart (ChatOllama), numbering them", () => {
    const reader = new ChunkEventReader(false);
    reader.read(
      chunk([
        { index: 0, id: "uuid-1", name: "f", args: '{"a":1}' },
        { index: 0, id: "uuid-2", name: "f", args: '{"a":2}' },
      ]),
    );
    expect(reader.finish()).toEqual([
      { type: "tool-call", call: { id: "call_0", name: "f", arguments: { a: 1 } } },
      { type: "tool-call", call: { id: "call_1", name: "f", arguments: { a: 2 } } },
    ]);
  });

  it("repairs loose JSON, reads empty arguments as {}, and gives up on non-objects with {}", () => {
    const reader = new ChunkEventReader();
    reader.read(chunk([{ index: 0, id: "a", name: "f", args: "{'x': 1,}" }]));
    reader.read(chunk([{ index: 1, id: "b", name: "g", args: "" }]));
    reader.read(chunk([{ index: 2, id: "c", name: "h", args: "[1, 2]" }]));
    expect(
      reader.finish().map((event) => (event.type === "tool-call" ? event.call.arguments : null)),
    ).toEqual([{ x: 1 }, {}, {}]);
  });

  it("reads text, reasoning and usage; zero counts are no usage", () => {
    const reader = new ChunkEventReader();
    expect(
      reader.read(new AIMessageChunk({ content: "hi", additional_kwargs: { reasoning_content: "hm" } })),
    ).toEqual([
      { type: "reasoning-delta", text: "hm" },
      { type: "text-delta", text: "hi" },
    ]);
    reader.read(
      new AIMessageChunk({
        content: "",
        usage_metadata: { input_tokens: 0, output_tokens: 0, total_tokens: 0 },
      }),
    );
    expect(reader.finish()).toEqual([]);
    const counted = new ChunkEventReader();
    counted.read(
      new AIMessageChunk({
        content: "",
        usage_metadata: { input_tokens: 3, output_tokens: 4, total_tokens: 7 },
      }),
    );
    expect(counted.finish()).toEqual([
      { type: "usage", usage: { inputTokens: 3, outputTokens: 4, estimated: false } },
    ]);
  });
});
