/**
 * The format registry. Each format lives in its own module; the group lists keep the
 * registrations of related families together.
 */
import type { FormatSpec } from "../format-spec.ts";
import type { FormatId } from "../types.ts";
import { gigachat35 } from "./gigachat35.ts";
import { glm53Flash } from "./glm53-flash.ts";
import { DSML_FORMATS } from "./group-dsml.ts";
import { GLM_FORMATS } from "./group-glm.ts";
import { JSON_FORMATS } from "./group-json.ts";
import { PYTHONIC_FORMATS } from "./group-pythonic.ts";
import { SPECIAL_FORMATS } from "./group-special.ts";
import { XML_FORMATS } from "./group-xml.ts";
import { hermes } from "./hermes.ts";
import { inkling } from "./inkling.ts";
import { museGlimmer } from "./muse-glimmer.ts";
import { plamo3 } from "./plamo3.ts";
import { toolUse } from "./tool-use.ts";

let registry: Map<FormatId, FormatSpec> | undefined;

function load(): Map<FormatId, FormatSpec> {
  if (!registry) {
    registry = new Map();
    for (const format of [
      toolUse,
      hermes,
      ...JSON_FORMATS,
      ...XML_FORMATS,
      ...GLM_FORMATS,
      ...DSML_FORMATS,
      ...PYTHONIC_FORMATS,
      ...SPECIAL_FORMATS,
      museGlimmer,
      inkling,
      plamo3,
      gigachat35,
      glm53Flash,
    ]) {
      if (registry.has(format.id)) throw new Error(`format ${format.id} is registered twice`);
      registry.set(format.id, format);
    }
  }
  return registry;
}

export function allFormats(): FormatSpec[] {
  return [...load().values()];
}

export function getFormat(id: FormatId): FormatSpec {
  const format = load().get(id);
  if (!format) throw new Error(`format ${id} is not implemented`);
  return format;
}

export function hasFormat(id: string): boolean {
  return load().has(id as FormatId);
}

/** Every supported format: id and a one-line description of its wire format. */
export function listFormats(): { id: FormatId; description: string }[] {
  return allFormats().map((format) => ({ id: format.id, description: format.description }));
}
