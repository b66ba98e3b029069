// The dirty-form registry (renderer/state/dirty-forms) in node: what the header and the leave-screen
// check read, and flush(), which saves what can be saved and keeps the rest dirty.
import { afterEach, describe, expect, it } from 'vitest';
import { dirtyForms } from '../../renderer/state/dirty-forms';
import { reviewLines } from '../../renderer/components/review-reasons';
import { SubmissionSchema } from '../../core/model/session';

afterEach(() => {
  for (const e of dirtyForms.list()) dirtyForms.clear(e.key);
});

describe('dirty forms', () => {
  it('lists registered forms and notifies subscribers once per change', () => {
    let calls = 0;
    const off = dirtyForms.subscribe(() => calls++);
    dirtyForms.set({ key: 'info', label: '会议信息' });
    dirtyForms.set({ key: 'item:a:title', label: '材料详情·标题' });
    expect(dirtyForms.list().map((e) => e.label)).toEqual(['会议信息', '材料详情·标题']);
    const snap = dirtyForms.list();
    expect(dirtyForms.list()).toBe(snap); // a stable snapshot for useSyncExternalStore
    dirtyForms.clear('info');
    dirtyForms.clear('info');
    expect(dirtyForms.list().map((e) => e.key)).toEqual(['item:a:title']);
    expect(calls).toBe(3);
    off();
  });

  it('flush saves what can be saved and keeps failed or unsaveable input dirty', async () => {
    const saved: string[] = [];
    dirtyForms.set({ key: 'a', label: 'A', save: async () => (saved.push('a'), true) });
    dirtyForms.set({ key: 'b', label: 'B', save: async () => false });
    dirtyForms.set({ key: 'c', label: 'C' });
    dirtyForms.set({
      key: 'd',
      label: 'D',
      save: async () => {
        throw new Error('boom');
      },
    });
    const left = await dirtyForms.flush();
    expect(saved).toEqual(['a']);
    expect(left.map((e) => e.key)).toEqual(['b', 'c', 'd']);
  });
});

describe('review reasons in words', () => {
  const sub = (over: object) =>
    SubmissionSchema.parse({
      id: 'x',
      title: 't',
      source: { file: 'f.docx', format: 'docx' },
      status: 'review',
      ...over,
    });
  it('shows recorded reasons first and adds what the item itself lacks, without repeating a field', () => {
    expect(reviewLines(sub({}), ['图片格式不支持'])).toEqual([
      { field: 'byline', message: '没有识别出署名，请填写署名或选择作者。' },
      { field: 'authors', message: '没有对应到名单中的委员（单位署名可不选）。' },
      { message: '图片格式不支持' },
    ]);
    const recorded = sub({
      reviewReasons: [{ code: 'author.guess', field: 'authors', message: '“孙　喆”可能是孙喆，请确认' }],
    });
    expect(reviewLines(recorded, []).map((l) => l.field)).toEqual(['authors']);
    // An organisation byline needs no roster member.
    expect(reviewLines(sub({ authorLine: '民盟××市委会', organisations: ['民盟××市委会'] }), [])).toEqual([]);
  });
});
