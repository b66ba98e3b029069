// Contract suite cases (roster), run by contractSuite in suite.ts over every transport.
// The roster: members by hand, CSV (GBK) and .xlsx imports with column mapping, and stroke-order
// sorting of sections, roster and roster export.
import { expect, it } from 'vitest';
import ExcelJS from 'exceljs';
import iconv from 'iconv-lite';
import { file, md, must, enc, type SuiteContext } from './suite-kit';

export function rosterCases(s: SuiteContext): void {
  it('manages the roster, imports a CSV roster and counts expected vs received', async () => {
    const v0 = await s.newSession();
    const id = v0.session.id;
    const csv =
      '\uFEFF姓名,性别,界别,职务,单位\n韩喜,男,文化艺术界,市政协常委,市文旅局\n"李 梅",女,教育界,"市政协常委,教授",市大学\n,男,无名,,\n王强,男,经济界,市政协常委,市商会\n';
    const imp = must(
      await s.c.call('roster.import', {
        sessionId: id,
        revision: v0.revision,
        file: file('名单.csv', enc.encode(csv)),
      }),
    );
    expect(imp.report.added).toBe(3);
    expect(imp.report.skipped).toHaveLength(1);
    expect(imp.session.members.map((m) => m.name)).toEqual(['韩喜', '李梅', '王强']);
    expect(imp.session.members[1].title).toBe('市政协常委,教授');
    const add = must(
      await s.c.call('roster.add', {
        sessionId: id,
        revision: imp.revision,
        member: { name: '赵敏', sector: '医卫界' },
      }),
    );
    const zhao = add.created![0];
    const upd = must(
      await s.c.call('roster.update', {
        sessionId: id,
        revision: add.revision,
        memberId: zhao,
        patch: { unit: '市医院' },
      }),
    );
    expect(upd.session.members.find((m) => m.id === zhao)?.unit).toBe('市医院');
    const sub = await s.importInto(upd, [
      file('h.md', md('齐文化', '市政协常委 韩喜', '齐文化源远流长，我们要传承。')),
    ]);
    expect(sub.session.submissions[0].memberIds).toEqual([upd.session.members[0].id]);
    const stats = must(await s.c.call('stats.get', { sessionId: id }));
    expect(stats.members.expected).toBe(4);
    expect(stats.members.received).toBe(1);
    expect(stats.members.missing.map((m) => m.name)).toEqual(['李梅', '王强', '赵敏']);
    expect(stats.sections[0].items).toBe(1);
    expect(stats.sections[0].words).toBeGreaterThan(5);
    const rm = must(
      await s.c.call('roster.remove', {
        sessionId: id,
        revision: sub.revision,
        memberIds: [upd.session.members[0].id],
      }),
    );
    expect(rm.session.submissions[0].memberIds).toEqual([]);
  });

  it('previews and imports a GBK CSV roster: encoding, proposed mapping, problems, duplicates', async () => {
    const v0 = await s.newSession('名单会议');
    const id = v0.session.id;
    const csv =
      '委员姓名,性别,所属界别,政治面貌,工作单位,是否常委\r\n韩喜,男,文化艺术界,中共,市文旅局,是\r\n李梅（女）,,教育界,民盟,市大学,否\r\n王强,男,经济界,民建,市商会,是\r\n王强,男,农业界,无党派人士,县农业局,是\r\n合计,,,,,\r\n';
    const gbk = new Uint8Array(iconv.encode(csv, 'gbk'));
    // Not valid UTF-8: the old UTF-8-only reader refused this file.
    expect(() => new TextDecoder('utf-8', { fatal: true }).decode(gbk)).toThrow();
    const pv = must(
      await s.c.call('roster.preview', { sessionId: id, file: file('政协委员名单.csv', gbk), maxRows: 2 }),
    );
    expect(pv.format).toBe('csv');
    expect(pv.encoding).toMatch(/gb/i);
    expect(pv.headers).toEqual(['委员姓名', '性别', '所属界别', '政治面貌', '工作单位', '是否常委']);
    expect(pv.mapping).toEqual({ name: 0, gender: 1, sector: 2, party: 3, unit: 4, standing: 5 });
    expect(pv.fieldLabels.name).toBe('姓名');
    expect(pv.rowCount).toBe(5);
    expect(pv.rows).toHaveLength(2);
    expect(pv.rows[0]).toEqual({ row: 2, cells: ['韩喜', '男', '文化艺术界', '中共', '市文旅局', '是'] });
    expect(pv.memberCount).toBe(4);
    expect(pv.duplicates).toEqual([{ name: '王强', rows: [4, 5] }]);
    expect(pv.problems.some((p) => p.row === 6 && /合计/.test(p.message))).toBe(true);
    // Preview changes nothing.
    expect(must(await s.c.call('roster.list', { sessionId: id }))).toEqual([]);
    const imp = must(
      await s.c.call('roster.import', { sessionId: id, revision: v0.revision, file: file('政协委员名单.csv', gbk) }),
    );
    expect(imp.report.added).toBe(4);
    expect(imp.report.encoding).toMatch(/gb/i);
    expect(imp.report.skipped.map((p) => p.row)).toEqual([6]);
    expect(imp.report.duplicates).toEqual([{ name: '王强', rows: [4, 5] }]);
    expect(imp.session.members.map((m) => m.name)).toEqual(['韩喜', '李梅', '王强', '王强']);
    const li = imp.session.members[1];
    expect([li.gender, li.party, li.standing]).toEqual(['女', '民盟', false]);
    expect(imp.session.members[3].party).toBe('无党派人士');
  });

  it('imports an .xlsx roster with a title row, merges by name, and takes a mapping the clerk chose', async () => {
    const v0 = await s.newSession('Excel 名单');
    const id = v0.session.id;
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('常委名单');
    ws.addRow(['××市政协常委名单']);
    ws.mergeCells('A1:D1');
    ws.addRow(['姓名', '性别', '界别', '单位']);
    ws.addRow(['韩喜', '男', '文化艺术界', '市文旅局']);
    ws.addRow(['赵敏', '女', '医卫界', '市医院']);
    const xlsx = new Uint8Array((await wb.xlsx.writeBuffer()) as ArrayBuffer);
    const v1 = must(
      await s.c.call('roster.add', {
        sessionId: id,
        revision: v0.revision,
        member: { name: '韩喜', sector: '文化艺术界', party: '中共' },
      }),
    );
    const hanId = v1.created![0];
    const pv = must(await s.c.call('roster.preview', { sessionId: id, file: file('常委名单.xlsx', xlsx) }));
    expect(pv.format).toBe('xlsx');
    expect(pv.headerRow).toBe(2);
    expect(pv.sheet).toBe('常委名单');
    expect(pv.mapping.name).toBe(0);
    const imp = must(
      await s.c.call('roster.import', { sessionId: id, revision: v1.revision, file: file('常委名单.xlsx', xlsx) }),
    );
    expect([imp.report.added, imp.report.updated]).toEqual([1, 1]);
    const han = imp.session.members.find((m) => m.name === '韩喜')!;
    expect(han.id).toBe(hanId);
    expect([han.unit, han.party]).toEqual(['市文旅局', '中共']);
    // Headers nobody could guess: the preview says so; the clerk's mapping imports it.
    const odd = new ExcelJS.Workbook();
    const os = odd.addWorksheet('Sheet1');
    os.addRow(['编号', '人员', '所在组']);
    os.addRow(['1', '孙立', '科技界']);
    os.addRow(['2', '周文', '社科界']);
    const oddBytes = new Uint8Array((await odd.xlsx.writeBuffer()) as ArrayBuffer);
    const pv2 = must(await s.c.call('roster.preview', { sessionId: id, file: file('名单2.xlsx', oddBytes) }));
    expect(pv2.mapping.name).toBeUndefined();
    expect(pv2.problems[0].message).toMatch(/姓名/);
    const noName = await s.c.call('roster.import', {
      sessionId: id,
      revision: imp.revision,
      file: file('名单2.xlsx', oddBytes),
    });
    expect(!noName.ok && noName.error.code).toBe('roster.no-name-column');
    const pv3 = must(
      await s.c.call('roster.preview', {
        sessionId: id,
        file: file('名单2.xlsx', oddBytes),
        mapping: { name: 1, sector: 2 },
      }),
    );
    expect(pv3.memberCount).toBe(2);
    expect(pv3.unmapped).toEqual(['编号']);
    const imp2 = must(
      await s.c.call('roster.import', {
        sessionId: id,
        revision: imp.revision,
        file: file('名单2.xlsx', oddBytes),
        mapping: { name: 1, sector: 2 },
      }),
    );
    expect(imp2.session.members.slice(-2).map((m) => [m.name, m.sector])).toEqual([
      ['孙立', '科技界'],
      ['周文', '社科界'],
    ]);
    const bad = await s.c.call('roster.preview', { sessionId: id, file: file('名单.doc', enc.encode('not a roster')) });
    expect(bad.ok).toBe(false);
  });

  it('sorts by strokes and reports characters without stroke data (sections, roster, roster export)', async () => {
    const v0 = await s.newSession('笔画排序');
    const id = v0.session.id;
    let v = v0;
    for (const name of ['𠀾明', '王㐀强', '丁一'])
      v = must(await s.c.call('roster.add', { sessionId: id, revision: v.revision, member: { name, sector: '' } }));
    const imp = await s.importInto(v, [
      file('a.md', md('甲文', '市政协常委 𠀾明')),
      file('b.md', md('乙文', '市政协常委 王㐀强')),
      file('c.md', md('丙文', '市政协常委 丁一')),
    ]);
    const sec = imp.session.sections[0].id;
    const sorted = must(
      await s.c.call('sections.sort', { sessionId: id, revision: imp.revision, sectionId: sec, rule: 'stroke' }),
    );
    const title = (sid: string) => sorted.session.submissions.find((x) => x.id === sid)!.title;
    expect(sorted.session.sections[0].items.map(title)).toEqual(['丙文', '乙文', '甲文']);
    expect([...sorted.unknownChars].sort()).toEqual(['㐀', '𠀾'].sort());
    expect(
      sorted.notices?.some((n) =>
        n.message.startsWith('以下字符没有标准笔顺数据，位置按估计的笔顺或总笔画数排出，请人工核对：'),
      ),
    ).toBe(true);
    // Per call: a sort without such characters reports none.
    const plain = must(
      await s.c.call('sections.sort', {
        sessionId: id,
        revision: sorted.revision,
        sectionId: sorted.session.sections[1].id,
        rule: 'stroke',
      }),
    );
    expect(plain.unknownChars).toEqual([]);
    const rs = must(await s.c.call('roster.sort', { sessionId: id, revision: plain.revision, rule: 'stroke' }));
    expect(rs.session.members.map((m) => m.name)).toEqual(['丁一', '王㐀强', '𠀾明']);
    expect(rs.unknownChars.length).toBe(2);
    const undone = must(await s.c.call('history.undo', { sessionId: id, revision: rs.revision }));
    expect(undone.session.members.map((m) => m.name)).toEqual(['𠀾明', '王㐀强', '丁一']);
    const out = must(await s.c.call('roster.export', { sessionId: id, rule: 'stroke' }));
    expect(out.name).toMatch(/委员名单\.xlsx$/);
    expect(out.unknownChars.length).toBe(2);
    const bytes = await s.h.fetchOutput(out);
    expect(bytes.length).toBe(out.size);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer);
    const names = wb.worksheets[0].getColumn(2).values.slice(2);
    expect(names).toEqual(['丁一', '王㐀强', '𠀾明']);
    // The export never reorders the session itself.
    expect(must(await s.c.call('roster.list', { sessionId: id })).map((m) => m.name)).toEqual([
      '𠀾明',
      '王㐀强',
      '丁一',
    ]);
  });
}
