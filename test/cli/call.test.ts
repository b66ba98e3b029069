// `huibian call` reaches the one contract from a terminal: same validation, same error codes.
import { execFile } from 'node:child_process';
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { beforeAll, describe, expect, it } from 'vitest';
import { API_NAMES } from '../../core/contract';

const run = promisify(execFile);
const cli = (args: string[]) =>
  run(process.execPath, ['--import', 'tsx', 'cli/main.ts', 'call', ...args], {
    cwd: path.resolve(__dirname, '../..'),
  }).then(
    (r) => ({ code: 0, ...r }),
    (e: { code: number; stdout: string; stderr: string }) => ({ code: e.code, stdout: e.stdout, stderr: e.stderr }),
  );

let data: string;
beforeAll(async () => {
  data = await mkdtemp(path.join(tmpdir(), 'hb-call-'));
});

describe('huibian call', () => {
  it('lists every contract call', async () => {
    const r = await cli([]);
    expect(r.code).toBe(0);
    expect(r.stdout.trim().split('\n')).toEqual(API_NAMES);
  });

  it('creates the sample session and reads its statistics through the contract', async () => {
    const c = await cli([
      'sessions.create',
      JSON.stringify({ name: '第九次会议', template: 'sample' }),
      '--data',
      data,
    ]);
    expect(c.code).toBe(0);
    const id = JSON.parse(c.stdout).session.id as string;
    const s = await cli(['stats.get', JSON.stringify({ sessionId: id }), '--data', data]);
    expect(s.code).toBe(0);
    const stats = JSON.parse(s.stdout);
    expect(stats.totals.items).toBe(55);
    expect(stats.sections.map((x: { title: string; items: number }) => [x.title, x.items])).toEqual([
      ['大会发言', 10],
      ['书面发言', 30],
      ['调研报告', 15],
    ]);
    expect(stats.members.expected).toBe(55);
    expect(stats.members.received).toBe(55);
  });

  it('refuses bad input with the contract error code and a Chinese message', async () => {
    const r = await cli(['sessions.open', '{"sessionId":1}', '--data', data]);
    expect(r.code).toBe(1);
    expect(JSON.parse(r.stdout).error.code).toBe('contract.bad-input');
    expect(r.stderr).toContain('参数有误');
    const u = await cli(['no.such']);
    expect(u.code).toBe(2);
    expect(u.stderr).toContain('未知调用');
  });
});
