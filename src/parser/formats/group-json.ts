/** Registrations of the json family of formats (see index.ts). */
import type { FormatSpec } from "../format-spec.ts";

export const JSON_FORMATS: readonly FormatSpec[] = [];
