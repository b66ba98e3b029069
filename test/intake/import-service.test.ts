// Issue 10 §2/§3 through the contract: submissions.import files each item into the section of its
// kind (label, folder, title, 课题组, file name), in the section's sort order; a re-saved file is a
// new version of its item; the import report carries what was recognised and why an item needs
// review. Also the pure kind guess and its order of evidence.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Document, Packer, Paragraph, TextRun, AlignmentType } from 'docx';
import type { Client, SessionView } from '../../core/contract';
import { importingService } from './importing-service';
import { toBase64 } from '../../core/bytes/base64';
import { guessKind } from '../../core/read/intake/kind';
import { must } from '../helpers/result';

async function speech(lines: { text: string; center?: boolean; size?: number }[], body: string[]): Promise<string> {
  const p = (t: { text: string; center?: boolean; size?: number }) =>
    new Paragraph({
      alignment: t.center ? AlignmentType.CENTER : undefined,
      children: [new TextRun({ text: t.text, size: t.size ?? 32 })],
    });
  const doc = new Document({ sections: [{ children: [...lines.map(p), ...body.map((text) => p({ text }))] }] });
  return toBase64(new Uint8Array(await Packer.toBuffer(doc)));
}

let c: Client;
let dispose: () => void;
let v: SessionView;
beforeAll(async () => {
  ({ client: c, dispose } = importingService());
  v = must(await c.call('sessions.create', { name: '第九次会议', date: '2023-09-20' }));
  for (const name of ['韩喜', '丁建国', '王丽', '王丽华'])
    v = must(
      await c.call('roster.add', {
        sessionId: v.session.id,
        revision: v.revision,
        member: { name, sector: '', title: '', unit: '', standing: true },
      }),
    );
});
afterAll(() => dispose());

