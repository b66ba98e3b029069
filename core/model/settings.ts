// Layout settings: page, grid, fonts and house-style switches. GB/T 9704-2012 is the default;
// every number here is a setting so that local rules (29 pt line spacing, bold level-3 headings,
// an installed 方正小标宋简体) can be honoured without code changes.
import { z } from 'zod';

/** A font for one role: a built-in free font, or a file on this computer (optionally a face in a TTC). */
export const FontRefSchema = z.union([
  z.object({
    builtin: z.enum(['FandolFang', 'NotoSerifSC-Regular', 'NotoSerifSC-Bold', 'NotoSansSC-Regular', 'LXGWWenKai']),
  }),
  z.object({ file: z.string().min(1), postscriptName: z.string().optional(), label: z.string().optional() }),
]);
export type FontRef = z.infer<typeof FontRefSchema>;

/** The typographic roles a dossier uses. */
export const FONT_ROLES = ['fang', 'song', 'xbs', 'hei', 'kai'] as const;
export type FontRole = (typeof FONT_ROLES)[number];
export const FONT_ROLE_NAMES: Record<FontRole, string> = {
  fang: '仿宋（正文）',
  song: '宋体（页码）',
  xbs: '小标宋（标题）',
  hei: '黑体（一级标题）',
  kai: '楷体（二级标题、作者）',
};

export const DEFAULT_FONTS: Record<FontRole, FontRef> = {
  fang: { builtin: 'FandolFang' },
  song: { builtin: 'NotoSerifSC-Regular' },
  xbs: { builtin: 'NotoSerifSC-Bold' },
  hei: { builtin: 'NotoSansSC-Regular' },
  kai: { builtin: 'LXGWWenKai' },
};

export const LayoutSettingsSchema = z.object({
  /** Paper size in mm. */
  pageWidth: z.number().positive().default(210),
  pageHeight: z.number().positive().default(297),
  /** 天头 (top margin) and 订口 (binding margin, left on odd pages), mm. */
  marginTop: z.number().nonnegative().default(37),
  marginInner: z.number().nonnegative().default(28),
  /** 版心 (text block), mm. */
  blockWidth: z.number().positive().default(156),
  blockHeight: z.number().positive().default(225),
  /** Grid: lines per page and characters per line. */
  linesPerPage: z.number().int().positive().default(22),
  charsPerLine: z.number().int().positive().default(28),
  /** Fixed line pitch in pt (local rules: 28, 29, 29.5); default: blockHeight / linesPerPage. */
  linePitchPt: z.number().positive().optional(),
  /** Font sizes in pt: body 3号 16, title 2号 22, page number 4号 14. */
  bodySize: z.number().positive().default(16),
  titleSize: z.number().positive().default(22),
  pageNumberSize: z.number().positive().default(14),
  /** Distance of the page-number line below the text block, mm (GB/T 9704 7.5: 7 mm). */
  pageNumberOffset: z.number().nonnegative().default(7),
  /** Level-3 headings ("1.") in bold: local practice, not the standard. */
  level3Bold: z.boolean().default(false),
  /** Each item starts on a new page, or on a new odd page (duplex; unnumbered blanks inserted). */
  itemStart: z.enum(['newPage', 'oddPage']).default('newPage'),
  /** Binding: single-sided or duplex (mirrored margins). */
  binding: z.enum(['single', 'duplex']).default('single'),
  /** Extra binding margin (装订线), mm: moves the text block away from the spine; the outer margin shrinks. */
  gutter: z.number().nonnegative().max(30).optional(),
  /** Pad the total page count with blank pages at the end to a multiple of 2 or 4 (folded sheets). */
  padToMultiple: z.union([z.literal(1), z.literal(2), z.literal(4)]).optional(),
  /** Page make-up (the careful typesetter's rules, all on by default): 孤行控制, no widow or orphan line. */
  widowControl: z.boolean().default(true),
  /** Footnotes at the foot of the page that references them ('page'), or after the item's text ('end'). */
  footnotePlacement: z.enum(['page', 'end']).default('page'),
  /** An item's last page holds at least this many lines (lines are taken over from the page before); 0: off. */
  tailMinLines: z.number().int().min(0).max(6).default(3),
  /** Avoid 孤字 (a last line of one character): compress punctuation in the paragraph or carry one more character down. */
  avoidLoneChar: z.boolean().default(true),
  fonts: z
    .object({
      fang: FontRefSchema.default(DEFAULT_FONTS.fang),
      song: FontRefSchema.default(DEFAULT_FONTS.song),
      xbs: FontRefSchema.default(DEFAULT_FONTS.xbs),
      hei: FontRefSchema.default(DEFAULT_FONTS.hei),
      kai: FontRefSchema.default(DEFAULT_FONTS.kai),
    })
    .default(DEFAULT_FONTS),
});
export type LayoutSettings = z.infer<typeof LayoutSettingsSchema>;

export const defaultLayoutSettings = (): LayoutSettings => LayoutSettingsSchema.parse({});

export const MM = 72 / 25.4;
/** Millimetres to PDF points. */
export const mm = (v: number): number => v * MM;
