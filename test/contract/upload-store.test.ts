// The upload store gives up a file over its cap while a write of the part file may still be in
// flight: that write's ERR_STREAM_DESTROYED must never escape as an uncaught exception (it once did,
// failing a CI run), the part file is gone, and the refusal is what a call naming the upload gets.
import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Readable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { UploadStore } from '../../core/node/uploads';

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'hb-upload-store-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('UploadStore.receive over the cap', () => {
  it('gives up the part file mid-write without an uncaught error, and reports the refusal', async () => {
    const store = new UploadStore(path.join(dir, 'u'));
    await store.init();
    const uncaught: unknown[] = [];
    const onUncaught = (e: unknown) => uncaught.push(e);
    process.on('uncaughtException', onUncaught);
    try {
      for (let round = 0; round < 20; round++) {
        // Chunks under the stream buffer arrive back to back: the first is written (write() returns
        // true, the fs write still in flight), the second crosses the cap.
        const chunk = Buffer.alloc(8 * 1024, 0x41);
        const body = Readable.from([chunk, chunk, chunk]);
        const id = store.newId();
        let overs = 0;
        const r = await store.receive(id, '发言.docx', body, 10 * 1024, () => overs++);
        expect(r.ok).toBe(false);
        expect(overs).toBe(1);
        const read = await store.read(id);
        expect(read.ok).toBe(false);
        if (!read.ok) expect(read.error.message).toContain('发言.docx');
      }
      await new Promise((res) => setTimeout(res, 50));
      expect(uncaught).toEqual([]);
      expect((await readdir(path.join(dir, 'u'))).filter((f) => f.endsWith('.part'))).toEqual([]);
    } finally {
      process.off('uncaughtException', onUncaught);
    }
  });
});
