import type { Stats } from "node:fs";
import { lstat, open, readdir } from "node:fs/promises";
import path from "node:path";
import { Header } from "tar";

// The tar blocks of a backup archive, written entry by entry. A live cluster's files change
// while they are read: one may vanish (a dropped table), shrink (a truncated one) or grow.
// PostgreSQL's WAL replay repairs each of those, so a vanished file is left out, a shrunk one
// padded with zeros and a grown one cut at the size it had when its header was written;
// tar's own packer refuses all three.

const BLOCK = 512;
const CHUNK = 1 << 20;

function header(data: ConstructorParameters<typeof Header>[0]): Buffer {
  const h = new Header(data);
  // Every path in a backup is short and ASCII (cluster files, `secret`, the manifest).
  if (h.encode()) throw new Error(`path too long for a tar header: ${h.path}`);
  return h.block!;
}

const padding = (size: number) => Buffer.alloc((BLOCK - (size % BLOCK)) % BLOCK);

/** An entry for bytes held in memory (the manifest, backup_label). */
export function* bufferEntry(name: string, content: Buffer | string, mode = 0o600): Generator<Buffer> {
  const bytes = Buffer.isBuffer(content) ? content : Buffer.from(content);
  yield header({ path: name, mode, size: bytes.length, mtime: new Date(), type: "File" });
  yield bytes;
  yield padding(bytes.length);
}

/** The entry for one file or folder on disk; nothing when it is gone or of another kind. */
export async function* diskEntry(absolute: string, name: string): AsyncGenerator<Buffer> {
  const stat = await lstat(absolute).catch(() => null);
  if (!stat) return;
  const common = { mode: stat.mode & 0o7777, uid: stat.uid, gid: stat.gid, mtime: stat.mtime };
  if (stat.isDirectory()) {
    yield header({ ...common, path: `${name}/`, size: 0, type: "Directory" });
    return;
  }
  if (!stat.isFile()) return;
  const file = await open(absolute, "r").catch(() => null);
  if (!file) return;
  try {
    yield header({ ...common, path: name, size: stat.size, type: "File" });
    // Past the end of a file that shrank, reads return nothing and the chunk stays zeros,
    // which replay truncates or rewrites.
    for (let done = 0; done < stat.size; done += CHUNK) {
      const buffer = Buffer.alloc(Math.min(CHUNK, stat.size - done));
      await file.read(buffer, 0, buffer.length, done);
      yield buffer;
    }
    yield padding(stat.size);
  } finally {
    await file.close();
  }
}

/** The end of the archive: two zero blocks. */
export function* endOfArchive(): Generator<Buffer> {
  yield Buffer.alloc(BLOCK * 2);
}

/**
 * Every file and folder under `root` (depth first, sorted) as paths relative to it, minus
 * those `skip` names. A folder read while it is being removed counts as empty.
 */
export async function* walk(root: string, skip: (relative: string, stat: Stats) => boolean, relative = ""): AsyncGenerator<string> {
  const entries = await readdir(path.join(root, relative)).catch(() => [] as string[]);
  for (const name of entries.sort()) {
    const child = relative ? `${relative}/${name}` : name;
    const stat = await lstat(path.join(root, child)).catch(() => null);
    if (!stat || skip(child, stat)) continue;
    yield child;
    if (stat.isDirectory()) yield* walk(root, skip, child);
  }
}
