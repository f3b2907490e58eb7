/**
 * read_file and list_dir, confined to one root directory: paths are resolved against the root,
 * `..` and absolute paths that leave it are refused, symlinks are followed only when their
 * target stays inside, and reads are size-capped.
 */
import { lstat, open, readdir, realpath, stat } from "node:fs/promises";
import { isAbsolute, relative, resolve, sep } from "node:path";
import { z } from "zod";
import { defineTool } from "../src/tools/define-tool.ts";

export interface FileToolsOptions {
  /** The directory the tools may read; nothing outside it is reachable. */
  readonly root: string;
  /** Largest number of bytes read_file returns (default 64 KiB); longer files are cut and flagged. */
  readonly maxBytes?: number;
  /** Most entries list_dir returns (default 500). */
  readonly maxEntries?: number;
}

export class PathOutsideRootError extends Error {
  override readonly name = "PathOutsideRootError";
}

/** Resolves `path` inside `root` (both real paths), refusing anything that escapes it. */
export async function resolveInside(root: string, path: string): Promise<string> {
  const realRoot = await realpath(root);
  if (path.includes("\0")) throw new PathOutsideRootError("the path contains a NUL byte");
  const candidate = resolve(realRoot, isAbsolute(path) ? `.${sep}${path}` : path);
  if (!isInside(realRoot, candidate))
    throw new PathOutsideRootError(`"${path}" is outside the allowed folder`);
  let real: string;
  try {
    real = await realpath(candidate);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") throw new Error(`"${path}" does not exist`);
    throw error;
  }
  if (!isInside(realRoot, real))
    throw new PathOutsideRootError(`"${path}" leads outside the allowed folder (symlink)`);
  return real;
}

function isInside(root: string, path: string): boolean {
  const rel = relative(root, path);
  return rel === "" || (!rel.startsWith("..") && !isAbsolute(rel));
}

export function createFileTools(options: FileToolsOptions) {
  const maxBytes = options.maxBytes ?? 64 * 1024;
  const maxEntries = options.maxEntries ?? 500;
  const readFile = defineTool({
    name: "read_file",
    description: `Read a text file inside the working folder (at most ${maxBytes} bytes are returned). Paths are relative to the folder.`,
    input: z.object({ path: z.string().min(1).describe("File path relative to the working folder") }),
    execute: async ({ path }) => {
      const real = await resolveInside(options.root, path);
      const info = await stat(real);
      if (!info.isFile()) throw new Error(`"${path}" is not a file`);
      const handle = await open(real, "r");
      try {
        const buffer = Buffer.alloc(Math.min(maxBytes, info.size));
        const { bytesRead } = await handle.read(buffer, 0, buffer.length, 0);
        return {
          path,
          size: info.size,
          truncated: info.size > bytesRead,
          content: buffer.subarray(0, bytesRead).toString("utf8"),
        };
      } finally {
        await handle.close();
      }
    },
  });
  const listDir = defineTool({
    name: "list_dir",
    description: "List the entries of a folder inside the working folder (default: the folder itself).",
    input: z.object({ path: z.string().default(".").describe("Folder path relative to the working folder") }),
    execute: async ({ path }) => {
      const real = await resolveInside(options.root, path);
      const info = await stat(real);
      if (!info.isDirectory()) throw new Error(`"${path}" is not a folder`);
      const names = (await readdir(real)).sort();
      const entries = [];
      for (const name of names.slice(0, maxEntries)) {
        const entry = await lstat(resolve(real, name));
        entries.push({
          name,
          type: entry.isDirectory()
            ? "dir"
            : entry.isSymbolicLink()
              ? "symlink"
              : entry.isFile()
                ? "file"
                : "other",
          ...(entry.isFile() ? { size: entry.size } : {}),
        });
      }
      return { path, entries, truncated: names.length > maxEntries };
    },
  });
  return { readFile, listDir };
}
