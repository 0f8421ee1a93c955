// The WorkspaceHost over node:fs, for the CLI (synchronous calls) and the language server (asynchronous ones). Only regular files are read, at most
// MAX_FILE_BYTES of them (counted on the bytes actually read, so a file that grows or lies about its size is
// still bounded); a FIFO, a device or a symlink to one is refused before it can block or fill memory, and a
// folder that cannot be listed is skipped with its reason. Symbolic links are listed (so they are reported as
// skipped), never followed.
import { close, closeSync, constants, fstat, fstatSync, lstat, lstatSync, open, openSync, read, readdir, readdirSync, readSync, stat, statSync, type Dirent, type Stats } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { decodeSource } from './extract';
import { compareCodeUnits } from './text/compare';
import { formatBytes, IGNORED_FOLDERS, MAX_FILE_BYTES, type WorkspaceHost } from './workspace';

/**
 * The calls the host makes, in one of two kinds: node's asynchronous ones (the language server, which must keep
 * answering while it reads) and its synchronous ones (the CLI, a batch that waits for each file anyway: a read is
 * a system call, not a trip through the thread pool and a promise, about 20x faster per file). The code over them
 * is the same; awaiting a plain value costs a microtask.
 */
interface FileSystem {
  open(path: string, flags: number): number | Promise<number>;
  fstat(fd: number): Stats | Promise<Stats>;
  /** Reads into the whole buffer from the current position; the bytes read. */
  read(fd: number, buffer: Buffer): number | Promise<number>;
  close(fd: number): void | Promise<void>;
  stat(path: string): Stats | Promise<Stats>;
  lstat(path: string): Stats | Promise<Stats>;
  readdir(dir: string): Dirent[] | Promise<Dirent[]>;
}

const [openAsync, fstatAsync, readAsync, closeAsync, statAsync, lstatAsync, readdirAsync] = [promisify(open), promisify(fstat), promisify(read), promisify(close), promisify(stat), promisify(lstat), promisify(readdir)];
const ASYNC: FileSystem = {
  open: (path, flags) => openAsync(path, flags),
  fstat: (fd) => fstatAsync(fd),
  read: async (fd, buffer) => (await readAsync(fd, buffer, 0, buffer.length, null)).bytesRead,
  close: (fd) => closeAsync(fd),
  stat: (path) => statAsync(path),
  lstat: (path) => lstatAsync(path),
  readdir: (dir) => readdirAsync(dir, { withFileTypes: true }),
};
const SYNC: FileSystem = {
  open: openSync,
  fstat: (fd) => fstatSync(fd),
  read: (fd, buffer) => readSync(fd, buffer, 0, buffer.length, null),
  close: closeSync,
  stat: (path) => statSync(path),
  lstat: (path) => lstatSync(path),
  readdir: (dir) => readdirSync(dir, { withFileTypes: true }),
};

/** Reads a regular file of at most `max` bytes; any other file is an Error whose message says why. */
export function readRegularFile(path: string, max = MAX_FILE_BYTES): Promise<Uint8Array> {
  return readOver(ASYNC, path, max);
}

async function readOver(fs: FileSystem, path: string, max: number): Promise<Uint8Array> {
  return (await readOrRefuseLink(fs, path, max, false))!;
}

/** Whether a path is a symbolic link; false where it cannot be told (it vanished). */
async function isLink(fs: FileSystem, path: string): Promise<boolean> {
  try {
    return (await fs.lstat(path)).isSymbolicLink();
  } catch {
    return false;
  }
}

/**
 * readOver's reading; with `noFollow`, a symbolic link is undefined instead of followed, found by the open itself
 * (O_NOFOLLOW makes opening a link fail with ELOOP; an lstat then tells a link from a loop further up the path),
 * so a file listed costs no stat of its own. Where the system has no O_NOFOLLOW, an lstat comes first.
 */
