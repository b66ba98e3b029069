// 网上报送: who a link is for (a roster member or an organisation), which items are theirs, what
// a member sees of an item, and the small rules shared by the handlers (core/service/portal-handlers.ts)
// and the restart hook. Pure.
import { SUBMISSION_KIND_NAMES, type Session, type Submission } from '../model/session';
import { orgRecipientId, PORTAL_LOG_MAX, PortalSettingsSchema, type PortalSettings } from '../model/portal';
import { err } from '../result';
import type { Ports } from './ports';

export const unavailable = () => err('portal.unavailable', '此版本不能开启网上报送（没有网络监听组件）');
export const settingsOf = (s: Session): PortalSettings => s.portal ?? PortalSettingsSchema.parse({});
export const activeLink = (p: PortalSettings, memberId: string) =>
  p.links.find((l) => l.memberId === memberId && !l.revokedAt);

export function isPortalOpen(p: PortalSettings, now: Date): boolean {
  return p.enabled && !!p.deadline && now.getTime() < new Date(p.deadline).getTime();
}

/** The section a kind goes to: the one titled with the kind's name (大会发言 …), if any. */
export function sectionForKind(s: Session, kind: Submission['kind']): string | undefined {
  const name = SUBMISSION_KIND_NAMES[kind];
  return s.sections.find((x) => x.title === name)?.id ?? s.sections.find((x) => x.title.includes(name))?.id;
}

/** Who a link is for: a roster member, or an organisation that submits in its own name. */
export interface Recipient {
  id: string;
  kind: 'member' | 'org';
  name: string;
  sector: string;
  /** 职务 of a member ("市政协常委"), for a byline the file did not give. */
  title: string;
}

export function recipients(s: Session): Recipient[] {
  const orgs = settingsOf(s).organisations;
  return [
    ...s.members.map((m) => ({ id: m.id, kind: 'member' as const, name: m.name, sector: m.sector, title: m.title })),
    ...orgs.map((name) => ({ id: orgRecipientId(name), kind: 'org' as const, name, sector: '报送单位', title: '' })),
  ];
}

/** Whether an item is credited to this recipient. */
export const owns = (r: Recipient, sub: Submission) =>
  r.kind === 'member' ? sub.memberIds.includes(r.id) : (sub.organisations ?? []).includes(r.name);

export function itemView(sub: Submission, who: Recipient, open: boolean) {
  return {
    submissionId: sub.id,
    title: sub.title,
    subtitle: sub.subtitle,
    authorLine: sub.authorLine,
    kind: sub.kind,
    status: sub.status,
    via: sub.receivedVia ?? 'file',
    receivedAt: sub.receivedAt,
    fileName: sub.source.originalName,
    editable: open && sub.receivedVia === 'portal' && owns(who, sub),
  } as const;
}

export function appendLog(p: PortalSettings, e: PortalSettings['log'][number]): PortalSettings {
  const log = [...p.log, e];
  return { ...p, log: log.length > PORTAL_LOG_MAX ? log.slice(log.length - PORTAL_LOG_MAX) : log };
}

/** Restarts the listener of a session whose portal is on and not past its deadline (app restart). */
export async function resumePortal(ports: Ports, sessionId: string, session: Session): Promise<void> {
  const p = session.portal;
  if (!ports.portal || !p || !isPortalOpen(p, ports.clock.now()) || ports.portal.status(sessionId).running) return;
  await ports.portal.start(sessionId, { host: p.host, port: p.port, deadline: p.deadline });
}
