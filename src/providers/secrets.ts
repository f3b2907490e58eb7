/**
 * Secrets in provider failures: which strings of a provider's settings must never appear in a
 * message, a cause or a log (the API key, auth-like header values, a password in the base URL),
 * and removing them from texts and error causes.
 */
import type { ProviderSettings } from "./provider-config.ts";

/** Placeholder keys that servers without auth accept: sent, but not secrets. */
const PLACEHOLDER_KEYS = new Set(["EMPTY", "none", "ollama"]);

/**
 * The strings that must never appear in messages: the API key (unless a placeholder), the values
 * of auth-like configured headers, and a password in the base URL (fetch rejects such URLs with
 * an error that quotes them).
 */
export function providerSecrets(settings: ProviderSettings): string[] {
  const { apiKey, headers } = settings;
  const secrets = apiKey && !PLACEHOLDER_KEYS.has(apiKey) ? [apiKey] : [];
  for (const [name, value] of Object.entries(headers))
    if (/auth|key|token|secret/i.test(name)) secrets.push(value.replace(/^Bearer\s+/i, ""));
  const password = urlPassword(settings.baseUrl);
  if (password) secrets.push(password, decodeURIComponent(password));
  return secrets;
}

/** Removes every secret (and any `Bearer <token>`) from a text. */
export function redact(text: string, secrets: readonly string[]): string {
  let result = text;
  for (const secret of secrets) if (secret.length >= 4) result = result.split(secret).join("[redacted]");
  return result.replace(/(Bearer\s+)[^\s"',]+/gi, "$1[redacted]");
}

/**
 * A copy of the cause holding only its name and redacted message (and those of its own cause):
 * client errors can carry response bodies and headers, which must not reach logs.
 */
export function scrubbedCause(cause: unknown, secrets: readonly string[], depth = 0): Error {
  const inner = cause instanceof Error && cause.cause !== undefined && depth < 3 ? cause.cause : undefined;
  const copy = new Error(
    redact(cause instanceof Error ? cause.message : String(cause), secrets),
    inner === undefined ? undefined : { cause: scrubbedCause(inner, secrets, depth + 1) },
  );
  copy.name = cause instanceof Error ? cause.name : "Error";
  return copy;
}

function urlPassword(url: string): string | undefined {
  try {
    return new URL(url).password || undefined;
  } catch {
    return undefined; // not a URL: resolveProviderSettings already rejected it
  }
}
