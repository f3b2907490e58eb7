import { describe, expect, it } from "vitest";
import { calculator, evaluateExpression } from "./calculator.ts";

describe("calculator", () => {
  it.each([
    ["1 + 2 * 3", 7],
    ["(1 + 2) * 3", 9],
    ["2 ^ 3 ^ 2", 512],
    ["2 ** 10", 1024],
    ["-2 ^ 2", -4],
    ["10 % 4", 2],
    ["sqrt(16) + abs(-3)", 7],
    ["max(1, 5, 3) - min(4, 2)", 3],
    ["round(pi * 100) / 100", 3.14],
    [".5 + 1e3", 1000.5],
    ["log(1000)", 3],
  ])("evaluates %s", (expression, expected) => {
    expect(evaluateExpression(expression)).toBeCloseTo(expected, 10);
  });

  it.each([
    ["", "empty"],
    ["1 +", "ends too early"],
    ["2 * (3", 'expected ")"'],
    ["1 / 0", "division by zero"],
    ["foo(2)", 'unknown name "foo"'],
    ["process.exit()", 'unexpected character "." at position 8'],
    ["constructor", 'unknown name "constructor"'],
    ["1 ; 2", "unexpected character"],
    ["(".repeat(200), "deeper"],
    ["sqrt(-1)", "not a finite number"],
  ])("rejects %j with a clear message", (expression, message) => {
    expect(() => evaluateExpression(expression)).toThrow(message);
  });

  it("is a tool whose JSON schema asks for an expression", async () => {
    expect(calculator.parameters).toMatchObject({ type: "object", required: ["expression"] });
    const signal = new AbortController().signal;
    await expect(
      Promise.resolve(calculator.execute({ expression: "6*7" }, { signal, callId: "c1" })),
    ).resolves.toEqual({
      expression: "6*7",
      result: 42,
    });
  });
});
