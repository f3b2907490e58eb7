/**
 * The regression corpus (fixtures/corpus/: 460 real outputs from vLLM's and llama.cpp's parser
 * tests): every case one-shot and streamed, with the format given and auto-detected.
 */
import { corpusSuite, loadCases, loadOverrides } from "./helpers/corpus.ts";

corpusSuite("corpus", loadCases("corpus"), loadOverrides("corpus"));
