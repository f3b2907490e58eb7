/** Registrations of the special family of formats (see index.ts). */
import type { FormatSpec } from "../format-spec.ts";

export const SPECIAL_FORMATS: readonly FormatSpec[] = [];
