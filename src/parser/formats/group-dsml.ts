/** Registrations of the dsml family of formats (see index.ts). */
import type { FormatSpec } from "../format-spec.ts";

export const DSML_FORMATS: readonly FormatSpec[] = [];
