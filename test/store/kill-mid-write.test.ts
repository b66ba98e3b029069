// S1: a process killed with SIGKILL in the middle of a burst of saves leaves a session.json that
// parses and equals the last acknowledged state or the one being written after it; a stray temp
// file is ignored on the next open.
import { spawn } from 'node:child_process';
import { readFile, readdir } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { DiskSessionStore } from '../../core/node/store/session-store';
import { nodeFs } from '../../core/node/store/fs-port';
import { burstDoc } from './fixtures/burst-doc';
import { useTempDir } from './helpers';

const here = path.dirname(fileURLToPath(import.meta.url));

function burstAndKill(dataDir: string, id: string, killAfterAcks: number): Promise<{ lastAck: number; acks: number }> {
  return new Promise((resolve, reject) => {
    const child = spawn(
      process.execPath,
      ['--import', 'tsx', path.join(here, 'fixtures', 'save-burst.ts'), dataDir, id],
      { stdio: ['ignore', 'pipe', 'pipe'] },
    );
    let buf = '';
    let lastAck = -1;
    let acks = 0;
    let killed = false;
    let err = '';
    child.stderr.on('data', (d) => (err += d));
    child.stdout.on('data', (d: Buffer) => {
      buf += d.toString();
      let i: number;
      while ((i = buf.indexOf('\n')) >= 0) {
        const line = buf.slice(0, i);
        buf = buf.slice(i + 1);
        const m = /^ack (\d+)$/.exec(line);
        if (m) {
          lastAck = Number(m[1]);
          acks++;
          if (acks >= killAfterAcks && !killed) {
            killed = true;
            child.kill('SIGKILL');
          }
        }
      }
    });
    child.on('exit', (code, signal) => {
      if (signal === 'SIGKILL') resolve({ lastAck, acks });
      else reject(new Error(`child exited ${code}: ${err}`));
    });
  });
}

describe('S1 killed mid-write', () => {
  const t = useTempDir();

  it('leaves the last acknowledged state (or the next one) after SIGKILL, three times over', async () => {
    const id = 'burst';
    const seen: string[] = [];
    for (const killAfter of [15, 40, 90]) {
      const { lastAck } = await burstAndKill(t.dir, id, killAfter);
      expect(lastAck).toBeGreaterThan(0);
      const file = path.join(t.dir, 'sessions', id, 'session.json');
      const json = JSON.parse(await readFile(file, 'utf8'));
      const rev = json.$store.revision as number;
      expect(rev === lastAck || rev === lastAck + 1).toBe(true);
      const { $store: _s, ...doc } = json;
      expect(doc).toEqual(JSON.parse(JSON.stringify(burstDoc(id, rev))));
      seen.push(`${lastAck}→${rev}`);
      // The next open (a restarted app) reads it normally, stray temp files or not.
      const temps = (await readdir(path.join(t.dir, 'sessions', id))).filter((n) => n.endsWith('.tmp')).length;
      if (temps) seen.push(`(${temps} temp file ignored)`);
      const store = new DiskSessionStore({ dataDir: t.dir, fs: nodeFs });
      const o = await store.open(id);
      expect(o.ok && o.value.status === 'ok' && o.value.revision).toBe(rev);
      await store.close(id);
    }
    // The owner's open removed whatever temp files the kills left.
    const leftovers = (await readdir(path.join(t.dir, 'sessions', id))).filter((n) => n.endsWith('.tmp'));
    expect(leftovers).toEqual([]);
    console.log(`S1: acknowledged→on disk ${seen.join(', ')}`);
  }, 60_000);
});
