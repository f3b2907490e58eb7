/** Registrations of the glm family of formats (see index.ts). */
import type { FormatSpec } from "../format-spec.ts";
import { dots } from "./dots.ts";
import { glm4 } from "./glm4.ts";
import { glm4Moe } from "./glm4-moe.ts";
import { glm47 } from "./glm47.ts";
import { hyV3 } from "./hy-v3.ts";
import { hyV4 } from "./hy-v4.ts";
import { iquestCoderV2 } from "./iquest-coder-v2.ts";
import { k2Horizon } from "./k2-horizon.ts";
import { minimaxM2 } from "./minimax-m2.ts";
import { minimaxM3 } from "./minimax-m3.ts";
import { solarOpen2 } from "./solar-open2.ts";
import { step3 } from "./step3.ts";

export const GLM_FORMATS: readonly FormatSpec[] = [
  glm4Moe,
  glm47,
  hyV3,
  hyV4,
  iquestCoderV2,
  dots,
  k2Horizon,
  minimaxM2,
  minimaxM3,
  solarOpen2,
  step3,
  glm4,
];
