// The kept import report of a batch (keepImportReports): the app imports one file per call, and
// the calls of one batch add up to one report, read from the outputs folder once per batch (not
// once per file) and kept on every call so a reload mid-batch shows the files done so far.
import { describe, expect, it } from 'vitest';
import { createDispatcher, createLocalClient } from '../../core/contract';
import { memoryPorts } from '../../core/service/memory-ports';
import { createService } from '../../core/service/service';
import { IMPORT_RECORD_NAME } from '../../core/service/submission-bulk';
import { file, md } from '../contract/suite';

function must<T>(r: { ok: true; value: T } | { ok: false; error: { code: string; message: string } }): T {
  if (!r.ok) throw new Error(`expected ok, got ${r.error.code}: ${r.error.message}`);
  return r.value;
}

describe('kept import report of a batch', () => {
  it('reads the kept report once per batch and keeps every file of it', async () => {
    const ports = memoryPorts();
    const reads: string[] = [];
    const writes: string[] = [];
    const { read, write } = ports.outputs;
    ports.outputs.read = (sessionId, name) => {
      if (name === IMPORT_RECORD_NAME) reads.push(sessionId);
      return read.call(ports.outputs, sessionId, name);
    };
    ports.outputs.write = (sessionId, name, bytes) => {
      if (name === IMPORT_RECORD_NAME) writes.push(sessionId);
      return write.call(ports.outputs, sessionId, name, bytes);
    };
    const c = createLocalClient(createDispatcher(createService(ports)));
    const v0 = must(await c.call('sessions.create', { name: '导入批次', date: '2026-12-01' }));
    const sid = v0.session.id;
    let revision = v0.revision;
    const names = ['甲', '乙', '丙', '丁'];
    for (const n of names) {
      const files = [file(`${n}.md`, md(`${n}篇`, '市政协常委 丁建国'))];
      revision = must(await c.call('submissions.import', { sessionId: sid, revision, files, batch: 'b-1' })).revision;
      // After every file the kept report holds the batch so far.
      const kept = must(await c.call('imports.last', { sessionId: sid }));
      expect(kept?.entries.map((e) => e.name)).toEqual(names.slice(0, names.indexOf(n) + 1).map((x) => `${x}.md`));
    }
    const readsByImport = reads.length - names.length; // imports.last reads it once per call above
    expect(readsByImport).toBe(1);
    expect(writes.length).toBe(names.length);
    // A new batch starts a new report.
    const files = [file('戊.md', md('戊篇', '市政协常委 王五'))];
    must(await c.call('submissions.import', { sessionId: sid, revision, files, batch: 'b-2' }));
    const kept = must(await c.call('imports.last', { sessionId: sid }));
    expect(kept?.batch).toBe('b-2');
    expect(kept?.entries.map((e) => e.name)).toEqual(['戊.md']);
  });
});
