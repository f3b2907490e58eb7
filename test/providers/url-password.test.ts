/**
 * A password in a base URL (http://user:pass@host) must not leak through chat errors: fetch
 * refuses such URLs and quotes them in its message.
 */
import { expect, it } from "vitest";
import { generate } from "../../src/model.ts";
import { createModel } from "../../src/providers/create-model.ts";

it.each(["ollama:qwen2.5-coder:7b", "vllm:Qwen/Qwen2.5-Coder-7B-Instruct"])(
  "keeps the base URL's password out of %s errors",
  async (spec) => {
    const model = createModel(spec, {
      baseUrl: "http://someone:hunter2-pass@127.0.0.1:9/v1",
      maxRetries: 0,
      config: false,
      env: {},
    });
    const error = await generate(model, { messages: [{ role: "user", content: "hi" }] }).then(
      () => undefined,
      (failure: unknown) => failure,
    );
    expect(error).toBeInstanceOf(Error);
    const seen = JSON.stringify(error, Object.getOwnPropertyNames(error)) + String((error as Error).cause);
    expect((error as Error).message).not.toContain("hunter2");
    expect(seen).not.toContain("hunter2");
  },
);
