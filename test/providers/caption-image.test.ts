/**
 * captionImage drives the real ChatOllama and ChatOpenAI against the scripted servers: the exact
 * wire form of the image each server received, the image checks (type by content, size cap,
 * unreadable files), and the retry and error policy shared with chat models.
 */
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { ToolUseError } from "../../src/errors.ts";
import {
  type CaptionOptions,
  captionImage,
  DEFAULT_CAPTION_PROMPT,
} from "../../src/providers/caption-image.ts";
import { loadImage, sniffImageType } from "../../src/providers/caption-image-source.ts";
import { startOllamaServer } from "../servers/ollama-server.ts";
import { startOpenAIServer } from "../servers/openai-server.ts";
import type { ScriptServer, ScriptStep } from "../servers/script-server.ts";
import { testOptions } from "./provider-helpers.ts";

/** A real 1x1 PNG. */
const PNG_BASE64 =
  "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==";
/** The start of a JFIF JPEG (the type is told by these bytes). */
const JPEG_BYTES = Buffer.from([
  0xff, 0xd8, 0xff, 0xe0, 0x00, 0x10, 0x4a, 0x46, 0x49, 0x46, 0x00, 0x01, 0xff, 0xd9,
]);

let dir = "";
let pngPath = "";
const servers: ScriptServer[] = [];

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), "tooluse-caption-"));
  pngPath = join(dir, "pixel.png");
  await writeFile(pngPath, Buffer.from(PNG_BASE64, "base64"));
});

afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

afterEach(async () => {
  await Promise.all(servers.splice(0).map((server) => server.close()));
});

async function ollama(...steps: ScriptStep[]): Promise<ScriptServer> {
  const server = await startOllamaServer(steps);
  servers.push(server);
  return server;
}

async function openai(...steps: ScriptStep[]): Promise<ScriptServer> {
  const server = await startOpenAIServer(steps);
  servers.push(server);
  return server;
}

function captionOptions(overrides: CaptionOptions = {}): CaptionOptions & { readonly sleeps: number[] } {
  const base = testOptions();
  return { ...base, ...overrides, sleeps: base.sleeps };
}

async function failure(promise: Promise<unknown>): Promise<ToolUseError> {
  try {
    await promise;
  } catch (error) {
    if (ToolUseError.is(error)) return error;
    throw error;
  }
  throw new Error("expected a ToolUseError");
}

describe("captions: the wire form", () => {
  it("ollama: the file's base64 in `images` (no data-URL prefix), then the prompt", async () => {
    const server = await ollama({
      type: "reply",
      reasoning: "A tiny image.",
      text: ["A single ", "red pixel. "],
    });
    const caption = await captionImage(
      "ollama:qwen2.5vl:7b",
      pngPath,
      captionOptions({ baseUrl: server.origin }),
    );
    expect(caption).toBe("A single red pixel.");
    const body = server.chatBody();
    expect(body.model).toBe("qwen2.5vl:7b");
    expect(body.stream).toBe(true);
    expect(body.messages).toEqual([
      { role: "user", content: "", images: [PNG_BASE64] },
      { role: "user", content: DEFAULT_CAPTION_PROMPT },
    ]);
    server.assertDone();
  });

  it("openai-compatible: one user message with an image_url part (a data URL) and a text part", async () => {
    const server = await openai({ type: "reply", text: "A JPEG." });
    const dataUrl = `data:image/jpeg;base64,${JPEG_BYTES.toString("base64")}`;
    const caption = await captionImage(
      "vllm:Qwen/Qwen2.5-VL-7B-Instruct",
      dataUrl,
      captionOptions({ baseUrl: `${server.origin}/v1`, prompt: "What is in the picture?" }),
    );
    expect(caption).toBe("A JPEG.");
    const body = server.chatBody();
    expect(body.stream).not.toBe(true);
    expect(body.messages).toEqual([
      {
        role: "user",
        content: [
          { type: "image_url", image_url: { url: dataUrl } },
          { type: "text", text: "What is in the picture?" },
        ],
      },
    ]);
    expect(server.chatRequests[0]?.headers.authorization).toBe("Bearer EMPTY");
    server.assertDone();
  });

  it("a file: URL is read like a path, and the type comes from the bytes, not the name", async () => {
    const misnamed = join(dir, "actually-a-png.jpg");
    await writeFile(misnamed, Buffer.from(PNG_BASE64, "base64"));
    const server = await openai({ type: "reply", text: "ok" });
    await captionImage(
      "openai:gpt-4o-mini",
      pathToFileURL(misnamed).href,
      captionOptions({ baseUrl: `${server.origin}/v1`, apiKey: "sk-test-key" }),
    );
    const content = (server.chatBody().messages as { content: { image_url?: { url: string } }[] }[])[0]
      ?.content;
    expect(content?.[0]?.image_url?.url).toBe(`data:image/png;base64,${PNG_BASE64}`);
  });
});

