// The page flow's make-up mechanics on the GB/T 9704 geometry: the footnote area reserved as lines
// referencing notes are placed, a long note continued on the next page (never ahead of its
// reference), short pages from caps, and heading lines that move with what follows.
import { describe, expect, it } from 'vitest';
import { Flow, type NoteLine } from '../../core/layout/flow';
import { geometry } from '../../core/layout/geometry';
import type { DrawOp } from '../../core/layout/types';
import { defaultLayoutSettings } from '../../core/model/settings';

const g = geometry(defaultLayoutSettings());
const seg = (text: string) => [{ face: 'f', text, x: 0, size: 16, cs: 0 }];
const note = (n: number, tag = 'n'): NoteLine[] =>
  Array.from({ length: n }, (_, k) => ({ segs: [{ face: 'f', text: `${tag}${k}`, x: 0, size: 14, cs: 0 }], size: 14 }));
const texts = (ops: DrawOp[]) => ops.flatMap((o) => (o.op === 'text' ? [{ t: o.segs[0].text, y: o.y }] : []));

describe('page flow make-up', () => {
  it('reserves the footnote area on the page of the reference and draws it at the foot under a short rule', () => {
    const f = new Flow(g);
    f.newPage();
    expect(f.capacity()).toBe(22);
    f.line(seg('a'), 16, note(2));
    expect(f.capacity()).toBe(20);
    for (let k = 0; k < 30; k++) f.line(seg(`b${k}`), 16);
    f.finish();
    expect(f.pages.length).toBe(2);
    const first = texts(f.pages[0].ops);
    const body = first.filter((x) => !x.t.startsWith('n'));
    const notes = first.filter((x) => x.t.startsWith('n'));
    expect(body.length).toBe(20);
    expect(notes.map((x) => x.t)).toEqual(['n0', 'n1']);
    const lowest = Math.max(...body.map((x) => x.y));
    expect(Math.min(...notes.map((x) => x.y))).toBeGreaterThan(lowest + 10);
    expect(Math.max(...notes.map((x) => x.y))).toBeLessThanOrEqual(g.blockH);
    const rule = f.pages[0].ops.find((o) => o.op === 'rule');
    expect(rule && rule.op === 'rule' && rule.y1 > lowest && rule.x2 - rule.x1 < g.blockW / 3).toBe(true);
    // the second page has no notes
    expect(texts(f.pages[1].ops).some((x) => x.t.startsWith('n'))).toBe(false);
  });

  it('moves the referencing line to the next page when fewer than two note lines would fit', () => {
    const f = new Flow(g);
    f.newPage();
    for (let k = 0; k < 21; k++) f.line(seg(`b${k}`), 16);
    f.line(seg('ref'), 16, note(3));
    f.finish();
    expect(f.pages.length).toBe(2);
    const second = texts(f.pages[1].ops).map((x) => x.t);
    expect(second).toContain('ref');
    expect(second.filter((t) => t.startsWith('n'))).toEqual(['n0', 'n1', 'n2']);
  });

  it('continues a long note on the next page under the text there, never on a page of its own', () => {
    const f = new Flow(g);
    f.newPage();
    for (let k = 0; k < 15; k++) f.line(seg(`b${k}`), 16);
    f.line(seg('ref'), 16, note(12));
    expect(f.carry.length).toBeGreaterThan(0);
    expect(f.carryFrom).toEqual({ page: 0, line: 15 });
    for (let k = 0; k < 10; k++) f.line(seg(`c${k}`), 16);
    f.finish();
    const p1 = texts(f.pages[0].ops).map((x) => x.t);
    const p2 = texts(f.pages[1].ops).map((x) => x.t);
    const n1 = p1.filter((t) => t.startsWith('n'));
    const n2 = p2.filter((t) => t.startsWith('n'));
    expect(n1.length).toBeGreaterThanOrEqual(2);
    expect([...n1, ...n2]).toEqual(note(12).map((l) => l.segs[0].text));
    // the continuation sits under text on its page
    expect(p2.filter((t) => t.startsWith('c') || t.startsWith('b')).length).toBeGreaterThanOrEqual(2);
  });

  it('keeps a page short when capped', () => {
    const f = new Flow(g);
    f.caps = [18];
    f.newPage();
    for (let k = 0; k < 20; k++) f.line(seg(`b${k}`), 16);
    expect(texts(f.pages[0].ops).length).toBe(18);
    expect(texts(f.pages[1].ops).length).toBe(2);
  });

  it('moves held heading lines to the next page with what follows', () => {
    const f = new Flow(g);
    f.newPage();
    for (let k = 0; k < 21; k++) f.line(seg(`b${k}`), 16);
    f.beginHold();
    f.line(seg('heading'), 16);
    f.endHold();
    f.newPage(); // what follows does not fit: it opens a page
    f.line(seg('text'), 16);
    const p1 = texts(f.pages[0].ops).map((x) => x.t);
    const p2 = texts(f.pages[1].ops);
    expect(p1).not.toContain('heading');
    expect(p2.map((x) => x.t)).toEqual(['heading', 'text']);
    expect(p2[0].y).toBeLessThan(g.pitch);
    expect(f.used[0]).toBe(21);
  });
});
