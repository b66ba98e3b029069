// Shapes of the roster file calls (issue 6): the column mapping, the preview of a file before import
// and the member orderings. Pure data + zod: the renderer imports this, so it must never import
// node or the DOM.
import { z } from 'zod';

export const ROSTER_FIELD_KEYS = [
  'name',
  'gender',
  'ethnicity',
  'sector',
  'party',
  'title',
  'unit',
  'standing',
  'rank',
] as const;
/** Member field → 0-based column of the file. */
export const RosterMappingSchema = z.object(
  Object.fromEntries(ROSTER_FIELD_KEYS.map((k) => [k, z.number().int().nonnegative().optional()])) as Record<
    (typeof ROSTER_FIELD_KEYS)[number],
    z.ZodOptional<z.ZodNumber>
  >,
);
export type RosterMapping = z.infer<typeof RosterMappingSchema>;

export const RosterProblemSchema = z.object({ row: z.number().int(), message: z.string() });

export const RosterPreviewSchema = z.object({
  file: z.string(),
  format: z.enum(['xlsx', 'csv']),
  encoding: z.string().optional(),
  sheet: z.string().optional(),
  headerRow: z.number().int(),
  headers: z.array(z.string()),
  /** Proposed from the header names; the clerk may change it and pass it to roster.import. */
  mapping: RosterMappingSchema,
  /** Headers no field was matched to. */
  unmapped: z.array(z.string()),
  /** Chinese label of each field, for the mapping dialog. */
  fieldLabels: z.record(z.string(), z.string()),
  rowCount: z.number().int().nonnegative(),
  /** The first rows (cells as in the file) with their row numbers. */
  rows: z.array(z.object({ row: z.number().int(), cells: z.array(z.string()) })),
  /** What an import with this mapping would report (empty name, odd values, duplicates). */
  problems: z.array(RosterProblemSchema),
  duplicates: z.array(z.object({ name: z.string(), rows: z.array(z.number().int()) })),
  /** Members an import with this mapping would bring in. */
  memberCount: z.number().int().nonnegative(),
});
export type RosterPreview = z.infer<typeof RosterPreviewSchema>;

/** Rules a roster can be ordered by ('roster' = as it is). */
export const MEMBER_SORT_RULES = ['roster', 'stroke', 'pinyin', 'sector', 'party', 'rank'] as const;

/** The characters an ordering could only place by total stroke count, with the clerk's message. */
export const UnknownCharsFields = {
  unknownChars: z.array(z.string()).default([]),
};
