// A live, scaled sketch of the cover (封面) from 会议信息 as it is being typed: marks at the top,
// session name, theme, book title, organiser with 编印 / 编, and the date in Chinese numerals, at
// the proportions core/layout/front-matter.ts uses. A sketch: the compiled PDF is the truth.
import type { ReactNode } from 'react';
import type { LayoutSettings } from '../../core/model/settings';
import { chineseYearMonth } from '../../core/model/session';
import { PageFrame, PT_TO_MM } from './page-frame';

export interface CoverFields {
  name: string;
  theme: string;
  bookTitle: string;
  organiser: string;
  organiserSuffix: string;
  date: string;
  marks: { internal?: boolean; secrecy?: string; confidentialityLine?: string };
}

export function CoverSketch({
  layout,
  cover,
  scale = 1,
}: {
  layout: LayoutSettings;
  cover: CoverFields;
  scale?: number;
}) {
  const s = scale;
  const H = layout.blockHeight;
  const pitch = layout.blockHeight / layout.linesPerPage;
  const pt = (p: number) => p * PT_TO_MM * s;
  const line = (top: number, text: string, size: number, font: string, extra: React.CSSProperties = {}) =>
    text.trim() ? (
      <div
        style={{
          position: 'absolute',
          left: 0,
          right: 0,
          top: top * s,
          textAlign: 'center',
          fontSize: pt(size),
          lineHeight: 1.5,
          fontFamily: font,
          ...extra,
        }}
      >
        {text.trim()}
      </div>
    ) : null;
  const organiser = [cover.organiser, cover.organiserSuffix].filter(Boolean).join('　');
  const date = /^\d{4}-\d{2}-\d{2}$/.test(cover.date) ? chineseYearMonth(cover.date) : '';
  /** A mark at the top of the cover (密级, 内部资料, 保密提示), on its side of the text block. */
  const mark = (side: 'left' | 'right', top: number, size: number, font: string, text: ReactNode) => (
    <div style={{ position: 'absolute', [side]: 0, top: top * s, fontSize: pt(size), fontFamily: font }}>{text}</div>
  );
  return (
    <PageFrame layout={layout} scale={s} testId="cover-sketch">
      {cover.marks.secrecy && mark('left', pitch, layout.bodySize, 'SimHei, sans-serif', cover.marks.secrecy)}
      {cover.marks.internal && mark('right', 0, layout.bodySize, 'SimHei, sans-serif', '内部资料　注意保存')}
      {cover.marks.confidentialityLine &&
        mark('right', cover.marks.internal ? pitch : 0, 14, 'KaiTi, serif', cover.marks.confidentialityLine)}
      {line(H * 0.2 - pitch, cover.name, layout.titleSize, 'serif', { fontWeight: 700, padding: '0 4px' })}
      {line(H * 0.34 - pitch, cover.theme, 30, 'serif', { fontWeight: 700, letterSpacing: 2 * PT_TO_MM * s })}
      {line(H * 0.47 - pitch, cover.bookTitle, 36, 'serif', { fontWeight: 700, letterSpacing: 8 * PT_TO_MM * s })}
      {line(H * 0.86 - pitch, organiser, layout.bodySize + 2, 'KaiTi, STKaiti, serif')}
      {line(
        H * 0.86 - pitch + (layout.bodySize + 2) * 1.8 * PT_TO_MM,
        date,
        layout.bodySize + 2,
        'KaiTi, STKaiti, serif',
      )}
    </PageFrame>
  );
}
