import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createHttpGetTool, hostAllowed } from "./http-get.ts";

let server: Server;
let base: string;
const context = () => ({ signal: new AbortController().signal, callId: "c1" });

beforeAll(async () => {
  server = createServer((request, response) => {
    if (request.url === "/big") {
      response.end("y".repeat(5000));
    } else if (request.url === "/slow") {
      setTimeout(() => response.end("late"), 2000);
    } else if (request.url === "/redirect") {
      response.writeHead(302, { location: "https://evil.example/" });
      response.end();
    } else {
      response.setHeader("content-type", "application/json");
      response.end('{"ok":true}');
    }
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

describe("http_get", () => {
  it("fetches from an allowed host", async () => {
    const tool = createHttpGetTool({ allowHosts: ["127.0.0.1"], allowHttp: true });
    await expect(tool.execute({ url: `${base}/data` }, context())).resolves.toMatchObject({
      status: 200,
      body: '{"ok":true}',
      contentType: "application/json",
    });
  });

  it("refuses other hosts, other schemes and credentials", async () => {
    const tool = createHttpGetTool({ allowHosts: ["127.0.0.1"], allowHttp: true });
    await expect(tool.execute({ url: "http://localhost:1/" }, context())).rejects.toThrow(
      "host localhost is not allowed",
    );
    await expect(tool.execute({ url: "file:///etc/passwd" }, context())).rejects.toThrow(
      "only https: and http:",
    );
    await expect(tool.execute({ url: `http://user:pw@127.0.0.1/` }, context())).rejects.toThrow(
      "credentials",
    );
    const httpsOnly = createHttpGetTool({ allowHosts: ["127.0.0.1"] });
    await expect(httpsOnly.execute({ url: `${base}/data` }, context())).rejects.toThrow("only https:");
  });

  it("caps the body, reports redirects without following them, and times out", async () => {
    const tool = createHttpGetTool({
      allowHosts: ["127.0.0.1"],
      allowHttp: true,
      maxBytes: 100,
      timeoutMs: 200,
    });
    await expect(tool.execute({ url: `${base}/big` }, context())).resolves.toMatchObject({
      body: "y".repeat(100),
      truncated: true,
    });
    await expect(tool.execute({ url: `${base}/redirect` }, context())).resolves.toMatchObject({
      status: 302,
      redirect: "https://evil.example/",
    });
    await expect(tool.execute({ url: `${base}/slow` }, context())).rejects.toThrow();
  });

  it("matches wildcard hosts", () => {
    expect(hostAllowed("api.example.com", ["*.example.com"])).toBe(true);
    expect(hostAllowed("example.com.evil.org", ["*.example.com"])).toBe(false);
    expect(hostAllowed("EXAMPLE.com", ["example.com"])).toBe(true);
  });
});
