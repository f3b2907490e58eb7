/**
 * An allowlisted HTTP lookup: http_get may fetch only the hosts listed in allowHosts.
 *
 *   npx tooluse run examples/http-agent.ts --input "Is the example API healthy? Any open incidents?" \
 *     --replay fixtures/cassettes/http-agent.json
 *
 * What is real here: the allowlist check, the HTTP requests and the responses' handling. What is
 * not: the host. status.example.test is served by a tiny local server this example starts
 * (examples/support/status-server.ts), so the example runs offline. To use a real API, set
 * allowHosts to its host and drop the `fetch` and `allowHttp` options.
 */
import { defineAgent } from "../src/agent/define-agent.ts";
import { createHttpGetTool } from "../tools/http-get.ts";
import { localFetch, STATUS_HOST } from "./support/status-server.ts";

export default defineAgent({
  model: "ollama:mistral-nemo:12b",
  instructions: `You check service health. The status API is at http://${STATUS_HOST}/v1/ with the endpoints /status and /incidents. Fetch what you need with http_get and answer briefly.`,
  tools: [
    createHttpGetTool({ allowHosts: [STATUS_HOST], allowHttp: true, timeoutMs: 5000, fetch: localFetch }),
  ],
});
