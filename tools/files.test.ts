import { mkdir, mkdtemp, symlink, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { createFileTools } from "./files.ts";

const context = { signal: new AbortController().signal, callId: "c1" };
let root: string;
let outside: string;

beforeAll(async () => {
  const base = await mkdtemp(join(tmpdir(), "tooluse-files-"));
  root = join(base, "sandbox");
  outside = join(base, "outside");
  await mkdir(join(root, "docs"), { recursive: true });
  await mkdir(outside);
  await writeFile(join(root, "notes.txt"), "hello from the sandbox\n");
  await writeFile(join(root, "docs", "big.txt"), "x".repeat(100));
  await writeFile(join(outside, "secret.txt"), "do not read");
  await symlink(join(outside, "secret.txt"), join(root, "escape.txt"));
  await symlink(join(root, "notes.txt"), join(root, "alias.txt"));
});

describe("file tools", () => {
  it("reads a file inside the root and lists folders", async () => {
    const { readFile, listDir } = createFileTools({ root });
    await expect(readFile.execute({ path: "notes.txt" }, context)).resolves.toMatchObject({
      content: "hello from the sandbox\n",
      truncated: false,
    });
    const listing = await listDir.execute({ path: "." }, context);
    expect(listing.entries.map((entry) => `${entry.name}:${entry.type}`)).toEqual([
      "alias.txt:symlink",
      "docs:dir",
      "escape.txt:symlink",
      "notes.txt:file",
    ]);
  });

  it("caps reads at maxBytes and says so", async () => {
    const { readFile } = createFileTools({ root, maxBytes: 10 });
    await expect(readFile.execute({ path: "docs/big.txt" }, context)).resolves.toMatchObject({
      content: "x".repeat(10),
      size: 100,
      truncated: true,
    });
  });

  it.each([
    ["../outside/secret.txt", "outside the allowed folder"],
    ["docs/../../outside/secret.txt", "outside the allowed folder"],
    ["escape.txt", "leads outside the allowed folder"],
    ["missing.txt", "does not exist"],
  ])("refuses %s", async (path, message) => {
    const { readFile } = createFileTools({ root });
    await expect(readFile.execute({ path }, context)).rejects.toThrow(message);
  });

  it("treats absolute paths as relative to the root and follows symlinks that stay inside", async () => {
    const { readFile } = createFileTools({ root });
    await expect(readFile.execute({ path: "/notes.txt" }, context)).resolves.toMatchObject({
      path: "/notes.txt",
    });
    await expect(readFile.execute({ path: "alias.txt" }, context)).resolves.toMatchObject({
      content: "hello from the sandbox\n",
    });
    await expect(readFile.execute({ path: "/etc/passwd" }, context)).rejects.toThrow("does not exist");
  });
});
