/** Registrations of the special family of formats (see index.ts). */
import type { FormatSpec } from "../format-spec.ts";
import { apertus } from "./apertus.ts";
import { commandA } from "./command-a.ts";
import { commandR } from "./command-r.ts";
import { commandR7b } from "./command-r7b.ts";
import { deepseekR1 } from "./deepseek-r1.ts";
import { deepseekV3 } from "./deepseek-v3.ts";
import { deepseekV31 } from "./deepseek-v31.ts";
import { functionaryV31 } from "./functionary-v3-1.ts";
import { functionaryV32 } from "./functionary-v3-2.ts";
import { gptOss } from "./gpt-oss.ts";
import { kimiK2 } from "./kimi-k2.ts";
import { react } from "./react.ts";

export const SPECIAL_FORMATS: readonly FormatSpec[] = [
  deepseekV3,
  deepseekR1,
  deepseekV31,
  kimiK2,
  apertus,
  commandR,
  commandR7b,
  commandA,
  gptOss,
  functionaryV31,
  functionaryV32,
  react,
];
