/**
 * Last line of defence before text reaches a cassette: error messages from providers may echo a
 * key or an Authorization header. Values of secret-looking environment variables and common key
 * shapes are replaced with "[redacted]".
 */

const SECRET_NAME = /(?:KEY|TOKEN|SECRET|PASSWORD|PASSWD|AUTH|CREDENTIAL)/i;
const SECRET_SHAPES: readonly RegExp[] = [
  /\bBearer\s+[^\s"',]+/gi,
  /\b(?:sk|pk|rk)-[A-Za-z0-9_-]{8,}/g,
  /\bhf_[A-Za-z0-9]{8,}/g,
  /([?&](?:api[_-]?key|key|token|access_token)=)[^&\s"']+/gi,
  /("?(?:api[_-]?key|authorization|x-api-key)"?\s*[:=]\s*"?)[^\s"',}]+/gi,
];
const REDACTED = "[redacted]";

/** Text with secrets replaced. `env` defaults to process.env; values shorter than 6 characters are left alone. */
export function redactSecrets(text: string, env: NodeJS.ProcessEnv = process.env): string {
  let result = text;
  for (const [name, value] of Object.entries(env)) {
    if (value && value.length >= 6 && SECRET_NAME.test(name)) result = result.split(value).join(REDACTED);
  }
  for (const shape of SECRET_SHAPES) {
    result = result.replace(shape, (match, prefix: unknown) =>
      typeof prefix === "string" && match.startsWith(prefix) ? `${prefix}${REDACTED}` : REDACTED,
    );
  }
  return result;
}