describe('submissions.import files items by kind', () => {
  it('label, folder, 课题组 and title decide the section; the report says what was recognised and where it went', async () => {
    const id = v.session.id;
    const sec = (t: string) => v.session.sections.find((s) => s.title === t)!;
    v = must(
      await c.call('sections.sort', {
        sessionId: id,
        revision: v.revision,
        sectionId: sec('大会发言').id,
        rule: 'stroke',
      }),
    );
    const body = (k: string) => [
      `${k}：近年来，我市各项工作取得明显成效，但仍存在一些问题。`,
      '为此建议，进一步完善工作机制。',
    ];
    const files = [
      {
        name: '韩喜.docx',
        data: await speech(
          [
            { text: '关于加强文物保护的建议', center: true, size: 44 },
            { text: '——在市政协常委会议上的发言', center: true },
            { text: '市政协委员 韩喜', center: true },
          ],
          body('甲'),
        ),
      },
      {
        name: '新建 Microsoft Word 文档.docx',
        data: await speech(
          [
            { text: '书面发言' },
            { text: '关于博物馆建设的建议', center: true, size: 44 },
            { text: '市政协常委　王丽华', center: true },
          ],
          body('乙'),
        ),
      },
      {
        name: '调研报告/材料3.docx',
        data: await speech(
          [
            { text: '关于乡村振兴的思考', center: true, size: 44 },
            { text: '市政协委员 王丽', center: true },
          ],
          body('丙'),
        ),
      },
      {
        name: '发言材料(1).docx',
        data: await speech(
          [
            { text: '关于农村集体经济发展情况的调研报告', center: true, size: 44 },
            { text: '市政协农业和农村委员会课题组', center: true },
            { text: '执笔：丁建国', center: true },
          ],
          body('丁'),
        ),
      },
      {
        name: '丁建国.docx',
        data: await speech(
          [
            { text: '关于加快交通建设的建议', center: true, size: 44 },
            { text: '市政协委员 丁建国', center: true },
          ],
          body('戊'),
        ),
      },
    ];
    const imp = must(await c.call('submissions.import', { sessionId: id, revision: v.revision, files }));
    v = imp;
    const by = Object.fromEntries(imp.report.map((e) => [e.name, e]));
    expect(by['韩喜.docx']).toMatchObject({
      ok: true,
      kind: 'speech',
      sectionTitle: '大会发言',
      subtitle: '——在市政协常委会议上的发言',
      authorLine: '市政协委员 韩喜',
      status: 'ok',
    });
    expect(by['新建 Microsoft Word 文档.docx']).toMatchObject({
      kind: 'written',
      sectionTitle: '书面发言',
      label: '书面发言',
      authorLine: '市政协常委 王丽华',
      kindSource: '标注“书面发言”',
    });
    expect(by['调研报告/材料3.docx']).toMatchObject({
      kind: 'report',
      sectionTitle: '调研报告',
      kindSource: '所在文件夹“调研报告”',
    });
    expect(by['发言材料(1).docx']).toMatchObject({
      kind: 'report',
      sectionTitle: '调研报告',
      organisations: ['市政协农业和农村委员会课题组'],
      authorLine: '市政协农业和农村委员会课题组 执笔：丁建国',
    });
    const members = Object.fromEntries(v.session.members.map((m) => [m.name, m.id]));
    expect(by['新建 Microsoft Word 文档.docx'].memberIds).toEqual([members['王丽华']]);
    expect(by['调研报告/材料3.docx'].memberIds).toEqual([members['王丽']]);
    // 大会发言 is sorted by strokes: 丁 (2 strokes) goes before 韩 (12), whatever the file order.
    const speeches = v.session.sections
      .find((s) => s.title === '大会发言')!
      .items.map((x) => v.session.submissions.find((s) => s.id === x)!.authorLine);
    expect(speeches).toEqual(['市政协委员 丁建国', '市政协委员 韩喜']);
    const stored = v.session.submissions.find((s) => s.id === by['韩喜.docx'].submissionId)!;
    expect(stored).toMatchObject({ subtitle: '——在市政协常委会议上的发言', status: 'ok' });
    const doc = must(await c.call('submissions.preview', { sessionId: id, submissionId: stored.id }));
    expect(doc.frontMatter?.map((l) => l.role)).toEqual(['title', 'subtitle', 'byline']);
  });

  it('an uncertain author goes to review with the reason kept on the item; a re-saved file is a new version', async () => {
    const id = v.session.id;
    const lines = [
      { text: '关于发展银发经济的建议', center: true, size: 44 },
      { text: '市政协委员 王丽芳', center: true },
    ];
    const text = ['近年来，我市老龄化程度不断加深，银发经济发展潜力巨大。', '为此建议，完善政策体系。'];
    const imp = must(
      await c.call('submissions.import', {
        sessionId: id,
        revision: v.revision,
        files: [{ name: 'a.docx', data: await speech(lines, text) }],
      }),
    );
    const e = imp.report[0];
    expect(e.status).toBe('review');
    expect(e.memberIds).toEqual([]);
    expect(e.reviewReasons?.[0].message).toContain('王丽芳');
    expect(e.reviewReasons?.[0].message).toContain('王丽');
    const sub = imp.session.submissions.find((s) => s.id === e.submissionId)!;
    expect(sub.reviewReasons).toEqual(e.reviewReasons);
    // The same words, saved again in another layout (different bytes): a new version, not a new item.
    const again = must(
      await c.call('submissions.import', {
        sessionId: id,
        revision: imp.revision,
        files: [
          {
            name: 'a（修改稿）.docx',
            data: await speech(
              lines.map((l) => ({ ...l, size: 40 })),
              text,
            ),
          },
        ],
      }),
    );
    expect(again.report[0]).toMatchObject({ ok: true, newVersionOf: sub.id, submissionId: sub.id });
    expect(again.session.submissions).toHaveLength(imp.session.submissions.length);
    expect(again.session.submissions.find((s) => s.id === sub.id)!.versions).toHaveLength(1);
  });
});

describe('guessKind', () => {
  it('takes the strongest evidence: label, folder, 课题组, title, subtitle, file name', () => {
    expect(guessKind({ label: '书面发言', folders: ['调研报告'] }).kind).toBe('written');
    expect(guessKind({ folders: ['收件', '调研报告'], title: '关于…的建议' }).kind).toBe('report');
    expect(guessKind({ team: true, fileName: '大会发言.docx' }).kind).toBe('report');
    expect(guessKind({ title: '关于我市农村集体经济发展情况的调研报告' }).kind).toBe('report');
    expect(guessKind({ subtitle: '——基于我市三个区县的调查' }).kind).toBe('report');
    expect(guessKind({ fileName: '张三-书面发言.docx' }).kind).toBe('written');
    expect(guessKind({ fileName: '社情民意-张三.docx' }).kind).toBe('info');
    expect(guessKind({ fileName: '新建 Microsoft Word 文档.docx' })).toMatchObject({ kind: 'speech', source: '默认' });
  });
});
