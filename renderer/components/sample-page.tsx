// A live, scaled sketch of one body page from the layout settings (margins, text block, grid,
// title and body sizes, page number), so a clerk sees what a change does before compiling.
// It is a sketch: the compiled PDF in 预览与生成 is the truth; this must never claim to be exact.
import type { LayoutSettings } from '../../core/model/settings';
import { sketchLines } from './sample-lines';
import { PageFrame, PT_TO_MM } from './page-frame';

export function SamplePage({
  layout,
  title,
  author,
  scale = 1,
}: {
  layout: LayoutSettings;
  title: string;
  author: string;
  scale?: number;
}) {
  const s = scale; // px per mm
  const pitchMm = layout.linePitchPt ? layout.linePitchPt * PT_TO_MM : layout.blockHeight / layout.linesPerPage;
  const charMm = layout.blockWidth / layout.charsPerLine;
  const body =
    '为深入贯彻落实市委关于齐文化传承与创新的部署要求，市政协组织部分委员开展专题调研，现将有关情况报告如下。';
  // Every character kept and no line starting with "，" (sketchLines pushes down, as the layout does).
  const room = Math.max(0, layout.linesPerPage - 4);
  const lines = sketchLines(
    body.repeat(Math.ceil(((room + 1) * layout.charsPerLine) / body.length) + 1),
    layout.charsPerLine,
    2,
    room,
  );
  const pageNumber = (
    <div
      style={{
        position: 'absolute',
        top: (layout.marginTop + layout.blockHeight + layout.pageNumberOffset) * s,
        right: (layout.pageWidth - layout.marginInner - layout.blockWidth + charMm) * s,
        fontFamily: 'SimSun, serif',
        fontSize: layout.pageNumberSize * PT_TO_MM * s,
      }}
    >
      — 1 —
    </div>
  );
  return (
    <PageFrame
      layout={layout}
      scale={s}
      testId="sample-page"
      blockStyle={{ outline: '1px dashed #f0b0b0' }}
      after={pageNumber}
    >
      <div
        style={{
          textAlign: 'center',
          fontFamily: 'serif',
          fontWeight: 700,
          fontSize: layout.titleSize * PT_TO_MM * s,
          lineHeight: `${pitchMm * 1.2 * s}px`,
          height: pitchMm * 2 * s,
          overflow: 'hidden',
        }}
      >
        {title || '标题'}
      </div>
      <div
        style={{
          textAlign: 'center',
          fontFamily: 'KaiTi, STKaiti, serif',
          fontSize: layout.bodySize * PT_TO_MM * s,
          lineHeight: `${pitchMm * s}px`,
          height: pitchMm * s,
        }}
      >
        {author || '作者'}
      </div>
      {lines.map((l, i) => (
        <div
          key={i}
          data-testid="sample-line"
          style={{
            fontFamily: 'FangSong, STFangsong, serif',
            fontSize: Math.min(layout.bodySize * PT_TO_MM, charMm) * s,
            lineHeight: `${pitchMm * s}px`,
            height: pitchMm * s,
            whiteSpace: 'nowrap',
            overflow: 'hidden',
            paddingLeft: i === 0 ? charMm * 2 * s : 0,
            letterSpacing: Math.max(0, charMm - layout.bodySize * PT_TO_MM) * s,
          }}
        >
          {l}
        </div>
      ))}
    </PageFrame>
  );
}
