// Batch import (reliability L4, B1, H6): a folder of mixed files gives a per-file report, one
// failure never stops the rest, equal text is a new version, equal bytes a duplicate; the worker
// pool times out a file and carries on; `huibian import` writes sources and a valid session.json.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, mkdirSync, readFileSync, readdirSync, rmSync, writeFileSync, existsSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import iconv from 'iconv-lite';
import { SessionSchema, type Session } from '../../core/model/session';
import { membersNamed, testSession } from '../helpers/session';
import { batchImporter, planImport, guessKind } from '../../core/node/import-batch';
import { ReadPool } from '../../core/node/read-worker';
import { run } from '../../cli/commands/import';
import { buildDocx, para, run as r, wordLockFile } from '../../scripts/make-fixtures';

let dir: string;
const session = (): Session =>
  testSession({
    id: 's1',
    name: '政协××市第十三届委员会常务委员会第九次会议',
    members: membersNamed('韩喜', '李明'),
    sections: [{ id: 'sec-speech', title: '大会发言', items: [] }],
  });

const speech = (title: string, author: string, body: string) =>
  buildDocx({ body: para(title, '<w:jc w:val="center"/>') + para(author, '<w:jc w:val="center"/>') + para(body) });

beforeAll(() => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'huibian-batch-'));
  const inbox = path.join(dir, 'inbox');
  mkdirSync(path.join(inbox, '书面发言'), { recursive: true });
  writeFileSync(
    path.join(inbox, '01-韩喜.docx'),
    speech('关于齐文化保护的建议', '市政协常委 韩喜', '齐文化源远流长，保护工作任重道远，需要全社会共同努力。'),
  );
  writeFileSync(
    path.join(inbox, '02-李明.txt'),
    iconv.encode('关于文旅融合的几点思考\r\n李明\r\n　　文旅融合是大势所趋，我们应当抓住机遇，加快发展。\r\n', 'gbk'),
  );
  writeFileSync(
    path.join(inbox, '03-无名.docx'),
    speech('关于乡村振兴的调研报告', '赵钱孙', '乡村振兴是新时代的重大战略，需要统筹推进、久久为功。'),
  );
  writeFileSync(path.join(inbox, '~$01-韩喜.docx'), wordLockFile());
  writeFileSync(path.join(inbox, '04-空.docx'), new Uint8Array(0));
  writeFileSync(path.join(inbox, '05-其实是PDF.docx'), new TextEncoder().encode('%PDF-1.4\n%%EOF'));
  writeFileSync(path.join(inbox, '06-名单.xlsx'), new Uint8Array([0x50, 0x4b, 3, 4]));
  writeFileSync(path.join(inbox, 'Thumbs.db'), new Uint8Array([1, 2, 3]));
  writeFileSync(
    path.join(inbox, '书面发言', '07-韩喜书面发言.docx'),
    speech('关于博物馆建设的书面发言', '韩喜', '博物馆是城市文化的名片，应当加快建设进度，提高展陈水平。'),
  );
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('planImport', () => {
  it('a mixed folder: per-file report, failures named, the rest imported and placed by kind', async () => {
    const s = session();
    const plan = await planImport([path.join(dir, 'inbox')], s);
    const by = Object.fromEntries(plan.reports.map((x) => [path.basename(x.file), x]));
    expect(Object.keys(by)).toHaveLength(8);
    expect(by['01-韩喜.docx']).toMatchObject({
      status: 'imported',
      title: '关于齐文化保护的建议',
      authorLine: '市政协常委 韩喜',
    });
    expect(by['02-李明.txt']).toMatchObject({
      status: 'imported',
      title: '关于文旅融合的几点思考',
      authorLine: '李明',
    });
    expect(by['03-无名.docx'].status).toBe('review');
    expect(by['03-无名.docx'].reason).toContain('赵钱孙');
    expect(by['~$01-韩喜.docx']).toMatchObject({ status: 'failed', code: 'import.lock-file' });
    expect(by['04-空.docx']).toMatchObject({ status: 'failed', code: 'import.empty' });
    expect(by['05-其实是PDF.docx']).toMatchObject({ status: 'failed', code: 'import.wrong-extension' });
    expect(by['06-名单.xlsx']).toMatchObject({ status: 'failed', code: 'import.unsupported' });
    for (const f of plan.reports.filter((x) => x.status === 'failed'))
      expect(f.reason).toContain(path.basename(f.file));
    expect(plan.submissions.map((x) => x.memberIds)).toEqual([['m1'], ['m2'], [], ['m1']]);
    expect(plan.submissions.map((x) => x.kind)).toEqual(['speech', 'speech', 'report', 'written']);
    for (const sub of plan.submissions) expect(sub.source.file).toMatch(/^sources\/[0-9a-f]{16}\.(docx|txt)$/);
  });

  it('same bytes again → duplicate; same words in different bytes → new version of that submission', async () => {
    const s0 = session();
    const first = await planImport([path.join(dir, 'inbox', '01-韩喜.docx')], s0);
    const s1: Session = { ...s0, submissions: first.submissions };
    const again = await planImport([path.join(dir, 'inbox', '01-韩喜.docx')], s1, { existingDocs: first.docs });
    expect(again.reports[0]).toMatchObject({ status: 'duplicate', existingId: first.submissions[0].id });
    expect(again.submissions).toEqual([]);
    // Re-saved: the same words split into different runs, with bold added.
    const resaved = path.join(dir, '01-韩喜-修改版.docx');
    writeFileSync(
      resaved,
      buildDocx({
        body:
          para(r('关于齐文化') + r('保护的建议', '<w:b/>'), '<w:jc w:val="center"/>') +
          para('市政协常委 韩喜', '<w:jc w:val="center"/>') +
          para(r('齐文化源远流长，') + r('保护工作任重道远，需要全社会共同努力。')),
      }),
    );
    const nv = await planImport([resaved], s1, { existingDocs: first.docs });
    expect(nv.reports[0]).toMatchObject({ status: 'new-version', existingId: first.submissions[0].id });
    expect(nv.submissions).toEqual([]);
    expect(nv.newVersions.map((v) => v.submissionId)).toEqual([first.submissions[0].id]);
    expect(nv.newVersions[0].source.sha256).not.toBe(first.submissions[0].source.sha256);
  });

  it('reports progress per file and can be cancelled: files not yet read are reported as cancelled', async () => {
    const seen: string[] = [];
    const ac = new AbortController();
    const plan = await planImport([path.join(dir, 'inbox')], session(), {
      concurrency: 1,
      onProgress: (done, total, file) => {
        seen.push(`${done}/${total} ${path.basename(file)}`);
        if (done === 2) ac.abort();
      },
      signal: ac.signal,
    });
    expect(seen[0]).toMatch(/^1\/8 /);
    expect(plan.reports.filter((r) => r.code === 'import.cancelled')).toHaveLength(6);
    expect(plan.reports.slice(0, 2).every((r) => r.code !== 'import.cancelled')).toBe(true);
  });

  it('guesses the kind from the file name or title', () => {
    expect(guessKind('社情民意-张三.docx')).toBe('info');
    expect(guessKind('x.docx', '关于…的提案')).toBe('proposal');
    expect(guessKind('调研报告.docx')).toBe('report');
    expect(guessKind('韩喜.docx', '关于…的建议')).toBe('speech');
  });
});

