/** Registrations of the json family of formats (see index.ts). */
import type { FormatSpec } from "../format-spec.ts";
import { firefunctionV2 } from "./firefunction-v2.ts";
import { genericJson } from "./generic-json.ts";
import { gigachat3 } from "./gigachat3.ts";
import { granite } from "./granite.ts";
import { granite20bFc } from "./granite-20b-fc.ts";
import { hunyuanA13b } from "./hunyuan-a13b.ts";
import { internlm } from "./internlm.ts";
import { jamba } from "./jamba.ts";
import { json } from "./json.ts";
import { jsonList } from "./json-list.ts";
import { lfm2Json } from "./lfm2-json.ts";
import { llama3Json } from "./llama3-json.ts";
import { lmstudio } from "./lmstudio.ts";
import { longcat } from "./longcat.ts";
import { minimaxM1 } from "./minimax-m1.ts";
import { mistral } from "./mistral.ts";
import { mistralArgs } from "./mistral-args.ts";
import { mistralV11 } from "./mistral-v11.ts";
import { nemotronV2 } from "./nemotron-v2.ts";
import { phi4Mini } from "./phi4-mini.ts";
import { xlam } from "./xlam.ts";

export const JSON_FORMATS: readonly FormatSpec[] = [
  llama3Json,
  json,
  jsonList,
  genericJson,
  xlam,
  mistral,
  mistralV11,
  mistralArgs,
  granite,
  granite20bFc,
  internlm,
  jamba,
  hunyuanA13b,
  nemotronV2,
  phi4Mini,
  firefunctionV2,
  minimaxM1,
  longcat,
  gigachat3,
  lfm2Json,
  lmstudio,
];
