/** Registrations of the pythonic family of formats (see index.ts). */
import type { FormatSpec } from "../format-spec.ts";

export const PYTHONIC_FORMATS: readonly FormatSpec[] = [];