describe('worker pool', () => {
  it('reads in worker threads; a file over the time limit is stopped with import.timeout and the pool carries on', async () => {
    const good = readFileSync(path.join(dir, 'inbox', '01-韩喜.docx'));
    const slow = new ReadPool({ size: 1, timeoutMs: 1 });
    const t = await slow.read({ bytes: new Uint8Array(good), format: 'docx', fileName: '慢.docx' });
    expect(t.ok ? '' : t.error.code).toBe('import.timeout');
    expect(t.ok ? '' : t.error.message).toContain('慢.docx');
    await slow.close();
    const pool = new ReadPool({ size: 2 });
    try {
      const rs = await Promise.all(
        [1, 2, 3].map((i) => pool.read({ bytes: new Uint8Array(good), format: 'docx', fileName: `${i}.docx` })),
      );
      expect(rs.map((x) => x.ok && x.value.title)).toEqual([
        '关于齐文化保护的建议',
        '关于齐文化保护的建议',
        '关于齐文化保护的建议',
      ]);
    } finally {
      await pool.close();
    }
  });
});

describe('service importer port', () => {
  it('returns one ImportedFile per input with the document, detected title/author and roster match; failures carry their code', async () => {
    const good = new Uint8Array(readFileSync(path.join(dir, 'inbox', '01-韩喜.docx')));
    const out = await batchImporter().importFiles(
      [
        { name: '01-韩喜.docx', bytes: good },
        { name: '~$01-韩喜.docx', bytes: wordLockFile() },
        { name: 'again.docx', bytes: good },
      ],
      session(),
    );
    expect(out.map((f) => [f.name, f.ok, f.error?.code])).toEqual([
      ['01-韩喜.docx', true, undefined],
      ['~$01-韩喜.docx', false, 'import.lock-file'],
      ['again.docx', true, undefined], // duplicates are the service's decision
    ]);
    expect(out[0]).toMatchObject({
      title: '关于齐文化保护的建议',
      authorLine: '市政协常委 韩喜',
      memberIds: ['m1'],
      format: 'docx',
    });
    expect(out[0].doc?.blocks.length).toBeGreaterThan(0);
  });
});

