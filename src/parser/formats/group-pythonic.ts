/** Registrations of the pythonic family of formats (see index.ts). */
import type { FormatSpec } from "../format-spec.ts";
import { functiongemma } from "./functiongemma.ts";
import { gemma4 } from "./gemma4.ts";
import { lfm2 } from "./lfm2.ts";
import { llama3Builtin } from "./llama3-builtin.ts";
import { llama4Pythonic } from "./llama4-pythonic.ts";
import { olmo3 } from "./olmo3.ts";
import { pythonic } from "./pythonic.ts";

export const PYTHONIC_FORMATS: readonly FormatSpec[] = [
  pythonic,
  llama4Pythonic,
  lfm2,
  olmo3,
  llama3Builtin,
  gemma4,
  functiongemma,
];
