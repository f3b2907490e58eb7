/** Registrations of the xml family of formats (see index.ts). */
import type { FormatSpec } from "../format-spec.ts";
import { minicpm } from "./minicpm.ts";
import { morphXml } from "./morph-xml.ts";
import { qwen3Coder } from "./qwen3-coder.ts";
import { seedOss } from "./seed-oss.ts";

export const XML_FORMATS: readonly FormatSpec[] = [qwen3Coder, seedOss, morphXml, minicpm];