async function readOrRefuseLink(fs: FileSystem, path: string, max: number, noFollow: boolean): Promise<Uint8Array | undefined> {
  if (noFollow && constants.O_NOFOLLOW === undefined && (await fs.lstat(path)).isSymbolicLink()) return undefined;
  let fd: number;
  try {
    // O_NONBLOCK: opening a FIFO must not wait for a writer. It changes nothing for a regular file.
    fd = await fs.open(path, constants.O_RDONLY | constants.O_NONBLOCK | (noFollow ? (constants.O_NOFOLLOW ?? 0) : 0));
  } catch (error) {
    if (noFollow && (error as NodeJS.ErrnoException).code === 'ELOOP' && (await isLink(fs, path))) return undefined;
    throw new Error(describeFsError(error as NodeJS.ErrnoException));
  }
  try {
    const info = await fs.fstat(fd);
    if (!info.isFile()) throw new Error(`not a regular file (${kindOf(info)}); only regular files are read`);
    const chunks: Buffer[] = [];
    let total = 0;
    // The first read asks for the size stat gave and one byte more: a file that did not grow since is read in one
    // call, its short read the end (a regular file reads short only there), with no second call to find it.
    // Unfilled bytes of a buffer are never handed on (only what was read is), so it need not be zeroed; it is its own
    // allocation, not a slice of Node's shared pool, so what is returned holds no other bytes behind it.
    let size = Math.min(info.size + 1, max + 1);
    for (;;) {
      const buffer = Buffer.allocUnsafeSlow(size);
      const bytesRead = await fs.read(fd, buffer);
      if (bytesRead === 0) break;
      chunks.push(buffer.subarray(0, bytesRead));
      total += bytesRead;
      if (total > max) throw new Error(`larger than ${formatBytes(max)} (the limit for files mcp-workflow reads)`);
      if (bytesRead < buffer.length) break;
      size = Math.min(64 * 1024, max + 1 - total);
    }
    return chunks.length === 1 ? chunks[0]! : Buffer.concat(chunks);
  } finally {
    await fs.close(fd);
  }
}

/**
 * Reads a regular file as UTF-8 text (readRegularFile's limits), without a byte order mark; binary or invalid
 * UTF-8 is an Error saying so, never text with U+FFFD where the bytes were.
 */
export async function readTextFile(path: string, max = MAX_FILE_BYTES): Promise<string> {
  const decoded = decodeSource(await readRegularFile(path, max));
  if ('skipped' in decoded) throw new Error(decoded.skipped);
  return decoded.text;
}

function kindOf(info: Stats): string {
  if (info.isFIFO()) return 'a FIFO';
  if (info.isCharacterDevice() || info.isBlockDevice()) return 'a device';
  if (info.isSocket()) return 'a socket';
  if (info.isDirectory()) return 'a directory';
  return 'not a file';
}

/** A file system error in words, e.g. "permission denied", without the stack. */
export function describeFsError(error: NodeJS.ErrnoException): string {
  switch (error.code) {
    case 'EACCES':
    case 'EPERM':
      return 'permission denied';
    case 'ENOENT':
      return 'no such file';
    case 'EISDIR':
      return 'is a directory';
    case 'ELOOP':
      return 'too many symbolic links';
    case 'EEXIST':
      return 'it already exists';
    default:
      return error.message;
  }
}

async function walk(fs: FileSystem, dir: string, out: string[], skip: (path: string, reason: string) => void): Promise<void> {
  let entries;
  try {
    entries = await fs.readdir(dir);
  } catch (error) {
    skip(dir, `cannot list this folder: ${describeFsError(error as NodeJS.ErrnoException)}`);
    return;
  }
  for (const entry of entries.sort((a, b) => compareCodeUnits(a.name, b.name))) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) {
      if (!IGNORED_FOLDERS.has(entry.name)) await walk(fs, path, out, skip);
    } else if (entry.isFile() || entry.isSymbolicLink()) {
      // A link is listed so that it is reported as skipped, never silently passed over.
      out.push(path);
    }
  }
}

function hostOver(fs: FileSystem): WorkspaceHost {
  return {
    readFile: (path, maxBytes = MAX_FILE_BYTES) => readOver(fs, path, maxBytes),
    isSymbolicLink: async (path) => (await fs.lstat(path)).isSymbolicLink(),
    readFileUnlessLink: (path, maxBytes = MAX_FILE_BYTES) => readOrRefuseLink(fs, path, maxBytes, true),
    async listFiles(path, skip = () => undefined) {
      const info = await fs.stat(path);
      if (!info.isDirectory()) return [path];
      const out: string[] = [];
      await walk(fs, path, out, skip);
      return out;
    },
  };
}

/** The host for a process that must keep answering while it reads (the language server). */
export const nodeHost: WorkspaceHost = hostOver(ASYNC);
/** The same host over synchronous calls, for a batch (the CLI): the same limits and refusals, each file read at once. */
export const nodeHostSync: WorkspaceHost = hostOver(SYNC);
