// The contract's 网上报送 calls (merged into core/contract/api.ts). The clerk's calls (open, close,
// state, links, revoke, qrSheet, log) run on the admin transports; the member's calls (visit,
// receive, amend) are what the portal listener (core/node/portal-server.ts) makes on a member's
// behalf, always carrying the member's link token, which the service checks on every call.
import { z } from 'zod';
import { PORTAL_KINDS, PortalLogEntrySchema } from '../model/portal';
import { FileInputSchema, IdSchema, OutputFileSchema } from './schemas';

const def = <I extends z.ZodType, O extends z.ZodType>(input: I, output: O) => ({ input, output });
const sessionRef = { sessionId: IdSchema };
const tokenRef = { sessionId: IdSchema, token: z.string().min(1).max(100) };
const KindSchema = z.enum(PORTAL_KINDS);

export const PortalStateSchema = z.object({
  enabled: z.boolean(),
  deadline: z.string().optional(),
  kinds: z.array(KindSchema),
  host: z.string(),
  port: z.number().int(),
  /** Whether the listener runs now, and the address members reach it at. */
  running: z.boolean(),
  baseUrl: z.string().optional(),
  /** This computer's network addresses to choose from (IPv4). */
  addresses: z.array(z.string()),
  /** Why the listener is not running although enabled (port taken, deadline passed …). */
  problem: z.string().optional(),
});
export type PortalState = z.infer<typeof PortalStateSchema>;

export const PortalLinkViewSchema = z.object({
  /** A member's id, or `org:<name>` for an organisation. */
  memberId: z.string(),
  kind: z.enum(['member', 'org']),
  name: z.string(),
  sector: z.string(),
  url: z.string(),
  issuedAt: z.string(),
  /** Ready-to-paste notice for WeChat/SMS (复制通知). */
  notice: z.string(),
  /** Items received from this member so far (any channel). */
  received: z.number().int().nonnegative(),
});

export const PortalReceiptSchema = z.object({
  /** 回执编号 */
  number: z.string(),
  at: z.string(),
  fileName: z.string(),
  size: z.number().int().nonnegative(),
  /** First 12 hex digits of SHA-256. */
  hash: z.string(),
  submissionId: z.string(),
});
export type PortalReceipt = z.infer<typeof PortalReceiptSchema>;

export const PortalItemSchema = z.object({
  submissionId: z.string(),
  title: z.string(),
  subtitle: z.string().optional(),
  authorLine: z.string(),
  kind: KindSchema,
  /** 已收到 / 待核对 (needs the secretariat's review) */
  status: z.enum(['ok', 'review']),
  via: z.enum(['file', 'portal']),
  receivedAt: z.string().optional(),
  fileName: z.string().optional(),
  /** Whether this member may still replace or correct it (own portal upload, before the deadline). */
  editable: z.boolean(),
});

export const PortalVisitSchema = z.object({
  sessionName: z.string(),
  memberName: z.string(),
  deadline: z.string().optional(),
  kinds: z.array(z.object({ kind: KindSchema, name: z.string() })),
  open: z.boolean(),
  items: z.array(PortalItemSchema),
});
export type PortalVisit = z.infer<typeof PortalVisitSchema>;

const AmendSchema = z
  .object({
    title: z.string().trim().min(1).max(300),
    subtitle: z.string().max(300),
    authorLine: z.string().max(300),
    kind: KindSchema,
  })
  .partial();

export const portalApi = {
  /** Turns 网上报送 on (or changes its settings): issues a link to every roster member without one. */
  'portal.open': def(
    z.object({
      ...sessionRef,
      revision: z.number().int().nonnegative().optional(),
      deadline: z.iso.datetime({ offset: true }),
      kinds: z.array(KindSchema).min(1),
      host: z.string().max(100).optional(),
      port: z.number().int().min(1).max(65535).optional(),
    }),
    PortalStateSchema,
  ),
  'portal.close': def(z.object(sessionRef), PortalStateSchema),
  'portal.state': def(z.object(sessionRef), PortalStateSchema),
  /** Every member's personal link with its notice text (issues missing ones). */
  'portal.links': def(z.object(sessionRef), z.array(PortalLinkViewSchema)),
  /** The organisations that submit in their own name (each gets a link, like a member). */
  'portal.organisations': def(
    z.object({ ...sessionRef, names: z.array(z.string().trim().min(1).max(100)).max(500) }),
    z.array(PortalLinkViewSchema),
  ),
  /** Withdraws a member's link; with reissue (default) a new one replaces it. */
  'portal.revoke': def(
    z.object({ ...sessionRef, memberId: z.string().min(1).max(120), reissue: z.boolean().default(true) }),
    z.array(PortalLinkViewSchema),
  ),
  /** The printable sheet of QR codes with names (PDF). */
  'portal.qrSheet': def(z.object(sessionRef), OutputFileSchema),
  /** Who uploaded what and when. */
  'portal.log': def(z.object(sessionRef), z.array(PortalLogEntrySchema.extend({ name: z.string() }))),

  // Made by the portal listener on a member's behalf (token checked on each call).
  'portal.visit': def(z.object(tokenRef), PortalVisitSchema),
  'portal.receive': def(
    z.object({
      ...tokenRef,
      file: FileInputSchema,
      kind: KindSchema.optional(),
      replace: IdSchema.optional(),
      size: z.number().int().nonnegative().optional(),
    }),
    z.object({ receipt: PortalReceiptSchema, item: PortalItemSchema }),
  ),
  'portal.amend': def(z.object({ ...tokenRef, submissionId: IdSchema, patch: AmendSchema }), PortalItemSchema),
} as const;
