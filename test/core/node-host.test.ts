// The node host, over node's asynchronous calls (the language server) and its synchronous ones (the CLI): a file
// comes back whole and byte for byte whatever its size (empty, one read, several reads), one over the limit is
// refused (or taken exactly at it), what is not a regular file is refused (a FIFO without waiting for a writer),
// and both list the same files, links included, with the same folder skipped; a listed file is read unless it is
// a link, which the open itself refuses.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { chmodSync, mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { nodeHost, nodeHostSync, readRegularFile } from '../../src/core/node-host';

const bytes = (n: number) => Buffer.from(Array.from({ length: n }, (_, i) => (i * 7 + 3) % 251));

for (const [name, host] of [['nodeHost (asynchronous)', nodeHost], ['nodeHostSync', nodeHostSync]] as const) {
  describe(name, () => {
    const dir = mkdtempSync(join(tmpdir(), 'mcpwk-read-'));
    after(() => rmSync(dir, { recursive: true, force: true }));

    for (const n of [0, 1, 4096, 64 * 1024, 64 * 1024 + 1, 300_000]) {
      it(`reads a ${n}-byte file whole`, async () => {
        const file = join(dir, `f${n}`);
        writeFileSync(file, bytes(n));
        assert.deepEqual(Buffer.from(await host.readFile(file)), bytes(n));
      });
    }

    it('refuses a file over the limit, and takes one exactly at it', async () => {
      const file = join(dir, 'limit');
      writeFileSync(file, bytes(1000));
      await assert.rejects(host.readFile(file, 999), /larger than/);
      assert.equal((await host.readFile(file, 1000)).length, 1000);
    });

    it('says so for a folder, a FIFO (without blocking on it) and a missing file', async () => {
      await assert.rejects(host.readFile(dir), /not a regular file \(a directory\)/);
      const fifo = join(dir, 'fifo');
      assert.equal(spawnSync('mkfifo', [fifo]).status, 0);
      await assert.rejects(host.readFile(fifo), /not a regular file \(a FIFO\)/);
      await assert.rejects(host.readFile(join(dir, 'absent')), /^Error: no such file$/);
    });

    it('lists files and links in name order, and skips a folder it cannot list with the reason', async (t) => {
      const tree = join(dir, 'tree');
      mkdirSync(join(tree, 'b', 'node_modules'), { recursive: true });
      mkdirSync(join(tree, 'locked'));
      writeFileSync(join(tree, 'b', 'z.ts'), '');
      writeFileSync(join(tree, 'b', 'node_modules', 'dep.ts'), '');
      writeFileSync(join(tree, 'a.rs'), '');
      symlinkSync(join(tree, 'a.rs'), join(tree, 'link.rs'));
      const skipped: string[] = [];
      if (process.getuid?.() !== 0) chmodSync(join(tree, 'locked'), 0);
      const listed = await host.listFiles(tree, (path, reason) => skipped.push(`${path}: ${reason}`));
      chmodSync(join(tree, 'locked'), 0o755);
      assert.deepEqual(listed, [join(tree, 'a.rs'), join(tree, 'b', 'z.ts'), join(tree, 'link.rs')]);
      assert.equal(await host.isSymbolicLink!(join(tree, 'link.rs')), true);
      assert.equal(await host.isSymbolicLink!(join(tree, 'a.rs')), false);
      assert.deepEqual(await host.listFiles(join(tree, 'a.rs')), [join(tree, 'a.rs')]);
      if (process.getuid?.() === 0) t.diagnostic('running as root: every folder can be listed, so none is skipped');
      else assert.deepEqual(skipped, [`${join(tree, 'locked')}: cannot list this folder: permission denied`]);
    });

    it('reads a listed file unless it is a link, in the one open (a link to a file, a FIFO or nothing is refused)', async () => {
      const tree = join(dir, 'links');
      mkdirSync(join(tree, 'real'), { recursive: true });
      writeFileSync(join(tree, 'real', 'a.rs'), bytes(100));
      symlinkSync(join(tree, 'real', 'a.rs'), join(tree, 'to-file.rs'));
      symlinkSync(join(tree, 'nowhere.rs'), join(tree, 'dangling.rs'));
      assert.equal(spawnSync('mkfifo', [join(tree, 'fifo')]).status, 0);
      symlinkSync(join(tree, 'fifo'), join(tree, 'to-fifo.rs'));
      // A link in a folder above is not the file's own: the file is read, as an lstat of it would allow.
      symlinkSync(join(tree, 'real'), join(tree, 'via'));
      assert.deepEqual(Buffer.from((await host.readFileUnlessLink!(join(tree, 'real', 'a.rs')))!), bytes(100));
      assert.deepEqual(Buffer.from((await host.readFileUnlessLink!(join(tree, 'via', 'a.rs')))!), bytes(100));
      for (const link of ['to-file.rs', 'dangling.rs', 'to-fifo.rs']) assert.equal(await host.readFileUnlessLink!(join(tree, link)), undefined, link);
      await assert.rejects(host.readFileUnlessLink!(join(tree, 'absent.rs')), /^Error: no such file$/);
      await assert.rejects(host.readFileUnlessLink!(join(tree, 'fifo')), /not a regular file \(a FIFO\)/);
      await assert.rejects(host.readFileUnlessLink!(join(tree, 'real', 'a.rs'), 99), /larger than/);
      // readFile itself still follows a link (a path given on the command line is read).
      assert.deepEqual(Buffer.from(await host.readFile(join(tree, 'to-file.rs'))), bytes(100));
    });
  });
}

describe('readRegularFile', () => {
  it('is the asynchronous host\'s read', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'mcpwk-read-'));
    try {
      writeFileSync(join(dir, 'f'), bytes(10));
      assert.deepEqual(Buffer.from(await readRegularFile(join(dir, 'f'))), bytes(10));
      await assert.rejects(readRegularFile(join(dir, 'f'), 9), /larger than/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
