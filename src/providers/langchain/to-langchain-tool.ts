/**
 * A tooluse Tool as a LangChain tool, for `createAgent`, ToolNode or `bindTools`. LangChain sees
 * the same JSON schema the tooluse executor shows models; the arguments are then validated with
 * the tool's zod schema (transforms and refinements apply exactly once, as in runAgent), and a
 * validation failure is a ToolInputParsingException, which LangChain's tool node reports to the
 * model. Results are strings as they are, anything else as JSON (as runAgent shows them).
 */
import {
  DynamicStructuredTool,
  ToolInputParsingException,
  type ToolRunnableConfig,
} from "@langchain/core/tools";
import type { Tool } from "../../tools/define-tool.ts";

export type LangChainTool = DynamicStructuredTool;

export function toLangChainTool(tool: Tool): LangChainTool {
  return new DynamicStructuredTool({
    name: tool.name,
    description: tool.description,
    schema: tool.parameters,
    func: async (input: unknown, _runManager, config?: ToolRunnableConfig) => {
      const parsed = tool.input.safeParse(input);
      if (!parsed.success) {
        const issues = parsed.error.issues.map(
          (issue) => `${issue.path.join(".") || "(root)"}: ${issue.message}`,
        );
        throw new ToolInputParsingException(
          `invalid arguments for ${tool.name}: ${issues.join("; ")}`,
          JSON.stringify(input),
        );
      }
      const result = await execute(tool, parsed.data, config);
      return resultText(result);
    },
  });
}

/** Runs the tool with the caller's signal, aborted too when the tool's own timeout passes. */
async function execute(tool: Tool, args: unknown, config: ToolRunnableConfig | undefined): Promise<unknown> {
  const controller = new AbortController();
  const outer = config?.signal;
  const onAbort = () => controller.abort(outer?.reason);
  if (outer?.aborted) onAbort();
  else outer?.addEventListener("abort", onAbort, { once: true });
  let timer: ReturnType<typeof setTimeout> | undefined;
  const context = { signal: controller.signal, callId: config?.toolCall?.id ?? "" };
  try {
    const work = Promise.resolve().then(() => tool.execute(args, context));
    if (tool.timeoutMs === undefined) return await work;
    const timeoutMs = tool.timeoutMs;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => {
        controller.abort(new Error("timeout"));
        reject(new Error(`${tool.name} did not finish within ${timeoutMs} ms`));
      }, timeoutMs);
    });
    work.catch(() => undefined);
    return await Promise.race([work, timeout]);
  } finally {
    clearTimeout(timer);
    outer?.removeEventListener("abort", onAbort);
  }
}

/** A tool result as the model reads it: strings as they are, anything else as JSON. */
function resultText(result: unknown): string {
  if (typeof result === "string") return result;
  if (result === undefined) return "null";
  try {
    return JSON.stringify(result);
  } catch {
    return String(result);
  }
}
