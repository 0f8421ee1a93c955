// Issue 13, case 16: run ids never collide, even for runs started in the same instant, and an audit log is
// opened exclusively, so two runs can never share one.
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { openAuditLog } from '../../src/core/workflow/audit';
import { newRunId } from '../../src/core/workflow/runner';
import { tempDir } from './helpers';

describe('run ids', () => {
  test('case 16: 100,000 ids made for the same instant are all distinct, sortable by time and safe as file names', () => {
    const now = new Date('2026-11-24T22:17:49.000Z');
    const ids = Array.from({ length: 100_000 }, () => newRunId(now));
    assert.equal(new Set(ids).size, ids.length);
    for (const id of ids.slice(0, 100)) assert.match(id, /^20261124-221749-[0-9a-f]+$/);
    assert.ok(newRunId(new Date('2026-11-24T22:17:50.000Z')) > ids[0]!, 'a later id sorts after');
  });

  test('case 16: an audit log opened for a new run refuses a file that already exists', () => {
    const file = join(tempDir(), 'run.audit.jsonl');
    writeFileSync(file, '{"already":"here"}\n');
    assert.throws(() => openAuditLog(file, { actor: 'ci', secrets: () => [], exclusive: true }), /EEXIST|exists/);
    const appended = openAuditLog(file, { actor: 'ci', secrets: () => [] });
    appended.close();
  });
});
