/** Registrations of the xml family of formats (see index.ts). */
import type { FormatSpec } from "../format-spec.ts";

export const XML_FORMATS: readonly FormatSpec[] = [];
