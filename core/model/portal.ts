// 网上报送 (the members' own submission portal): what a session keeps about it. Tokens are never
// stored: a link's token is derived from a key kept outside the session (core/portal/tokens.ts)
// and only its SHA-256 is here, so a copied session file or bundle opens no portal.
import { z } from 'zod';

export const PORTAL_KINDS = ['speech', 'written', 'report', 'proposal', 'info', 'other'] as const;

export const PortalLinkSchema = z.object({
  /** A roster member's id, or `org:<name>` for an organisation that submits (民盟××市委会 …). */
  memberId: z.string().min(1),
  /** SHA-256 (hex) of the link's token. */
  hash: z.string().regex(/^[0-9a-f]{64}$/),
  issuedAt: z.string(),
  revokedAt: z.string().optional(),
});
export type PortalLink = z.infer<typeof PortalLinkSchema>;

export const PortalLogEntrySchema = z.object({
  at: z.string(),
  memberId: z.string(),
  action: z.enum(['upload', 'replace', 'amend']),
  file: z.string().max(500).optional(),
  size: z.number().int().nonnegative().optional(),
  /** First 12 hex digits of the file's SHA-256 (shown on the receipt). */
  hash: z.string().max(64).optional(),
  submissionId: z.string().optional(),
  receipt: z.string().optional(),
});
export type PortalLogEntry = z.infer<typeof PortalLogEntrySchema>;

/** The log keeps this many entries (oldest dropped): session.json stays small. */
export const PORTAL_LOG_MAX = 2000;

export const PortalSettingsSchema = z.object({
  /** Off by default; on = the portal listener runs until the deadline. */
  enabled: z.boolean().default(false),
  /** ISO date-time after which uploads are refused and the listener closes. */
  deadline: z.string().optional(),
  /** Kinds a member may choose. */
  kinds: z.array(z.enum(PORTAL_KINDS)).min(1).default(['speech', 'written', 'report']),
  /** Address the portal listens on (an office-network address of this PC, or 0.0.0.0). */
  host: z.string().max(100).default('0.0.0.0'),
  port: z.number().int().min(1).max(65535).default(8790),
  /** Organisations that submit in their own name and get a link of their own. */
  organisations: z.array(z.string().trim().min(1).max(100)).max(500).default([]),
  links: z.array(PortalLinkSchema).default([]),
  log: z.array(PortalLogEntrySchema).default([]),
  /** Last receipt number issued. */
  seq: z.number().int().nonnegative().default(0),
});
export type PortalSettings = z.infer<typeof PortalSettingsSchema>;

/** The id a link of an organisation is issued under. */
export const orgRecipientId = (name: string) => `org:${name}`;
