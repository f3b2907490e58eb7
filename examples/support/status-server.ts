/**
 * A tiny HTTP server standing in for a status API, so the HTTP example runs offline. It serves
 * fixed JSON on 127.0.0.1 (a random port), starts on the first request, and never keeps the
 * process alive (unref). `localFetch` sends requests for the example's host to it.
 */
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";

/** The host the example allowlists; `.test` is reserved and never resolves on the internet. */
export const STATUS_HOST = "status.example.test";

const ROUTES: Record<string, unknown> = {
  "/v1/status": {
    service: "example-api",
    status: "degraded",
    components: [
      { name: "api", status: "operational" },
      { name: "search", status: "degraded" },
      { name: "billing", status: "operational" },
    ],
  },
  "/v1/incidents": {
    open: [
      {
        id: "INC-1042",
        title: "Search results delayed",
        component: "search",
        since: "2025-06-02T08:55:00Z",
        update: "Index rebuild in progress; results may be up to 10 minutes old.",
      },
    ],
  },
};

let started: Promise<string> | undefined;

function start(): Promise<string> {
  started ??= new Promise((resolve, reject) => {
    const server = createServer((request, response) => {
      const body = ROUTES[new URL(request.url ?? "/", "http://localhost").pathname];
      // connection: close, so no idle keep-alive socket holds the process open after the run.
      response.writeHead(body === undefined ? 404 : 200, {
        "content-type": "application/json",
        connection: "close",
      });
      response.end(JSON.stringify(body ?? { error: "not found" }));
    });
    server.on("error", reject);
    server.listen(0, "127.0.0.1", () => {
      server.unref();
      resolve(`127.0.0.1:${(server.address() as AddressInfo).port}`);
    });
  });
  return started;
}

/** fetch, with requests for STATUS_HOST answered by the local server (a real HTTP request). */
export async function localFetch(input: string | URL | Request, init?: RequestInit): Promise<Response> {
  const url = new URL(input instanceof Request ? input.url : String(input));
  if (url.hostname !== STATUS_HOST) return fetch(input, init);
  const local = new URL(url);
  local.host = await start();
  return fetch(local, init);
}
