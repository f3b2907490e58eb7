/**
 * calculator: arithmetic with a real expression parser (recursive descent), never eval.
 * Supports + - * / % ^ (right-associative), parentheses, unary signs, the constants pi and e,
 * and abs, ceil, cos, exp, floor, ln, log (base 10), log2, max, min, pow, round, sin, sqrt, tan.
 */
import { z } from "zod";
import { defineTool } from "../src/tools/define-tool.ts";

// Maps, not object literals: a name like "constructor" must never reach Object.prototype.
const FUNCTIONS = new Map<string, (...args: number[]) => number>(
  Object.entries({
    abs: Math.abs,
    ceil: Math.ceil,
    cos: Math.cos,
    exp: Math.exp,
    floor: Math.floor,
    ln: Math.log,
    log: Math.log10,
    log2: Math.log2,
    max: Math.max,
    min: Math.min,
    pow: Math.pow,
    round: Math.round,
    sin: Math.sin,
    sqrt: Math.sqrt,
    tan: Math.tan,
  }),
);
const CONSTANTS = new Map<string, number>([
  ["pi", Math.PI],
  ["e", Math.E],
]);
const MAX_LENGTH = 1000;
const MAX_DEPTH = 100;

export class ExpressionError extends Error {
  override readonly name = "ExpressionError";
}

type Token =
  | { kind: "number"; value: number; at: number }
  | { kind: "name"; value: string; at: number }
  | { kind: "op"; value: string; at: number };

function tokenize(source: string): Token[] {
  const tokens: Token[] = [];
  const pattern =
    /\s*(?:(\d+(?:\.\d*)?(?:[eE][-+]?\d+)?|\.\d+(?:[eE][-+]?\d+)?)|([A-Za-z_]\w*)|(\*\*|[-+*/%^(),]))/y;
  let at = 0;
  while (at < source.length) {
    if (/^\s*$/.test(source.slice(at))) break;
    pattern.lastIndex = at;
    const match = pattern.exec(source);
    if (!match) {
      const position = source.length - source.slice(at).trimStart().length;
      throw new ExpressionError(
        `unexpected character ${JSON.stringify(source[position])} at position ${position + 1}`,
      );
    }
    const start = match.index + match[0].length - (match[1] ?? match[2] ?? match[3] ?? "").length;
    if (match[1] !== undefined) tokens.push({ kind: "number", value: Number(match[1]), at: start });
    else if (match[2] !== undefined) tokens.push({ kind: "name", value: match[2], at: start });
    else tokens.push({ kind: "op", value: match[3] === "**" ? "^" : match[3]!, at: start });
    at = pattern.lastIndex;
  }
  return tokens;
}

/** Evaluates an arithmetic expression; throws ExpressionError with the position of the problem. */
export function evaluateExpression(source: string): number {
  if (source.length > MAX_LENGTH)
    throw new ExpressionError(`expression is longer than ${MAX_LENGTH} characters`);
  const tokens = tokenize(source);
  let index = 0;
  let depth = 0;
  const peek = () => tokens[index];
  const describe = (token: Token | undefined) =>
    token ? `${JSON.stringify(String(token.value))} at position ${token.at + 1}` : "the end";
  const expectOp = (op: string) => {
    const token = peek();
    if (token?.kind !== "op" || token.value !== op)
      throw new ExpressionError(`expected "${op}" but found ${describe(token)}`);
    index++;
  };
  const enter = () => {
    if (++depth > MAX_DEPTH) throw new ExpressionError(`expression nests deeper than ${MAX_DEPTH}`);
  };
  const sum = (): number => {
    let value = product();
    for (
      let token = peek();
      token?.kind === "op" && (token.value === "+" || token.value === "-");
      token = peek()
    ) {
      index++;
      value = token.value === "+" ? value + product() : value - product();
    }
    return value;
  };
  const product = (): number => {
    let value = unary();
    for (let token = peek(); token?.kind === "op" && "*/%".includes(token.value); token = peek()) {
      index++;
      const right = unary();
      if ((token.value === "/" || token.value === "%") && right === 0)
        throw new ExpressionError("division by zero");
      value = token.value === "*" ? value * right : token.value === "/" ? value / right : value % right;
    }
    return value;
  };
  const unary = (): number => {
    const token = peek();
    if (token?.kind === "op" && (token.value === "-" || token.value === "+")) {
      index++;
      enter();
      const value = unary();
      depth--;
      return token.value === "-" ? -value : value;
    }
    return power();
  };
  const power = (): number => {
    const base = primary();
    const token = peek();
    if (token?.kind === "op" && token.value === "^") {
      index++;
      enter();
      const exponent = unary();
      depth--;
      return base ** exponent;
    }
    return base;
  };
  const primary = (): number => {
    const token = peek();
    if (!token) throw new ExpressionError("the expression ends too early");
    index++;
    if (token.kind === "number") return token.value;
    if (token.kind === "op" && token.value === "(") {
      enter();
      const value = sum();
      expectOp(")");
      depth--;
      return value;
    }
    if (token.kind === "name") {
      const name = token.value.toLowerCase();
      const fn = FUNCTIONS.get(name);
      if (fn) {
        expectOp("(");
        enter();
        const args: number[] = [];
        if (!(peek()?.kind === "op" && peek()?.value === ")")) {
          args.push(sum());
          while (peek()?.kind === "op" && peek()?.value === ",") {
            index++;
            args.push(sum());
          }
        }
        expectOp(")");
        depth--;
        if (args.length === 0 && name !== "max" && name !== "min")
          throw new ExpressionError(`${name}() needs an argument`);
        return fn(...args);
      }
      const constant = CONSTANTS.get(name);
      if (constant !== undefined) return constant;
      throw new ExpressionError(
        `unknown name "${token.value}" at position ${token.at + 1}; functions: ${[...FUNCTIONS.keys()].join(", ")}; constants: pi, e`,
      );
    }
    throw new ExpressionError(`unexpected ${describe(token)}`);
  };
  if (tokens.length === 0) throw new ExpressionError("the expression is empty");
  const value = sum();
  if (index < tokens.length) throw new ExpressionError(`unexpected ${describe(tokens[index])}`);
  if (!Number.isFinite(value)) throw new ExpressionError(`the result is not a finite number (${value})`);
  return value;
}

export const calculator = defineTool({
  name: "calculator",
  description:
    "Evaluate an arithmetic expression exactly as written, e.g. '2 * (3 + 4) ^ 2' or 'sqrt(2) / 3'. Supports + - * / % ^, parentheses, pi, e and abs ceil cos exp floor ln log log2 max min pow round sin sqrt tan.",
  input: z.object({ expression: z.string().min(1).describe("The arithmetic expression to evaluate") }),
  execute: ({ expression }) => ({ expression, result: evaluateExpression(expression) }),
});
