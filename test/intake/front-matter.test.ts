// The front-matter step and the author matching (core/read/intake): the shapes of title, subtitle,
// author and date lines seen in real submissions, matched against a roster; anything short of a
// clear match must come back with a review reason. (Replaces test/read/detect-author.test.ts: the
// same cases, with the expectations the issue asks for — subtitle, dash and signature leave the body.)
import { describe, expect, it } from 'vitest';
import type { Block } from '../../core/model/document';
import { MemberSchema } from '../../core/model/session';
import { extractFrontMatter } from '../../core/read/intake/front-matter';
import { parseByline } from '../../core/read/intake/byline';
import { matchAuthors, rosterOf } from '../../core/read/intake/roster-match';

const roster = [
  { id: 'm1', name: '韩喜' },
  { id: 'm2', name: '王小明' },
  { id: 'm3', name: '欧阳丽华' },
  { id: 'm4', name: '张伟', unit: '市第一医院' },
  { id: 'm5', name: '张伟', unit: '市实验中学' },
  { id: 'm6', name: '李明' },
  { id: 'm7', name: '王丽' },
  { id: 'm8', name: '孙喆' },
].map((m) => MemberSchema.parse(m));
const R = rosterOf({ members: roster });

const p = (text: string, align?: 'center' | 'right'): Block => ({
  type: 'paragraph',
  inlines: [{ type: 'text', text }],
  ...(align ? { align } : {}),
});
const h = (text: string, level: 1 | 2 = 1): Block => ({ type: 'heading', level, inlines: [{ type: 'text', text }] });
const roles = (blocks: Block[]) => extractFrontMatter(blocks).lines.map((l) => `${l.role}:${l.text}`);

describe('extractFrontMatter', () => {
  it('takes a centred title and the author line under it off the body, keeping the blocks to restore', () => {
    const f = extractFrontMatter([
      p('关于加强文物保护的建议', 'center'),
      p('市政协常委 韩喜', 'center'),
      p('正文第一段。'),
    ]);
    expect(f.title).toBe('关于加强文物保护的建议');
    expect(f.byline).toBe('市政协常委 韩喜');
    expect(f.blocks).toEqual([p('正文第一段。')]);
    expect(f.lines.map((l) => [l.role, l.at, l.block])).toEqual([
      ['title', 'head', p('关于加强文物保护的建议', 'center')],
      ['byline', 'head', p('市政协常委 韩喜', 'center')],
    ]);
    for (const l of f.lines) expect(l.confidence).toBeGreaterThanOrEqual(0.8);
  });

  it('joins a title broken over two centred lines; a subtitle and "——韩喜" are front matter, printed without the dash', () => {
    const f = extractFrontMatter([
      p('关于推动齐文化', 'center'),
      p('创造性转化的建议', 'center'),
      p('——韩喜', 'center'),
      p('正文。'),
    ]);
    expect(f.title).toBe('关于推动齐文化创造性转化的建议');
    expect(f.byline).toBe('韩喜');
    const g = extractFrontMatter([h('关于文旅融合的调研报告'), p('——基于我市三个区县的调查', 'center'), p('正文。')]);
    expect(g.title).toBe('关于文旅融合的调研报告');
    expect(g.byline).toBeUndefined();
    expect(g.lines.find((l) => l.role === 'subtitle')?.text).toBe('——基于我市三个区县的调查');
    expect(g.blocks).toEqual([p('正文。')]);
  });

  it('a padded name is the author line, not a second title line; a bracketed subtitle is no author', () => {
    expect(roles([p('关于加强文物保护的建议', 'center'), p('市政协委员　孙　喆', 'center'), p('正文。')])).toEqual([
      'title:关于加强文物保护的建议',
      'byline:市政协委员 孙 喆',
    ]);
    expect(extractFrontMatter([p('关于加强文物保护的建议', 'center'), p('孙　喆', 'center'), p('正文。')]).byline).toBe(
      '孙喆',
    );
    const f = extractFrontMatter([
      p('关于加强文物保护的建议', 'center'),
      p('（在市政协十三届九次常委会议上的发言）', 'center'),
      p('正文。'),
    ]);
    expect(f.byline).toBeUndefined();
    expect(f.lines.map((l) => l.role)).toEqual(['title', 'subtitle']);
  });

  it('an author line above the title, a date line under the author, a salutation stays body', () => {
    const f = extractFrontMatter([
      p('市政协常委、市第一医院院长 韩喜'),
      p('关于加强基层医疗的建议', 'center'),
      p('（2023年9月12日）', 'center'),
      p('主席、各位副主席、秘书长，各位常委：'),
      p('正文。'),
    ]);
    expect(f.title).toBe('关于加强基层医疗的建议');
    expect(f.byline).toBe('市政协常委、市第一医院院长 韩喜');
    expect(f.lines.find((l) => l.role === 'date')?.text).toBe('（2023年9月12日）');
    expect(f.blocks[0]).toEqual(p('主席、各位副主席、秘书长，各位常委：'));
  });

  it('leaves the body alone when the first block is not a title', () => {
    const blocks = [p('这是一段以句号结尾的正文。'), p('韩喜')];
    expect(extractFrontMatter(blocks)).toEqual({ blocks, lines: [] });
    const marker = [p('［此处图片 a.emf（EMF 格式）未能导入］', 'center'), p('正文。')];
    expect(extractFrontMatter(marker).blocks).toEqual(marker);
    const numbered = [h('一、基本情况'), p('正文。')];
    expect(extractFrontMatter(numbered).blocks).toEqual(numbered);
  });

  it('label lines above the title leave the body as labels', () => {
    const f = extractFrontMatter([
      p('大会发言之三', 'center'),
      p('关于加强文物保护的建议', 'center'),
      p('韩喜', 'center'),
      p('正文。'),
    ]);
    expect(f.lines.map((l) => `${l.role}:${l.text}`)).toEqual([
      'label:大会发言之三',
      'title:关于加强文物保护的建议',
      'byline:韩喜',
    ]);
    expect(f.blocks).toEqual([p('正文。')]);
    expect(extractFrontMatter([p('附件2'), p('关于乡村振兴的调研报告', 'center'), p('正文。')]).title).toBe(
      '关于乡村振兴的调研报告',
    );
    expect(
      roles([p('内部资料 注意保存'), p('书面发言'), p('关于乡村振兴的建议', 'center'), p('正文。')]).slice(0, 2),
    ).toEqual(['label:内部资料 注意保存', 'label:书面发言']);
  });

  it('a right-aligned signature with a date at the end names the author and leaves the body', () => {
    const r = (text: string): Block => ({ type: 'paragraph', inlines: [{ type: 'text', text }], align: 'right' });
    const blocks = [p('关于加强文物保护的建议', 'center'), p('正文。'), r('民盟××市委会'), r('2023年9月20日')];
    const f = extractFrontMatter(blocks);
    expect(f.title).toBe('关于加强文物保护的建议');
    expect(f.byline).toBe('民盟××市委会');
    expect(f.blocks).toEqual([p('正文。')]);
    expect(f.lines.filter((l) => l.at === 'tail').map((l) => `${l.role}:${l.text}`)).toEqual([
      'signature:民盟××市委会',
      'date:（2023年9月20日）',
    ]);
    // A short last line that is not right-aligned is body.
    expect(extractFrontMatter([p('关于加强文物保护的建议', 'center'), p('正文。'), p('韩喜')]).byline).toBeUndefined();
  });
});

