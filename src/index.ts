/**
 * tooluse's public API. Named exports only; test/public-api.test.ts snapshots the list.
 */

export type { AdapterCapabilities, ModelAdapter, RenderOptions } from "../adapters/model-adapter.ts";
export { getAdapter, listAdapters, resolveAdapter } from "../adapters/registry.ts";
export { calculator, evaluateExpression } from "../tools/calculator.ts";
export { createCurrentTimeTool, currentTime } from "../tools/current-time.ts";
export { createFileTools } from "../tools/files.ts";
export { createHttpGetTool } from "../tools/http-get.ts";
export {
  type Agent,
  type AgentContext,
  type AgentDefinition,
  defineAgent,
} from "./agent/define-agent.ts";
export { type ErrorCode, ToolUseError } from "./errors.ts";
export type {
  AgentEvent,
  AgentResult,
  FallbackRecord,
  FinishReason,
  StepRecord,
  ToolCallRecord,
} from "./executor/agent-events.ts";
export type { ToolMode } from "./executor/model-turn.ts";
export { type AgentOptions, type FallbackOptions, runAgent, streamAgent } from "./executor/run-agent.ts";
export { hasToolCall, type StopCondition, stepCountIs } from "./executor/stop-conditions.ts";
export type { ChatMessage, TextMessage } from "./messages.ts";
export {
  type ChatModel,
  generate,
  type ModelMessage,
  type ModelRequest,
  type ModelResponse,
  type ModelStreamEvent,
  type Usage,
} from "./model.ts";
export {
  checkProviderHealth,
  HealthMonitor,
  type HealthStatus,
  type ProviderHealth,
} from "./models/health-check.ts";
export type { Capability, ModelInfo } from "./models/model-info.ts";
export { ModelRegistry, type ModelRegistryOptions, type ProviderListing } from "./models/model-registry.ts";
export { ModelRouter, pickTier, type RouteDecision, type RouteRequest } from "./models/model-router.ts";
export { loadTiers, parseTiers, TIERS, type Tier, type TierConfig } from "./models/model-tiers.ts";
export { type ProbeResult, probeModel } from "./models/probe-model.ts";
export { ProviderContext, type ProviderContextOptions } from "./models/provider-context.ts";
export { type PullProgress, pullModel } from "./models/pull-model.ts";
export { searchModels } from "./models/search-models.ts";
export { resolveFormatId } from "./parser/format-aliases.ts";
export { listFormats } from "./parser/formats/index.ts";
export { type ParseToolCallsOptions, parseToolCalls } from "./parser/parse-tool-calls.ts";
export { StreamParser, type StreamParserOptions } from "./parser/stream-parser.ts";
export { type ParserStreamEvent, streamToolCalls } from "./parser/stream-tool-calls.ts";
export { normalizeTools } from "./parser/tool-index.ts";
export {
  FORMAT_IDS,
  type FormatId,
  isFormatId,
  type JsonSchema,
  type ParseOptions,
  type ParseProblem,
  type ParseResult,
  type ParserEvent,
  type ProblemCode,
  type ToolCall,
  type ToolInput,
  type ToolSpec,
} from "./parser/types.ts";
export { type CaptionOptions, captionImage } from "./providers/caption-image.ts";
export { type CreateModelOptions, createModel } from "./providers/create-model.ts";
export {
  createEmbeddings,
  type Embeddings,
  type EmbeddingsOptions,
  type EmbedOptions,
} from "./providers/embeddings.ts";
export { type LangChainTool, toLangChainTool } from "./providers/langchain/to-langchain-tool.ts";
export {
  type TextToolCallingCallOptions,
  TextToolCallingChatModel,
  type TextToolCallingOptions,
  withTextToolCalling,
} from "./providers/langchain/with-text-tool-calling.ts";
export { type ModelSpec, PROVIDERS, type ProviderId, parseModelSpec } from "./providers/model-spec.ts";
export { ScriptedModel, type ScriptedStep } from "./testing/scripted-model.ts";
export { defineTool, type Tool, type ToolContext } from "./tools/define-tool.ts";
export type { LangChainToolLike } from "./tools/to-tool.ts";
