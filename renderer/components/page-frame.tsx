// The frame both live sketches draw in (the cover in 会议信息, a body page in 版式): a page of the
// layout's size, scaled to px, with its text block placed at the inner and top margins. What is
// inside the block is the sketch's own; `after` goes on the page outside the block (a page number).
import type { CSSProperties, ReactNode } from 'react';
import type { LayoutSettings } from '../../core/model/settings';

export const PT_TO_MM = 25.4 / 72;

export function PageFrame({
  layout,
  scale,
  testId,
  blockStyle,
  after,
  children,
}: {
  layout: LayoutSettings;
  /** px per mm */
  scale: number;
  testId: string;
  blockStyle?: CSSProperties;
  after?: ReactNode;
  children: ReactNode;
}) {
  const s = scale;
  return (
    <div
      className="hb-page-sample"
      style={{ width: layout.pageWidth * s, height: layout.pageHeight * s }}
      data-testid={testId}
    >
      <div
        style={{
          position: 'absolute',
          left: layout.marginInner * s,
          top: layout.marginTop * s,
          width: layout.blockWidth * s,
          height: layout.blockHeight * s,
          ...blockStyle,
        }}
      >
        {children}
      </div>
      {after}
    </div>
  );
}
