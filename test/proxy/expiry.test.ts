// Identifiers that expire, through the real proxy to the real example server: report_export mints an export_id
// (a one-time download, valid until expires_at) and report_download answers EXPIRED naming report_export. A client
// that passes the expired ID again is reported at that call with the value and the tools; one that gets a new ID
// from report_export is not; a call after the minting result's expires_at is reported even before any answer says so.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { ConformanceFinding } from '../../src/core/proxy/conformance';
import { runCli } from '../cli/run-cli';
import { readTrace } from './helpers';
import { call, topCustomer, traced, type Script } from './scripts';

interface Structured {
  structuredContent?: Record<string, unknown>;
  content: { type: string; text?: string }[];
  isError?: boolean;
}

async function exportId(client: Parameters<Script>[0], args: Record<string, unknown> = {}): Promise<string> {
  const made = (await call(client, 'report_export', { customer_id: await topCustomer(client), ...args })) as Structured;
  return String(made.structuredContent?.['export_id']);
}

async function download(client: Parameters<Script>[0], export_id: string): Promise<Structured> {
  return (await call(client, 'report_download', { export_id })) as Structured;
}

/** A one-time export used up: the second download answers EXPIRED. Returns the expired ID. */
async function useUp(client: Parameters<Script>[0]): Promise<string> {
  const id = await exportId(client);
  assert.equal((await download(client, id)).isError, undefined);
  assert.match((await download(client, id)).content[0]?.text ?? '', /^EXPIRED: /);
  return id;
}

const reusesExpired: Script = async (client) => {
  const id = await useUp(client);
  await download(client, id);
};

const refreshes: Script = async (client) => {
  await useUp(client);
  const fresh = await exportId(client);
  assert.equal((await download(client, fresh)).isError, undefined);
};

const pastExpiresAt: Script = async (client) => {
  const id = await exportId(client, { ttl_seconds: 0, max_downloads: 5 });
  await download(client, id);
};

function verify(trace: string): { status: number | null; findings: ConformanceFinding[] } {
  const r = runCli(['verify', trace, '--format', 'json']);
  assert.equal(r.stderr, '');
  return { status: r.status, findings: (JSON.parse(r.stdout) as { findings: ConformanceFinding[] }).findings };
}

function downloadLines(trace: string): number[] {
  return readTrace(trace).filter((l) => l.kind === 'request' && l.tool === 'report_download').map((l) => l.line);
}

describe('verify: an ID used after the tool that minted it said it expired', () => {
  it('a client passing an export_id after EXPIRED: trace-expired-id at that call, with the value and the tools', async () => {
    const { trace } = await traced(reusesExpired, false);
    const { status, findings } = verify(trace);
    assert.equal(status, 1);
    const [, expiredAnswer, reuse] = downloadLines(trace);
    const id = readTrace(trace).find((l) => l.kind === 'request' && l.tool === 'report_download')?.arguments as { export_id: string };
    assert.deepEqual(findings.map((f) => ({ ruleId: f.ruleId, line: f.line, value: f.value, mintedBy: f.mintedBy, renewWith: f.renewWith })), [
      { ruleId: 'trace-expired-id', line: reuse, value: id.export_id, mintedBy: 'report_export', renewWith: 'report_export' },
    ]);
    assert.match(findings[0]!.message, new RegExp(`argument "export_id" of report_download at line ${reuse} is "${id.export_id}", which report_download's answer at line ${expiredAnswer! + 1} said had expired; it was minted by report_export \\(line \\d+, /export_id\\); get a new one from report_export`));
  });

  it('a client that gets a new export_id from report_export after EXPIRED: no finding', async () => {
    const { trace } = await traced(refreshes, false);
    assert.equal(downloadLines(trace).length, 3);
    assert.deepEqual(verify(trace), { status: 0, findings: [] });
  });

  it("a call after the minting result's expires_at: trace-expired-id at that call, naming the expires_at field", async () => {
    const { trace } = await traced(pastExpiresAt, false);
    const { status, findings } = verify(trace);
    assert.equal(status, 1);
    assert.deepEqual(findings.map((f) => [f.ruleId, f.line, f.mintedBy]), [['trace-expired-id', downloadLines(trace)[0], 'report_export']]);
    assert.match(findings[0]!.message, /report_export's result \(line \d+, \/expires_at\) said expires at \d{4}-\d\d-\d\dT[\d:.]+Z; the call came \d+ ms after that/);
  });
});
