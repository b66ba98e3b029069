// Session bundles are checked like a hostile DOCX: a zip bomb stops at the caps, traversal entry
// names are never used as paths, sources must hash to their names, paths in session.json must be
// content-addressed names, newer bundles are refused. A good bundle round-trips between two data
// folders ("another PC").
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { zipSync, strToU8 } from 'fflate';
import { describe, expect, it } from 'vitest';
import { toBase64 } from '../../core/bytes/base64';
import { diskService, must, sessionDoc, useTempDir } from './helpers';

const manifest = (extra: object = {}) => strToU8(JSON.stringify({ format: 'huibian-bundle', version: 1, ...extra }));
const b64file = (name: string, bytes: Uint8Array) => ({ name, data: toBase64(bytes) });

describe('bundles', () => {
  const t = useTempDir();

  it('round-trips a session with sources and bodies to another data folder', async () => {
    const a = diskService(path.join(t.dir, 'pc1'));
    const v0 = must(await a.client.call('sessions.create', { name: '交接会议' }));
    const md = strToU8('# 关于文旅融合的建议\n\n市政协常委 韩喜\n\n正文内容。\n');
    const imp = must(
      await a.client.call('submissions.import', {
        sessionId: v0.session.id,
        revision: v0.revision,
        sectionId: v0.session.sections[0].id,
        files: [b64file('a.md', md)],
      }),
    );
    const target = path.join(t.dir, '交接.zip');
    const out = must(await a.client.call('bundle.export', { sessionId: v0.session.id, targetPath: target }));
    expect(out.path).toBe(target);
    await a.service.dispose();
    const b = diskService(path.join(t.dir, 'pc2'));
    const s = must(await b.client.call('bundle.import', { file: { path: target } }));
    const o = must(await b.client.call('sessions.open', { sessionId: s.id }));
    if (o.status !== 'open') throw new Error('expected open');
    expect(o.view.session.submissions[0].title).toBe(imp.session.submissions[0].title);
    expect(o.view.session.sections[0].items).toEqual(imp.session.sections[0].items);
    const src = await readFile(path.join(t.dir, 'pc2', 'sessions', s.id, imp.session.submissions[0].source.file));
    expect(Buffer.compare(src, Buffer.from(md))).toBe(0);
    const doc = must(
      await b.client.call('submissions.preview', { sessionId: s.id, submissionId: o.view.session.submissions[0].id }),
    );
    expect(JSON.stringify(doc)).toContain('正文内容');
    await b.service.dispose();
  });

  it('refuses hostile bundles with bundle.invalid and writes nothing outside the data folder', async () => {
    const dataDir = path.join(t.dir, 'hostile');
    const { client, service } = diskService(dataDir);
    const good = strToU8(JSON.stringify(sessionDoc('x', '会议')));
    const withSource = (file: string) =>
      strToU8(
        JSON.stringify(
          sessionDoc('x', '会议', {
            submissions: [
              {
                id: 's1',
                title: 't',
                authorLine: '',
                memberIds: [],
                kind: 'speech',
                source: { file, format: 'md' },
                versions: [],
                status: 'ok',
                options: { pinned: false, inToc: true },
              },
            ],
          }),
        ),
      );
    const cases: [string, Uint8Array, RegExp][] = [
      ['not a zip', strToU8('hello'), /不是有效的 zip|损坏/],
      [
        'zip bomb (2 MB of padding in session.json)',
        zipSync({ 'manifest.json': manifest(), 'session.json': [strToU8(' '.repeat(2_000_000) + '{}'), { level: 9 }] }),
        /压缩炸弹/,
      ],
      ['no manifest', zipSync({ 'session.json': good }), /manifest/],
      ['newer bundle version', zipSync({ 'manifest.json': manifest({ version: 9 }), 'session.json': good }), /过新/],
      [
        'source path outside the folder',
        zipSync({ 'manifest.json': manifest(), 'session.json': withSource('../../../etc/passwd') }),
        /不合规/,
      ],
      [
        'source that does not match its hash',
        zipSync({
          'manifest.json': manifest(),
          'session.json': withSource(`files/${'a'.repeat(64)}.md`),
          [`files/${'a'.repeat(64)}.md`]: strToU8('tampered'),
        }),
        /校验值不符/,
      ],
      [
        'traversal entry names only',
        zipSync({ '../manifest.json': manifest(), '../../session.json': good }),
        /manifest/,
      ],
    ];
    for (const [label, bytes, why] of cases) {
      const r = await client.call('bundle.import', { file: b64file(`${label}.zip`, bytes) });
      expect(r.ok, label).toBe(false);
      if (!r.ok) {
        expect(r.error.code, label).toBe('bundle.invalid');
        expect(r.error.message, label).toMatch(why);
      }
    }
    // A good bundle with extra traversal entries imports; the hostile entries are never written.
    const mixed = zipSync({
      'manifest.json': manifest(),
      'session.json': good,
      '../evil.txt': strToU8('x'),
      'files/../../evil2.txt': strToU8('y'),
      'bodies/..%2Fx.json': strToU8('{}'),
    });
    const ok = must(await client.call('bundle.import', { file: b64file('mixed.zip', mixed) }));
    expect(ok.name).toBe('会议');
    expect(await readdir(t.dir)).not.toContain('evil.txt');
    expect(await readdir(dataDir)).not.toContain('evil2.txt');
    expect(must(await client.call('sessions.list', {}))).toHaveLength(1);
    await service.dispose();
  });
});
