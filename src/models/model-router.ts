/**
 * Picks a model tier per request and falls back when the tier's provider is down.
 *
 * The tier: the request's explicit `tier`, else this heuristic (first match wins):
 *
 * | rule                                                                           | tier       |
 * |--------------------------------------------------------------------------------|------------|
 * | a keyword asking for depth: analyze, debug, refactor, architecture, design, plan, prove, step by step, trade-off, optimize | `complex`  |
 * | input longer than 4000 characters, or more than 8 tools                        | `complex`  |
 * | input longer than 500 characters, or more than 2 tools, or any code fence      | `balanced` |
 * | anything else                                                                  | `fast`     |
 *
 * The fallback: when the chosen tier's provider is not healthy (HealthMonitor), the next cheaper
 * configured tier is tried (complex -> balanced -> fast), then the dearer ones; tiers that are not
 * configured are passed over. A fallback is never silent: the decision lists what was skipped and why.
 */
import { ToolUseError } from "../errors.ts";
import type { ChatMessage } from "../messages.ts";
import { type ProviderId, parseModelSpec } from "../providers/model-spec.ts";
import type { ProviderHealth } from "./health-check.ts";
import { TIERS, type Tier, type TierConfig } from "./model-tiers.ts";

export interface RouteRequest {
  /** The user input, or the conversation (all message contents count). */
  readonly input: string | readonly ChatMessage[];
  /** The tools offered (a count or the list). */
  readonly tools?: number | readonly unknown[];
  /** Forces the tier (the heuristic is skipped; the fallback still applies). */
  readonly tier?: Tier;
}

export interface TierChoice {
  readonly tier: Tier;
  /** Why, in words: "explicit", "keyword \"refactor\"", "9 tools" ... */
  readonly reason: string;
}

export interface RouteDecision {
  /** The tier the request asked for or the heuristic chose. */
  readonly requestedTier: Tier;
  readonly reason: string;
  /** The tier used (differs from requestedTier after a fallback). */
  readonly tier: Tier;
  readonly spec: string;
  /** Tiers passed over before `tier`, with why. */
  readonly skipped: readonly { readonly tier: Tier; readonly spec: string; readonly reason: string }[];
}

export interface HealthSource {
  checkOne(provider: ProviderId): Promise<ProviderHealth>;
}

const COMPLEX_KEYWORDS =
  /\b(analy[sz]e|analysis|debug|refactor|architecture|design|plan|prove|proof|step[- ]by[- ]step|trade-?offs?|optimi[sz]e)\b/i;
export const COMPLEX_CHARACTERS = 4_000;
export const BALANCED_CHARACTERS = 500;
export const COMPLEX_TOOLS = 8;
export const BALANCED_TOOLS = 2;

/** The tier for a request: explicit, else the heuristic in the module comment (pure). */
export function pickTier(request: RouteRequest): TierChoice {
  if (request.tier) return { tier: request.tier, reason: "explicit" };
  const text =
    typeof request.input === "string"
      ? request.input
      : request.input.map((message) => message.content).join("\n");
  const tools = typeof request.tools === "number" ? request.tools : (request.tools?.length ?? 0);
  const keyword = COMPLEX_KEYWORDS.exec(text);
  if (keyword) return { tier: "complex", reason: `keyword "${keyword[0].toLowerCase()}"` };
  if (text.length > COMPLEX_CHARACTERS) return { tier: "complex", reason: `${text.length} characters` };
  if (tools > COMPLEX_TOOLS) return { tier: "complex", reason: `${tools} tools` };
  if (text.length > BALANCED_CHARACTERS) return { tier: "balanced", reason: `${text.length} characters` };
  if (tools > BALANCED_TOOLS) return { tier: "balanced", reason: `${tools} tools` };
  if (text.includes("```")) return { tier: "balanced", reason: "a code block" };
  return { tier: "fast", reason: "short input, few tools" };
}

/** The order tiers are tried in, starting at `tier`: cheaper ones first, then dearer ones. */
export function fallbackChain(tier: Tier): Tier[] {
  const index = TIERS.indexOf(tier);
  return [...TIERS.slice(0, index + 1).reverse(), ...TIERS.slice(index + 1)];
}

export class ModelRouter {
  constructor(
    private readonly tiers: TierConfig,
    private readonly health: HealthSource,
  ) {}

  /** The model for a request; a ToolUseError "provider-unreachable" when no configured tier is healthy. */
  async route(request: RouteRequest): Promise<RouteDecision> {
    const choice = pickTier(request);
    const skipped: { tier: Tier; spec: string; reason: string }[] = [];
    for (const tier of fallbackChain(choice.tier)) {
      const spec = this.tiers[tier];
      if (spec === undefined) continue;
      const health = await this.health.checkOne(parseModelSpec(spec).provider);
      if (health.status === "healthy")
        return { requestedTier: choice.tier, reason: choice.reason, tier, spec, skipped };
      skipped.push({
        tier,
        spec,
        reason: `${health.provider} is ${health.status}: ${health.error ?? "unknown"}`,
      });
    }
    const tried = skipped.map((entry) => `${entry.tier} (${entry.spec}): ${entry.reason}`).join("; ");
    throw new ToolUseError(
      "provider-unreachable",
      tried
        ? `no model tier is available: ${tried}`
        : "no model tiers are configured (tiers in tooluse.config.json)",
    );
  }
}
