/**
 * The extra corpus (fixtures/extra/*.jsonl): public test cases from projects other than the main
 * corpus's sources (sglang, ollama, ...), run exactly like test/corpus.test.ts, with documented
 * expectation overrides in fixtures/extra/overrides/.
 */
import { corpusSuite, loadCases, loadOverrides } from "./helpers/corpus.ts";

corpusSuite("extra corpus", loadCases("extra"), loadOverrides("extra"));
