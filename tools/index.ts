/** The built-in tools, each safe by default. */
export { calculator, evaluateExpression } from "./calculator.ts";
export { createCurrentTimeTool, currentTime } from "./current-time.ts";
export { createFileTools, resolveInside } from "./files.ts";
export { createHttpGetTool } from "./http-get.ts";
