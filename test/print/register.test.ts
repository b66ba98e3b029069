import { describe, expect, it } from 'vitest';
import { renderRegister, REGISTER_COLUMNS } from '../../core/print/register';
import { planCopies } from '../../core/print/numbered-copies';
import { parseFont } from '../../core/fonts/font-set';
import { readPdf, songFont } from './helpers';

describe('distribution and return register', () => {
  it('has a title, the session name, the columns and one row per copy, across pages', async () => {
    const font = parseFont(songFont());
    const recipients = Array.from({ length: 30 }, (_, i) => `委员${i + 1}`);
    const copies = planCopies({ count: 40, recipients });
    const pages = await readPdf(
      await renderRegister(
        { title: font, body: font },
        {
          sessionName: '政协××市第十三届委员会常务委员会第九次会议',
          bookTitle: '齐文化传承与创新会议材料汇编',
          copies,
        },
      ),
    );
    expect(pages.length).toBeGreaterThanOrEqual(2);
    const all = pages.map((p) => p.text).join('\n');
    expect(pages[0].text).toContain('政协××市第十三届委员会常务委员会第九次会议');
    expect(pages[0].text.replace(/\s/g, '')).toContain('分发清退登记表');
    for (const p of pages)
      for (const c of REGISTER_COLUMNS)
        if (p !== pages[pages.length - 1] || p.text.includes('份号')) expect(p.text).toContain(c.label);
    // every number once, in order, with its recipient on the same row
    const rows = pages.flatMap((p) => p.texts.filter((t) => /^\d{6}$/.test(t.str)).map((t) => ({ page: p, t })));
    expect(rows.map((r) => r.t.str)).toEqual(copies.map((c) => c.number));
    for (const [k, r] of rows.entries()) {
      if (k >= 30) continue;
      const name = r.page.texts.find((t) => t.str === `委员${k + 1}`);
      expect(name, `row ${k}`).toBeTruthy();
      expect(Math.abs(name!.y - r.t.y)).toBeLessThan(1);
    }
    expect(all).toContain('第 1 页');
  });
});
