// The service with the bare in-memory ports (no roster files port, no printer, the basic sorter):
// every new call still answers with a clear Chinese error or works in its reduced form — nothing
// crashes, and a GBK roster is refused rather than imported as mojibake. Also roster import modes.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import iconv from 'iconv-lite';
import { createDispatcher, createLocalClient, type Client } from '../../core/contract';
import { createService, type Service } from '../../core/service/service';
import { memoryPorts } from '../../core/service/memory-ports';
import { nodeRosterFiles } from '../../core/node/ports';
import { must, fileInput as file } from '../helpers/result';

const enc = new TextEncoder();

describe('service fallbacks without the node ports', () => {
  let service: Service;
  let c: Client;
  beforeAll(() => {
    service = createService(memoryPorts());
    c = createLocalClient(createDispatcher(service));
  });
  afterAll(() => service.dispose());

  it('reads UTF-8 CSV rosters, refuses GBK and .xlsx with a message naming the file', async () => {
    const v = must(await c.call('sessions.create', { name: '无端口' }));
    const csv = '姓名,界别,党派\n韩喜,文化艺术界,中共\n,,\n李梅,教育界,民盟\n';
    const pv = must(
      await c.call('roster.preview', { sessionId: v.session.id, file: file('名单.csv', enc.encode(csv)) }),
    );
    expect(pv.mapping).toEqual({ name: 0, sector: 1, party: 2 });
    expect(pv.memberCount).toBe(2);
    const imp = must(
      await c.call('roster.import', {
        sessionId: v.session.id,
        revision: v.revision,
        file: file('名单.csv', enc.encode(csv)),
      }),
    );
    expect(imp.session.members.map((m) => m.party)).toEqual(['中共', '民盟']);
    const gbk = await c.call('roster.import', {
      sessionId: v.session.id,
      revision: imp.revision,
      file: file('旧名单.csv', new Uint8Array(iconv.encode(csv, 'gbk'))),
    });
    expect(!gbk.ok && gbk.error.code).toBe('roster.encoding');
    expect(!gbk.ok && gbk.error.message).toContain('旧名单.csv');
    const xlsx = await c.call('roster.preview', {
      sessionId: v.session.id,
      file: file('名单.xlsx', new Uint8Array([0x50, 0x4b, 3, 4])),
    });
    expect(!xlsx.ok && xlsx.error.code).toBe('roster.unsupported');
    const exp = await c.call('roster.export', { sessionId: v.session.id });
    expect(!exp.ok && exp.error.code).toBe('roster.export-unavailable');
    // Ordering needs no port: the service sorts with core/order's rules (李 7 strokes before 韩 12).
    const sorted = must(
      await c.call('roster.sort', { sessionId: v.session.id, revision: imp.revision, rule: 'stroke' }),
    );
    expect(sorted.session.members.map((m) => m.name)).toEqual(['李梅', '韩喜']);
  });

  it('says print production is unavailable, and sorts by received order with no unknown characters', async () => {
    const v = must(await c.call('sessions.create', { name: '无印制' }));
    const p = await c.call('export.print', { sessionId: v.session.id, as: 'booklet' });
    expect(!p.ok && p.error.code).toBe('export.unavailable');
    const s = must(
      await c.call('sections.sort', {
        sessionId: v.session.id,
        revision: v.revision,
        sectionId: v.session.sections[0].id,
        rule: 'received',
      }),
    );
    expect(s.unknownChars).toEqual([]);
    expect(s.notices ?? []).toEqual([]);
    const st = must(await c.call('stats.get', { sessionId: v.session.id }));
    expect([st.pagesStatus, st.pagesNote]).toEqual(['none', '未生成']);
  });

  it('replace mode keeps the ids of members still on the list (their submissions stay linked)', async () => {
    const ports = memoryPorts({ roster: nodeRosterFiles });
    const svc = createService(ports);
    const cl = createLocalClient(createDispatcher(svc));
    try {
      const v0 = must(await cl.call('sessions.create', { name: '替换名单' }));
      const first = must(
        await cl.call('roster.import', {
          sessionId: v0.session.id,
          revision: v0.revision,
          file: file('a.csv', enc.encode('姓名,单位\n韩喜,甲单位\n李梅,乙单位\n')),
        }),
      );
      const han = first.session.members[0].id;
      const second = must(
        await cl.call('roster.import', {
          sessionId: v0.session.id,
          revision: first.revision,
          mode: 'replace',
          file: file('b.csv', enc.encode('姓名,单位\n王强,丙单位\n韩喜,\n')),
        }),
      );
      expect(second.session.members.map((m) => [m.name, m.unit])).toEqual([
        ['王强', '丙单位'],
        ['韩喜', '甲单位'],
      ]);
      expect(second.session.members[1].id).toBe(han);
      expect([second.report.added, second.report.updated]).toEqual([1, 1]);
    } finally {
      await svc.dispose();
    }
  });
});