describe("captions: the image checks (before any request)", () => {
  it("a missing file, a directory: file-not-readable naming the path", async () => {
    const missing = await failure(captionImage("ollama:llava", join(dir, "nope.png"), captionOptions()));
    expect(missing.code).toBe("file-not-readable");
    expect(missing.message).toBe(`cannot read the image ${join(dir, "nope.png")}: no such file`);
    const directory = await failure(captionImage("ollama:llava", dir, captionOptions()));
    expect(directory.code).toBe("file-not-readable");
    expect(directory.message).toBe(`cannot read the image ${dir}: it is not a file`);
  });

  it("a file that is not a supported image: invalid-input", async () => {
    const svg = join(dir, "logo.svg");
    await writeFile(svg, "<svg xmlns='http://www.w3.org/2000/svg'/>");
    const error = await failure(captionImage("ollama:llava", svg, captionOptions()));
    expect(error.code).toBe("invalid-input");
    expect(error.message).toMatch(/is not a PNG, JPEG, GIF or WebP image \(its first bytes are 3c737667/);
  });

  it("over the size cap: invalid-input, for files and data URLs", async () => {
    const fromFile = await failure(
      captionImage("ollama:llava", pngPath, captionOptions({ maxImageBytes: 16 })),
    );
    expect(fromFile.code).toBe("invalid-input");
    expect(fromFile.message).toBe(
      `the image ${pngPath} is 70 bytes, more than the 16 allowed (maxImageBytes)`,
    );
    const fromUrl = await failure(
      captionImage(
        "ollama:llava",
        `data:image/png;base64,${PNG_BASE64}`,
        captionOptions({ maxImageBytes: 16 }),
      ),
    );
    expect(fromUrl.message).toBe("the image data URL is 70 bytes, more than the 16 allowed (maxImageBytes)");
  });

  it("bad data URLs and remote URLs: invalid-input", async () => {
    const cases: [string, RegExp][] = [
      ["data:image/svg+xml,%3Csvg%2F%3E", /must be base64/],
      ["data:image/png;base64,***", /not base64/],
      [
        `data:image/png;base64,${Buffer.from("plain text").toString("base64")}`,
        /^the image data URL \(declared image\/png\) is not a PNG, JPEG, GIF or WebP image/,
      ],
      ["https://example.com/cat.png", /remote images are not fetched/],
      ["", /a data URL or a file path/],
    ];
    for (const [source, message] of cases) {
      const error = await failure(captionImage("ollama:llava", source, captionOptions()));
      expect(error.code, source).toBe("invalid-input");
      expect(error.message, source).toMatch(message);
    }
  });

  it("tells the type from the first bytes", () => {
    expect(sniffImageType(Buffer.from(PNG_BASE64, "base64"))).toBe("image/png");
    expect(sniffImageType(JPEG_BYTES)).toBe("image/jpeg");
    expect(sniffImageType(Buffer.from("GIF89a...."))).toBe("image/gif");
    expect(sniffImageType(Buffer.from("RIFF\u0000\u0000\u0000\u0000WEBPVP8 "))).toBe("image/webp");
    expect(sniffImageType(Buffer.from("%PDF-1.7"))).toBeUndefined();
  });
});

describe("captions: provider failures", () => {
  it("retries a 500 and a torn stream, then captions", async () => {
    const server = await ollama(
      { type: "error", status: 500, message: "llama runner process has terminated" },
      { type: "reply", text: ["half", " a caption"], tearAfterChunks: 1 },
      { type: "reply", text: "A pixel." },
    );
    const options = captionOptions({ baseUrl: server.origin, maxRetries: 2 });
    expect(await captionImage("ollama:llava", pngPath, options)).toBe("A pixel.");
    expect(options.sleeps).toEqual([375, 750]);
    server.assertDone();
  });

  it("401: provider-auth at once, and the key appears nowhere in the error", async () => {
    const key = "sk-caption-secret-42";
    const server = await openai({
      type: "error",
      status: 401,
      message: `Incorrect API key provided: ${key}`,
    });
    const options = captionOptions({ baseUrl: `${server.origin}/v1`, apiKey: key });
    const error = await failure(captionImage("openai:gpt-4o-mini", pngPath, options));
    expect(error.code).toBe("provider-auth");
    expect(error.message).toBe(
      `openai:gpt-4o-mini at ${server.origin}/v1: HTTP 401, the API key was rejected: Incorrect API key provided: [redacted]`,
    );
    expect(JSON.stringify([error.message, String(error.cause), (error.cause as Error).stack])).not.toContain(
      key,
    );
    expect(options.sleeps).toEqual([]);
  });

  it("a model without vision (the server's 400) is a provider-error with its message", async () => {
    const server = await ollama({ type: "error", status: 400, message: "model does not support images" });
    const error = await failure(
      captionImage("ollama:qwen2.5-coder:7b", pngPath, captionOptions({ baseUrl: server.origin })),
    );
    expect(error.code).toBe("provider-error");
    expect(error.message).toBe(
      `ollama:qwen2.5-coder:7b at ${server.origin}: HTTP 400: model does not support images`,
    );
  });

  it("an empty answer is a provider-error, and the caller's abort is aborted", async () => {
    const server = await ollama({ type: "reply", text: "  " }, { type: "hang" });
    const empty = await failure(
      captionImage("ollama:llava", pngPath, captionOptions({ baseUrl: server.origin })),
    );
    expect(empty.message).toBe("ollama:llava returned an empty caption");
    const controller = new AbortController();
    const pending = failure(
      captionImage(
        "ollama:llava",
        pngPath,
        captionOptions({ baseUrl: server.origin, signal: controller.signal }),
      ),
    );
    setTimeout(() => controller.abort(), 20);
    expect((await pending).code).toBe("aborted");
  });
});

it("loadImage reports the bytes and builds the data URL", async () => {
  const image = await loadImage(pngPath);
  expect(image).toEqual({
    mimeType: "image/png",
    base64: PNG_BASE64,
    dataUrl: `data:image/png;base64,${PNG_BASE64}`,
    bytes: 70,
  });
});
