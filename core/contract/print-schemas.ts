// Shapes of the print production calls (issue 7): a print product request, the files it made and
// the print room's sheet. Pure data + zod: the renderer imports this, so it must never import node
// or the DOM.
import { z } from 'zod';
import { PRINT_KINDS } from '../model/print-kinds';
import { IdSchema, OutputFileSchema } from './schemas';

export const PAPERS = ['auto', 'A3', 'A4', 'A5'] as const;

/** What the print room needs: sheets, copies, reams (computed from the pages of one copy). */
export const PrintSheetSchema = z.object({
  mode: z.enum(['single', 'duplex', 'booklet']),
  paper: z.string(),
  pagesPerCopy: z.number().int().nonnegative(),
  paddedPages: z.number().int().nonnegative(),
  blankPages: z.number().int().nonnegative(),
  sidesPerCopy: z.number().int().nonnegative(),
  sheetsPerCopy: z.number().int().nonnegative(),
  copies: z.number().int().nonnegative(),
  sheets: z.number().int().nonnegative(),
  spareSheets: z.number().int().nonnegative(),
  totalSheets: z.number().int().nonnegative(),
  reams: z.number().int().nonnegative(),
  reamsExact: z.number().nonnegative(),
});
export type PrintSheetInfo = z.infer<typeof PrintSheetSchema>;

/**
 * A print product request. `as`:
 * - 'print': the dossier as printed (duplex rules, padding); 'screen' / 'phone': digital editions;
 * - 'booklet': saddle-stitch imposition (A4 pages on A3, or A5 on A4) with creep;
 * - 'copies': N numbered copies (份号) in one PDF, optionally the register beside it;
 * - 'register': the distribution and return register (清退登记表) alone;
 * - 'handouts': a selection (items, one section, one member) as one PDF, or one PDF per item in a zip
 *   (`batch`); 'printsheet': the print sheet (印制单) as a PDF.
 */
export const ExportPrintInputSchema = z.object({
  sessionId: IdSchema,
  as: z.enum(PRINT_KINDS),
  /**
   * Numbered copies / booklet / print sheet: how many copies (default: recipients' count, else 1).
   * At most 5000: a secretariat prints a few hundred; the CLI uses the same limit.
   */
  copies: z.number().int().min(1).max(5000).optional(),
  startNumber: z.number().int().min(1).max(999_999).optional(),
  /** 份号 digits, 3–6 (default 6). */
  digits: z.number().int().min(3).max(6).optional(),
  /** Recipients in copy order, or 'roster' for the session's members in roster order. */
  recipients: z.union([z.array(z.string().min(1).max(100)).max(5000), z.literal('roster')]).optional(),
  recipientMark: z.enum(['none', 'footer', 'watermark']).optional(),
  /** Copies: one PDF per copy (with targetPath: into that folder) instead of one file with all copies. */
  perCopy: z.boolean().optional(),
  /** Copies: also write the register beside them. */
  withRegister: z.boolean().optional(),
  /** Handouts: which items (ids), one section (id or title), one member (id or name). */
  selection: z
    .object({ items: z.array(IdSchema).optional(), sectionId: z.string().optional(), memberId: z.string().optional() })
    .optional(),
  /** Handouts: number the pages from 1 instead of keeping the dossier's page numbers. */
  renumber: z.boolean().optional(),
  /** Handouts: one PDF per item (served as one zip). */
  batch: z.boolean().optional(),
  zip: z.boolean().optional(),
  twoUp: z.boolean().optional(),
  sheet: z.enum(PAPERS).optional(),
  creepMm: z.number().min(0).max(5).optional(),
  sheetsPerSignature: z.number().int().min(1).max(50).optional(),
  /** Print sheet spare (加放), percent; a print shop's spare is a few percent, 50 is already generous. */
  sparePercent: z.number().min(0).max(50).optional(),
  /** Print sheet: how the room prints (default: booklet for booklets, else the binding of this export). */
  printMode: z.enum(['single', 'duplex', 'booklet']).optional(),
  /**
   * Layout overrides for this export only: binding, gutter (mm), items starting on a new or a new
   * odd page (unnumbered blanks inserted), the total padded with blank pages to a multiple of 1, 2, 4.
   */
  layout: z
    .object({
      binding: z.enum(['single', 'duplex']),
      gutter: z.number().min(0).max(30),
      itemStart: z.enum(['newPage', 'oddPage']),
      padToMultiple: z.union([z.literal(1), z.literal(2), z.literal(4)]),
    })
    .partial()
    .optional(),
  marks: z
    .object({ internal: z.boolean(), secrecy: z.string(), watermark: z.string(), confidentialityLine: z.string() })
    .partial()
    .optional(),
  /** Lets the client cancel with export.cancel and match 'export.progress' events (else one is made). */
  exportId: IdSchema.optional(),
  /**
   * Electron / CLI only: also copy the files here — a file for one output, a folder for per-copy
   * copies and batch handouts (a name ending in .zip: the zip only); the register of copies goes
   * beside the file (<name>-分发清退登记表.pdf) or into the folder. Its extension also picks the
   * print sheet's form: .pdf a PDF, anything else UTF-8 text.
   */
  targetPath: z.string().optional(),
});

export const PrintFileSchema = OutputFileSchema.extend({
  pages: z.number().int().nonnegative().optional(),
  /** Where the product put it: the output itself, a file of the folder, the register, the zip. */
  place: z.enum(['out', 'folder', 'register', 'zip']).optional(),
});

export const ExportPrintOutputSchema = z.object({
  exportId: IdSchema,
  files: z.array(PrintFileSchema),
  report: z.object({
    as: z.enum(PRINT_KINDS),
    /** Pages of one copy of the product. */
    pages: z.number().int().nonnegative(),
    copies: z.number().int().nonnegative().optional(),
    printSheet: PrintSheetSchema.optional(),
    warnings: z.array(z.string()),
    ms: z.number().nonnegative(),
  }),
});
export type ExportPrintOutput = z.infer<typeof ExportPrintOutputSchema>;