describe('parseByline', () => {
  it('recognises the author line shapes of the spec', () => {
    for (const t of [
      '市政协常委 韩喜',
      '韩喜',
      '民盟××市委会',
      '——韩喜',
      '发言人：韩喜',
      '韩喜（代表民建××市委会）',
      '市政协委员、市文化和旅游局副局长 王小明',
      '张三 李四 王五',
      '市工商联',
      '执笔：张三',
      '课题组组长：张三 成员：李四、王五',
    ])
      expect(parseByline(t)?.shape ?? 0, t).toBeGreaterThanOrEqual(0.6);
    for (const t of [
      '一、基本情况',
      '这是正文里的一句话，后面还有很多内容。',
      '附件五',
      '关于加强文物保护的建议',
      '——在市政协常委会议上的发言',
      '（2023年9月12日）',
    ])
      expect(parseByline(t), t).toBeUndefined();
    expect(parseByline('韩喜（代表民建××市委会）')).toMatchObject({
      persons: [{ name: '韩喜' }],
      organisations: ['民建××市委会'],
    });
    expect(parseByline('课题组组长：张三 成员：李四、王五')).toMatchObject({
      team: true,
      persons: [
        { name: '张三', role: 'leader' },
        { name: '李四', role: 'member' },
        { name: '王五', role: 'member' },
      ],
    });
  });
});

describe('matchAuthors', () => {
  const m = (...lines: string[]) => matchAuthors(lines, R);

  it('exact names → members without review, several names on one line → several members', () => {
    expect(m('韩喜')).toEqual({ memberIds: ['m1'], organisations: [], reasons: [] });
    expect(m('——韩喜').memberIds).toEqual(['m1']);
    expect(m('发言人：欧阳丽华').memberIds).toEqual(['m3']);
    expect(m('市政协常委 韩喜')).toMatchObject({ memberIds: ['m1'], reasons: [] });
    expect(m('市政协委员韩喜')).toMatchObject({ memberIds: ['m1'], reasons: [] });
    expect(m('市政协委员　孙　喆')).toMatchObject({ memberIds: ['m8'], reasons: [] });
    expect(m('韩喜（代表民建××市委会）')).toMatchObject({
      memberIds: ['m1'],
      organisations: ['民建××市委会'],
      reasons: [],
    });
    // Old behaviour sent "韩喜 李明" to review; several names on one line is a shape of the spec.
    expect(m('韩喜 李明')).toMatchObject({ memberIds: ['m1', 'm6'], reasons: [] });
  });

  it('never silently wrong: unknown, same-name members, a name containing a roster name all go to review', () => {
    for (const line of ['赵钱孙', '张伟', '王丽华', '市政协委员 王丽华', '韩喜等同志']) {
      const r = m(line);
      expect(r.reasons.length, line).toBeGreaterThan(0);
      expect(r.reasons[0].message.length).toBeGreaterThan(8);
      expect(r.memberIds, line).not.toContain('m7');
    }
    expect(m('张伟').memberIds).toEqual([]);
    expect(m('张伟').reasons[0].message).toContain('2 位“张伟”');
    // The unit on the line tells two members of one name apart.
    expect(m('市政协委员、市第一医院副院长 张伟')).toMatchObject({ memberIds: ['m4'], reasons: [] });
  });

  it('an organisation is an author without a member; no author line → the file name is only a hint', () => {
    expect(m('民盟××市委会')).toEqual({ memberIds: [], organisations: ['民盟××市委会'], reasons: [] });
    const byFile = matchAuthors([], R, '王小明-大会发言.docx');
    expect(byFile.memberIds).toEqual(['m2']);
    expect(byFile.reasons.map((r) => r.code)).toEqual(['intake.author-from-file']);
    expect(matchAuthors([], R, '发言稿.docx').reasons.map((r) => r.code)).toEqual(['intake.no-author']);
  });
});
