/**
 * How `tooluse models` prints models: an aligned table, and one model's details.
 */
import { formatBytes, type ModelInfo } from "../models/model-info.ts";

const COLUMNS: readonly { readonly title: string; readonly value: (model: ModelInfo) => string }[] = [
  { title: "ID", value: (model) => model.id },
  { title: "FAMILY", value: (model) => model.family ?? "-" },
  { title: "PARAMS", value: (model) => model.parameterSize ?? "-" },
  { title: "QUANT", value: (model) => model.quantization ?? "-" },
  { title: "SIZE", value: (model) => formatBytes(model.sizeBytes) },
  {
    title: "CONTEXT",
    value: (model) => (model.contextLength === undefined ? "-" : String(model.contextLength)),
  },
  {
    title: "CAPABILITIES",
    value: (model) => `${model.capabilities.join(",")}${model.capabilitiesSource === "inferred" ? "*" : ""}`,
  },
  { title: "ADAPTER", value: (model) => model.adapter },
];

/** The table, with a footnote when some capabilities are inferred; "" for no models. */
export function modelsTable(models: readonly ModelInfo[]): string {
  if (models.length === 0) return "";
  const rows = [
    COLUMNS.map((column) => column.title),
    ...models.map((model) => COLUMNS.map((column) => column.value(model))),
  ];
  const widths = COLUMNS.map((_, index) => Math.max(...rows.map((row) => row[index]!.length)));
  const lines = rows.map((row) =>
    row
      .map((cell, index) => cell.padEnd(widths[index]!))
      .join("  ")
      .trimEnd(),
  );
  if (models.some((model) => model.capabilitiesSource === "inferred"))
    lines.push("* inferred from the model name and adapter (the server does not report capabilities)");
  return `${lines.join("\n")}\n`;
}

export function modelDetails(model: ModelInfo): string {
  const source = model.capabilitiesSource === "server" ? "reported by the server" : "inferred from the name";
  const fields: [string, string][] = [
    ["provider", model.provider],
    ["model", model.model],
    ["family", model.family ?? "-"],
    ["parameters", model.parameterSize ?? "-"],
    ["quantization", model.quantization ?? "-"],
    ["size on disk", formatBytes(model.sizeBytes)],
    ["context length", model.contextLength === undefined ? "-" : `${model.contextLength} tokens`],
    ["capabilities", `${model.capabilities.join(", ") || "-"} (${source})`],
    ["adapter", `${model.adapter} (format ${model.format})`],
  ];
  return `${model.id}\n${fields.map(([name, value]) => `  ${name.padEnd(15)} ${value}`).join("\n")}\n`;
}
