// The figures a compile summary shows — items, front/body pages, words, times, fallback and
// missing characters, a DOCX failure — carried in the compile job's result so the CLI's summary
// lines and the app's 预览与生成 show the same numbers.
import { z } from 'zod';

/** The figures a compile summary shows (CLI summary lines, the app's 预览与生成). */
export const CompileSummarySchema = z.object({
  /** Items compiled (an unreadable one counts: it prints as a notice). */
  items: z.number().int().nonnegative(),
  frontPages: z.number().int().nonnegative(),
  bodyPages: z.number().int().nonnegative(),
  words: z.number().int().nonnegative(),
  /** Wall time of the engine's compile (fonts, layout, writers), ms. */
  ms: z.number().nonnegative(),
  pdfMs: z.number().nonnegative(),
  docxMs: z.number().nonnegative().optional(),
  /** Characters set in a fallback font. */
  fallbackChars: z.array(z.string()).default([]),
  /** Characters no font has. */
  missingGlyphs: z.array(z.string()).default([]),
  /** The DOCX writer failed (the PDF is still good). */
  docxError: z.object({ code: z.string(), message: z.string() }).optional(),
});
export type CompileSummaryInfo = z.infer<typeof CompileSummarySchema>;
