// readRegularFile: a file comes back whole and byte for byte whatever its size (empty, one read, several reads), one
// over the limit is refused (or taken exactly at it), and what is not a regular file is refused.
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { readRegularFile } from '../../src/core/node-host';

describe('readRegularFile', () => {
  const dir = mkdtempSync(join(tmpdir(), 'mcpwk-read-'));
  after(() => rmSync(dir, { recursive: true, force: true }));
  const bytes = (n: number) => Buffer.from(Array.from({ length: n }, (_, i) => (i * 7 + 3) % 251));

  for (const n of [0, 1, 4096, 64 * 1024, 64 * 1024 + 1, 300_000]) {
    it(`reads a ${n}-byte file whole`, async () => {
      const file = join(dir, `f${n}`);
      writeFileSync(file, bytes(n));
      assert.deepEqual(Buffer.from(await readRegularFile(file)), bytes(n));
    });
  }

  it('refuses a file over the limit, and takes one exactly at it', async () => {
    const file = join(dir, 'limit');
    writeFileSync(file, bytes(1000));
    await assert.rejects(readRegularFile(file, 999), /larger than/);
    assert.equal((await readRegularFile(file, 1000)).length, 1000);
  });

  it('says so for something that is not a regular file', async () => {
    await assert.rejects(readRegularFile(dir), /not a regular file/);
  });
});