describe('worker memory cap', () => {
  it('a document that needs more heap than the cap stops with import.too-complex; the pool carries on', async () => {
    const big = buildDocx({
      body: Array.from({ length: 150_000 }, (_, i) =>
        para('段落' + ((i * 7919) % 1000003).toString(36) + String.fromCharCode(0x4e00 + ((i * 31) % 20000))),
      ).join(''),
    });
    const pool = new ReadPool({ size: 1, maxOldGenerationSizeMb: 48 });
    try {
      const r = await pool.read({ bytes: big, format: 'docx', fileName: '巨大.docx' });
      expect(r.ok ? '' : r.error.code).toBe('import.too-complex');
      expect(r.ok ? '' : r.error.message).toContain('巨大.docx');
      const ok = await pool.read({
        bytes: buildDocx({ body: para('正常的文件') }),
        format: 'docx',
        fileName: 'ok.docx',
      });
      expect(ok.ok).toBe(true);
    } finally {
      await pool.close();
    }
  });
});

describe('huibian import', () => {
  it('imports through submissions.import: content-addressed sources, a valid session.json, items placed by kind, a report per file', async () => {
    const sess = path.join(dir, 'session');
    mkdirSync(sess, { recursive: true });
    writeFileSync(path.join(sess, 'session.json'), JSON.stringify(session()));
    const logs: string[] = [];
    const orig = console.log;
    console.log = (...a: unknown[]) => logs.push(a.join(' '));
    let code: number;
    try {
      code = await run([sess, path.join(dir, 'inbox')]);
    } finally {
      console.log = orig;
    }
    expect(code).toBe(1); // some files failed; the others were imported
    const saved = SessionSchema.parse(JSON.parse(readFileSync(path.join(sess, 'session.json'), 'utf8')));
    expect(saved.submissions).toHaveLength(4);
    const stored = readdirSync(path.join(sess, 'files'));
    expect(stored).toHaveLength(4);
    for (const sub of saved.submissions) expect(existsSync(path.join(sess, sub.source.file))).toBe(true);
    expect(readdirSync(sess).filter((f) => f.endsWith('.tmp') || f === 'owner.lock')).toEqual([]);
    // The kind and the section the app's importer gives (the speech section exists; the others do not).
    expect(saved.submissions.map((x) => x.kind)).toEqual(['speech', 'speech', 'report', 'written']);
    expect(saved.sections.map((x) => [x.title, x.items.length])).toEqual([['大会发言', 2]]);
    const out = logs.join('\n');
    expect(out).toContain('[失败] ~$01-韩喜.docx');
    expect(out).toMatch(/共 8 个文件：已导入 3，待核对 1，新版本 0，重复 0，失败 4/);
  });
});
