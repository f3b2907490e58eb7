/** Registrations of the glm family of formats (see index.ts). */
import type { FormatSpec } from "../format-spec.ts";
import { glm4Moe } from "./glm4-moe.ts";
import { glm47 } from "./glm47.ts";
import { hyV3 } from "./hy-v3.ts";
import { minimaxM2 } from "./minimax-m2.ts";
import { minimaxM3 } from "./minimax-m3.ts";
import { step3 } from "./step3.ts";

export const GLM_FORMATS: readonly FormatSpec[] = [glm4Moe, glm47, hyV3, minimaxM2, minimaxM3, step3];
