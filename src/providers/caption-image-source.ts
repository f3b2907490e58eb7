/**
 * The image for a caption: a `data:image/...;base64,` URL or a file path (or `file:` URL), read
 * and checked before any request: at most `maxBytes`, and a PNG, JPEG, GIF or WebP by its first
 * bytes (not by its name or declared type, which may lie). Remote URLs are not fetched.
 */
import { readFile, stat } from "node:fs/promises";
import { fileURLToPath } from "node:url";
import { ToolUseError } from "../errors.ts";

export interface ImageData {
  readonly mimeType: ImageMimeType;
  /** The bytes as base64, without a data-URL prefix. */
  readonly base64: string;
  /** `data:<mimeType>;base64,<base64>`. */
  readonly dataUrl: string;
  readonly bytes: number;
}

export type ImageMimeType = "image/png" | "image/jpeg" | "image/gif" | "image/webp";

/** 20 MiB, OpenAI's per-image limit. */
export const DEFAULT_MAX_IMAGE_BYTES = 20 * 1024 * 1024;

const SUPPORTED = "PNG, JPEG, GIF or WebP";

/** Reads and checks the image; ToolUseError "file-not-readable" or "invalid-input" naming what is wrong. */
export async function loadImage(
  source: string,
  maxBytes: number = DEFAULT_MAX_IMAGE_BYTES,
): Promise<ImageData> {
  if (typeof source !== "string" || source.trim().length === 0)
    throw new ToolUseError("invalid-input", "the image must be a data URL or a file path");
  if (!Number.isInteger(maxBytes) || maxBytes < 1)
    throw new ToolUseError("invalid-input", `maxImageBytes must be a positive integer, got ${maxBytes}`);
  if (/^data:/i.test(source)) return fromDataUrl(source, maxBytes);
  if (/^https?:\/\//i.test(source))
    throw new ToolUseError(
      "invalid-input",
      `remote images are not fetched (${truncate(source)}): download it and pass the file path or a data URL`,
    );
  return fromFile(/^file:/i.test(source) ? fileURLToPath(source) : source, maxBytes);
}

function fromDataUrl(url: string, maxBytes: number): ImageData {
  const match = /^data:([^;,]*)((?:;[^;,]*)*),/i.exec(url);
  if (!match || !/;base64$/i.test(match[2] ?? ""))
    throw new ToolUseError(
      "invalid-input",
      `the image data URL must be base64, like data:image/png;base64,...; got ${truncate(url)}`,
    );
  const payload = url.slice(match[0].length).replace(/\s+/g, "");
  if (!/^[A-Za-z0-9+/]*={0,2}$/.test(payload))
    throw new ToolUseError("invalid-input", "the image data URL holds characters that are not base64");
  // Decoded size from the length, before decoding anything large.
  const size =
    Math.floor((payload.length * 3) / 4) - (payload.endsWith("==") ? 2 : payload.endsWith("=") ? 1 : 0);
  checkSize(size, maxBytes, "the image data URL");
  const bytes = Buffer.from(payload, "base64");
  return imageData(bytes, `the image data URL (declared ${match[1] || "no type"})`);
}

async function fromFile(path: string, maxBytes: number): Promise<ImageData> {
  let size: number;
  try {
    const info = await stat(path);
    if (!info.isFile())
      throw new ToolUseError("file-not-readable", `cannot read the image ${path}: it is not a file`);
    size = info.size;
  } catch (error) {
    if (ToolUseError.is(error)) throw error;
    throw new ToolUseError("file-not-readable", `cannot read the image ${path}: ${reason(error)}`, {
      cause: error,
    });
  }
  checkSize(size, maxBytes, `the image ${path}`);
  let bytes: Buffer;
  try {
    bytes = await readFile(path);
  } catch (error) {
    throw new ToolUseError("file-not-readable", `cannot read the image ${path}: ${reason(error)}`, {
      cause: error,
    });
  }
  checkSize(bytes.length, maxBytes, `the image ${path}`);
  return imageData(bytes, `the image ${path}`);
}

function imageData(bytes: Buffer, what: string): ImageData {
  if (bytes.length === 0) throw new ToolUseError("invalid-input", `${what} is empty`);
  const mimeType = sniffImageType(bytes);
  if (!mimeType)
    throw new ToolUseError(
      "invalid-input",
      `${what} is not a ${SUPPORTED} image (its first bytes are ${bytes.subarray(0, 8).toString("hex")})`,
    );
  const base64 = bytes.toString("base64");
  return { mimeType, base64, dataUrl: `data:${mimeType};base64,${base64}`, bytes: bytes.length };
}

/** The image type from the first bytes, or undefined for anything else. */
export function sniffImageType(bytes: Uint8Array): ImageMimeType | undefined {
  const starts = (...values: number[]) => values.every((value, index) => bytes[index] === value);
  const ascii = (text: string, offset = 0) =>
    [...text].every((char, index) => bytes[offset + index] === char.charCodeAt(0));
  if (starts(0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a)) return "image/png";
  if (starts(0xff, 0xd8, 0xff)) return "image/jpeg";
  if (ascii("GIF87a") || ascii("GIF89a")) return "image/gif";
  if (ascii("RIFF") && ascii("WEBP", 8)) return "image/webp";
  return undefined;
}

function checkSize(size: number, maxBytes: number, what: string): void {
  if (size > maxBytes)
    throw new ToolUseError(
      "invalid-input",
      `${what} is ${size} bytes, more than the ${maxBytes} allowed (maxImageBytes)`,
    );
}

function reason(error: unknown): string {
  const code = (error as { code?: unknown } | undefined)?.code;
  if (code === "ENOENT") return "no such file";
  if (code === "EACCES" || code === "EPERM") return "permission denied";
  if (code === "EISDIR") return "it is a directory";
  return typeof code === "string" ? code : error instanceof Error ? error.message : String(error);
}

function truncate(text: string, max = 60): string {
  return text.length > max ? `${text.slice(0, max)}...` : text;
}
