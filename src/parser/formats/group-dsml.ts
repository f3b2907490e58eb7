/** Registrations of the dsml family of formats (see index.ts). */
import type { FormatSpec } from "../format-spec.ts";
import { deepseekV4 } from "./deepseek-v4.ts";
import { deepseekV32 } from "./deepseek-v32.ts";
import { kimiK3 } from "./kimi-k3.ts";

export const DSML_FORMATS: readonly FormatSpec[] = [deepseekV32, deepseekV4, kimiK3];
