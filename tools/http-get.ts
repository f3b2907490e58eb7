/**
 * http_get: fetch a URL from an allowlist of hosts, with a timeout and a size cap.
 */
import { z } from "zod";
import { defineTool } from "../src/tools/define-tool.ts";

export interface HttpGetOptions {
  /** Host names (exact, or "*.example.com" for subdomains) the tool may fetch. Required. */
  readonly allowHosts: readonly string[];
  /** Per-request timeout in milliseconds (default 10 s). */
  readonly timeoutMs?: number;
  /** Largest response body returned, in bytes (default 256 KiB); longer bodies are cut and flagged. */
  readonly maxBytes?: number;
  /** Allow plain http:// (default: https only). */
  readonly allowHttp?: boolean;
  readonly fetch?: typeof fetch;
}

export function hostAllowed(host: string, allowHosts: readonly string[]): boolean {
  const name = host.toLowerCase();
  return allowHosts.some((pattern) => {
    const allowed = pattern.toLowerCase();
    return allowed.startsWith("*.") ? name.endsWith(allowed.slice(1)) : name === allowed;
  });
}

export function createHttpGetTool(options: HttpGetOptions) {
  if (options.allowHosts.length === 0) throw new Error("http_get needs at least one allowed host");
  const timeoutMs = options.timeoutMs ?? 10_000;
  const maxBytes = options.maxBytes ?? 256 * 1024;
  const fetcher = options.fetch ?? fetch;
  return defineTool({
    name: "http_get",
    description: `Fetch a web page or API response with HTTP GET. Allowed hosts: ${options.allowHosts.join(", ")}.`,
    input: z.object({ url: z.string().describe("The full URL to fetch") }),
    timeoutMs,
    execute: async ({ url }, { signal }) => {
      let parsed: URL;
      try {
        parsed = new URL(url);
      } catch {
        throw new Error(`"${url}" is not a valid URL`);
      }
      const schemes = options.allowHttp ? ["https:", "http:"] : ["https:"];
      if (!schemes.includes(parsed.protocol))
        throw new Error(`only ${schemes.join(" and ")} URLs are allowed, got ${parsed.protocol}`);
      if (parsed.username || parsed.password) throw new Error("URLs with credentials are not allowed");
      if (!hostAllowed(parsed.hostname, options.allowHosts)) {
        throw new Error(
          `host ${parsed.hostname} is not allowed; allowed hosts: ${options.allowHosts.join(", ")}`,
        );
      }
      const response = await fetcher(parsed, {
        signal: AbortSignal.any([signal, AbortSignal.timeout(timeoutMs)]),
        redirect: "manual",
      });
      if (response.status >= 300 && response.status < 400) {
        const location = response.headers.get("location");
        return { url, status: response.status, redirect: location, body: "", truncated: false };
      }
      const { text, truncated } = await readCapped(response, maxBytes);
      return {
        url,
        status: response.status,
        contentType: response.headers.get("content-type"),
        body: text,
        truncated,
      };
    },
  });
}

async function readCapped(
  response: Response,
  maxBytes: number,
): Promise<{ text: string; truncated: boolean }> {
  if (!response.body) return { text: "", truncated: false };
  const reader = response.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  let truncated = false;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    if (size + value.length > maxBytes) {
      chunks.push(value.subarray(0, maxBytes - size));
      truncated = true;
      await reader.cancel();
      break;
    }
    chunks.push(value);
    size += value.length;
  }
  return { text: Buffer.concat(chunks).toString("utf8"), truncated };
}
