/** Registrations of the glm family of formats (see index.ts). */
import type { FormatSpec } from "../format-spec.ts";

export const GLM_FORMATS: readonly FormatSpec[] = [];
