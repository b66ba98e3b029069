// Shapes of the clerk's bulk actions on submissions (move, re-type, trash and restore several
// items in one undoable step) and of the kept import report. Pure data + zod: the renderer imports
// this, so it must never import node or the DOM.
import { z } from 'zod';
import { SUBMISSION_KINDS } from '../model/session';
import { IdSchema, ImportReportEntrySchema } from './schemas';

/** Up to this many items in one bulk call (a session has a few hundred at most). */
export const BULK_MAX = 1000;
export const BulkIdsSchema = z.array(IdSchema).min(1).max(BULK_MAX);

/** What one bulk edit may change on every selected item: kind, review state, options. */
export const SubmissionBulkPatchSchema = z
  .object({
    kind: z.enum(SUBMISSION_KINDS),
    status: z.enum(['ok', 'review']),
    reviewReasons: z.array(z.object({ code: z.string(), field: z.string().optional(), message: z.string() })),
    options: z.object({ pinned: z.boolean(), inToc: z.boolean() }).partial(),
  })
  .partial()
  .refine((p) => Object.values(p).some((v) => v !== undefined), { message: '没有要修改的内容' });
export type SubmissionBulkPatch = z.infer<typeof SubmissionBulkPatchSchema>;

/** One trashed submission as the trash list shows it. */
export const TrashedItemSchema = z.object({
  submissionId: IdSchema,
  title: z.string(),
  authorLine: z.string(),
  kind: z.enum(SUBMISSION_KINDS),
  /** The section it was in (id and title), when that section still exists. */
  sectionId: z.string().optional(),
  sectionTitle: z.string().optional(),
  deletedAt: z.string(),
});
export type TrashedItem = z.infer<typeof TrashedItemSchema>;

/** The last import batch of a session, kept beside it so the report survives a reload. */
export const ImportRecordSchema = z.object({
  /** ISO time of the import. */
  at: z.string(),
  /** The batch the entries belong to (an import made one file per call, for progress and cancel). */
  batch: z.string().optional(),
  entries: z.array(ImportReportEntrySchema),
});
export type ImportRecord = z.infer<typeof ImportRecordSchema>;
