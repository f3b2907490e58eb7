/**
 * Questions about files in one folder (examples/notes/): list_dir and read_file, confined to it
 * (`..`, absolute paths and symlinks that leave the folder are refused).
 *
 *   npx tooluse run examples/files-agent.ts --input "When is the launch, and who signs off on it?" \
 *     --replay fixtures/cassettes/files-agent.json
 */
import { fileURLToPath } from "node:url";
import { defineAgent } from "../src/agent/define-agent.ts";
import { createFileTools } from "../tools/files.ts";

const notes = fileURLToPath(new URL("./notes/", import.meta.url));
const { readFile, listDir } = createFileTools({ root: notes });

export default defineAgent({
  model: "ollama:llama3.1:8b",
  instructions:
    "You answer questions about the user's notes. Look at the folder with list_dir and read the files you need with read_file before answering; cite the file names you used.",
  tools: [listDir, readFile],
  maxSteps: 6,
});
