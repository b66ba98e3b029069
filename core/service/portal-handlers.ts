// The contract's 网上报送 handlers. The clerk turns the portal on with a deadline and the kinds a
// member may submit; every roster member gets a personal link; the portal listener then calls
// portal.visit / portal.receive / portal.amend with the member's token, and this module decides
// everything: the token (hashed, constant-time), revocation, the deadline, the kinds, and that a
// member only ever sees and changes their own items. Uploads go through the ONE importer
// (submissions.import / submissions.replace), so detection, caps and hostile-file defences are
// the same as for any file. Never trusts the listener with more than the token and the file.
import type { CallContext, Handlers } from '../contract/client';
import type { PortalState } from '../contract/portal-api';
import type { PortalLink, PortalSettings } from '../model/portal';
import { SUBMISSION_KIND_NAMES, type Session, type Submission } from '../model/session';
import { deadlineText, noticeText } from '../portal/notice';
import { findLink, linkToken, tokenHash } from '../portal/tokens';
import { err, ok, type Result } from '../result';
import type { Ports } from './ports';
import {
  activeLink,
  appendLog,
  isPortalOpen,
  itemView,
  owns,
  recipients,
  sectionForKind,
  settingsOf,
  unavailable,
  type Recipient,
} from './portal-recipients';

export { isPortalOpen, recipients, resumePortal } from './portal-recipients';
import type { SessionOwner } from './session-owner';
import { sessionFileName } from '../print/file-names';

type PortalCalls =
  | 'portal.open'
  | 'portal.close'
  | 'portal.state'
  | 'portal.links'
  | 'portal.organisations'
  | 'portal.revoke'
  | 'portal.qrSheet'
  | 'portal.log'
  | 'portal.visit'
  | 'portal.receive'
  | 'portal.amend';

export interface PortalDeps {
  ports: Ports;
  owner: SessionOwner;
  /** The service's own handlers (uploads go through submissions.import / replace). */
  self: () => Handlers;
}

export function portalHandlers(d: PortalDeps): Pick<Handlers, PortalCalls> {
  const { ports, owner } = d;
  const now = () => ports.clock.now();
  const host = ports.portal;

  const baseUrl = (sessionId: string, p: PortalSettings): string => {
    const st = host?.status(sessionId);
    if (st?.baseUrl) return st.baseUrl;
    const h = p.host === '0.0.0.0' || p.host === '' ? (host?.addresses()[0] ?? '127.0.0.1') : p.host;
    return `http://${h.includes(':') ? `[${h}]` : h}:${p.port}`;
  };

  const state = (sessionId: string, s: Session): PortalState => {
    const p = settingsOf(s);
    const st = host?.status(sessionId) ?? { running: false };
    return {
      enabled: p.enabled,
      deadline: p.deadline,
      kinds: p.kinds,
      host: p.host,
      port: p.port,
      running: st.running,
      baseUrl: st.running ? st.baseUrl : undefined,
      addresses: host?.addresses() ?? [],
      problem: st.problem ?? (p.enabled && !isPortalOpen(p, now()) ? '已过截止时间，网上报送已关闭' : undefined),
    };
  };

  /** New links for members without an active one (an edit only when some are missing). */
  async function issueMissing(sessionId: string, members?: Set<string>): Promise<Result<Session>> {
    if (!host) return unavailable();
    const key = await host.key();
    const cur = await owner.read(sessionId, (st) => ok(st.session));
    if (!cur.ok) return cur;
    const p = settingsOf(cur.value);
    const need = recipients(cur.value).filter((m) => !activeLink(p, m.id) || members?.has(m.id));
    if (!need.length) return cur;
    const base = now().getTime();
    const fresh: PortalLink[] = [];
    for (const [k, m] of need.entries()) {
      const issuedAt = new Date(base + k).toISOString();
      fresh.push({ memberId: m.id, issuedAt, hash: await tokenHash(await linkToken(key, sessionId, m.id, issuedAt)) });
    }
    const v = await owner.edit({ sessionId, revision: undefined }, '发放网上报送链接', (s) => {
      const q = settingsOf(s);
      const at = now().toISOString();
      const links = q.links.map((l) => (members?.has(l.memberId) && !l.revokedAt ? { ...l, revokedAt: at } : l));
      const add = fresh.filter((f) => !links.some((l) => l.memberId === f.memberId && !l.revokedAt));
      return ok({ session: { ...s, portal: { ...q, links: [...links, ...add] } } });
    });
    return v.ok ? ok(v.value.session) : v;
  }

  async function linkViews(sessionId: string, s: Session) {
    if (!host) return unavailable();
    const key = await host.key();
    const p = settingsOf(s);
    const base = baseUrl(sessionId, p);
    const out = [];
    for (const m of recipients(s)) {
      const l = activeLink(p, m.id);
      if (!l) continue;
      const url = `${base}/s/${await linkToken(key, sessionId, m.id, l.issuedAt)}`;
      const organiser = s.organiser ? `${s.organiser}` : undefined;
      const received = s.submissions.filter((x) => owns(m, x)).length;
      out.push({
        memberId: m.id,
        kind: m.kind,
        name: m.name,
        sector: m.sector,
        url,
        issuedAt: l.issuedAt,
        received,
        notice: noticeText({
          memberName: m.name,
          org: m.kind === 'org',
          sessionName: s.name,
          url,
          deadline: p.deadline,
          organiser,
        }),
      });
    }
    return ok(out);
  }

  /** Who a token belongs to; the member-facing errors are Chinese and say what to do. */
  async function visitor(
    sessionId: string,
    token: string,
  ): Promise<Result<{ session: Session; member: Recipient; portal: PortalSettings; open: boolean; revision: number }>> {
    const cur = await owner.read(sessionId, (st) => ok({ session: st.session, revision: st.revision }));
    if (!cur.ok) return err('portal.bad-link', '链接无效，请向会议秘书处索取新的链接');
    const p = settingsOf(cur.value.session);
    const link = await findLink(p.links, token);
    if (!link) return err('portal.bad-link', '链接无效，请核对链接是否完整，或向会议秘书处索取新的链接');
    if (link.revokedAt) return err('portal.revoked', '此链接已被秘书处收回，请使用新发给您的链接');
    const member = recipients(cur.value.session).find((m) => m.id === link.memberId);
    if (!member) return err('portal.revoked', '此链接已失效（名单已变更），请联系会议秘书处');
    if (!p.enabled) return err('portal.closed', '网上报送已关闭，如需提交材料请联系会议秘书处');
    return ok({ ...cur.value, member, portal: p, open: isPortalOpen(p, now()) });
  }

  const closedError = (p: PortalSettings) =>
    err('portal.closed', `提交已截止（截止时间 ${deadlineText(p.deadline)}），如需补交请联系会议秘书处`);

  async function logAndPatch(
    sessionId: string,
    entry: Omit<Parameters<typeof appendLog>[1], 'at' | 'receipt' | 'hash'>,
    patch?: (sub: Submission, s: Session) => Session,
  ) {
    let receipt = '';
    const v = await owner.edit({ sessionId, revision: undefined }, '网上报送', (s) => {
      const p = settingsOf(s);
      const seq = entry.action === 'amend' ? p.seq : p.seq + 1;
      receipt = entry.action === 'amend' ? '' : `${now().getFullYear()}-${String(seq).padStart(4, '0')}`;
      let next = s;
      const sub = entry.submissionId ? s.submissions.find((x) => x.id === entry.submissionId) : undefined;
      if (sub && patch) next = patch(sub, s);
      // An upload's entry carries the receipt's file facts: the first 12 hex digits of its SHA-256.
      const hash = receipt && sub ? { hash: (sub.source.sha256 ?? '').slice(0, 12) } : {};
      const logged = { ...entry, at: now().toISOString(), ...(receipt ? { receipt } : {}), ...hash };
      return ok({ session: { ...next, portal: appendLog({ ...p, seq }, logged) } });
    });
    return v.ok ? ok({ session: v.value.session, receipt }) : v;
  }

  return {
    'portal.open': async (i) => {
      if (!host) return unavailable();
      if (new Date(i.deadline).getTime() <= now().getTime())
        return err('portal.deadline-passed', '截止时间已过，请选择一个将来的时间');
      const v = await owner.edit({ sessionId: i.sessionId, revision: i.revision }, '开启网上报送', (s) => {
        const p = settingsOf(s);
        return ok({
          session: {
            ...s,
            portal: {
              ...p,
              enabled: true,
              deadline: i.deadline,
              kinds: i.kinds,
              host: i.host ?? p.host,
              port: i.port ?? p.port,
            },
          },
        });
      });
      if (!v.ok) return v;
      const issued = await issueMissing(i.sessionId);
      if (!issued.ok) return issued;
      const p = settingsOf(issued.value);
      const started = await host.start(i.sessionId, { host: p.host, port: p.port, deadline: p.deadline });
      if (!started.ok) return started;
      return ok(state(i.sessionId, issued.value));
    },
    'portal.close': async (i) => {
      await host?.stop(i.sessionId);
      const v = await owner.edit({ sessionId: i.sessionId, revision: undefined }, '关闭网上报送', (s) =>
        ok({ session: { ...s, portal: { ...settingsOf(s), enabled: false } } }),
      );
      return v.ok ? ok(state(i.sessionId, v.value.session)) : v;
    },
    'portal.state': async (i) => owner.read(i.sessionId, (st) => ok(state(i.sessionId, st.session))),
    'portal.links': async (i) => {
      const s = await issueMissing(i.sessionId);
      return s.ok ? linkViews(i.sessionId, s.value) : s;
    },
    'portal.organisations': async (i) => {
      const names = [...new Set(i.names)];
      const v = await owner.edit({ sessionId: i.sessionId, revision: undefined }, '设置报送单位', (x) => {
        const p = settingsOf(x);
        const at = now().toISOString();
        // A removed organisation's link is withdrawn; its items stay.
        const links = p.links.map((l) =>
          l.memberId.startsWith('org:') && !names.includes(l.memberId.slice(4)) && !l.revokedAt
            ? { ...l, revokedAt: at }
            : l,
        );
        return ok({ session: { ...x, portal: { ...p, organisations: names, links } } });
      });
      if (!v.ok) return v;
      const s = await issueMissing(i.sessionId);
      return s.ok ? linkViews(i.sessionId, s.value) : s;
    },
    'portal.revoke': async (i) => {
      if (!host) return unavailable();
      const cur = await owner.read(i.sessionId, (st) => ok(st.session));
      if (!cur.ok) return cur;
      if (!recipients(cur.value).some((m) => m.id === i.memberId))
        return err('not-found', `找不到委员或单位：${i.memberId}`);
      let s: Result<Session>;
      if (i.reissue) s = await issueMissing(i.sessionId, new Set([i.memberId]));
      else {
        const v = await owner.edit({ sessionId: i.sessionId, revision: undefined }, '收回网上报送链接', (x) => {
          const p = settingsOf(x);
          const at = now().toISOString();
          return ok({
            session: {
              ...x,
              portal: {
                ...p,
                links: p.links.map((l) => (l.memberId === i.memberId && !l.revokedAt ? { ...l, revokedAt: at } : l)),
              },
            },
          });
        });
        s = v.ok ? ok(v.value.session) : v;
      }
      return s.ok ? linkViews(i.sessionId, s.value) : s;
    },
    'portal.qrSheet': async (i) => {
      if (!host) return unavailable();
      const s = await issueMissing(i.sessionId);
      if (!s.ok) return s;
      const views = await linkViews(i.sessionId, s.value);
      if (!views.ok) return views;
      const bytes = await host.qrSheet(s.value, views.value);
      const name = sessionFileName(s.value.name, '网上报送二维码.pdf');
      return ports.outputs.write(i.sessionId, name, bytes);
    },
    'portal.log': async (i) =>
      owner.read(i.sessionId, (st) => {
        const names = new Map(recipients(st.session).map((m) => [m.id, m.name]));
        return ok(
          settingsOf(st.session)
            .log.map((e) => ({ ...e, name: names.get(e.memberId) ?? e.memberId }))
            .reverse(),
        );
      }),

    'portal.visit': async (i) => {
      const v = await visitor(i.sessionId, i.token);
      if (!v.ok) return v;
      const { session, member, portal, open } = v.value;
      const items = session.submissions.filter((x) => owns(member, x)).map((x) => itemView(x, member, open));
      return ok({
        sessionName: session.name,
        memberName: member.name,
        deadline: portal.deadline,
        kinds: portal.kinds.map((k) => ({ kind: k, name: SUBMISSION_KIND_NAMES[k] })),
        open,
        items,
      });
    },
    'portal.receive': async (i, ctx: CallContext) => {
      const v = await visitor(i.sessionId, i.token);
      if (!v.ok) return v;
      const { session, member, portal, open } = v.value;
      if (!open) return closedError(portal);
      if (i.kind && !portal.kinds.includes(i.kind))
        return err(
          'portal.kind',
          `本次会议不接收“${SUBMISSION_KIND_NAMES[i.kind]}”，请选择：${portal.kinds.map((k) => SUBMISSION_KIND_NAMES[k]).join('、')}`,
        );
      const self = d.self();
      let submissionId: string;
      let report: { ok: boolean; error?: { code: string; message: string } };
      if (i.replace) {
        const old = session.submissions.find((x) => x.id === i.replace);
        if (!old || !owns(member, old) || old.receivedVia !== 'portal')
          return err('portal.not-yours', '只能更换您本人通过网上报送提交的材料');
        const r = await self['submissions.replace'](
          { sessionId: i.sessionId, revision: v.value.revision, submissionId: old.id, file: i.file },
          ctx,
        );
        if (!r.ok) return r;
        report = r.value.report;
        submissionId = old.id;
      } else {
        const kind = i.kind ?? portal.kinds[0];
        const r = await self['submissions.import'](
          {
            sessionId: i.sessionId,
            revision: v.value.revision,
            files: [i.file],
            sectionId: sectionForKind(session, kind),
          },
          ctx,
        );
        if (!r.ok) return r;
        const rep = r.value.report[0];
        report = rep ?? { ok: false };
        if (!rep?.ok || !rep.submissionId) {
          const code =
            rep?.error?.code === 'import.duplicate' ? 'portal.duplicate' : (rep?.error?.code ?? 'import.failed');
          const message =
            rep?.error?.code === 'import.duplicate'
              ? '这个文件已经提交过了（内容完全相同）'
              : (rep?.error?.message ?? '文件无法读取');
          return err(code, message, { file: rep?.name });
        }
        submissionId = rep.submissionId;
      }
      if (!report.ok) return err(report.error?.code ?? 'import.failed', report.error?.message ?? '文件无法读取');
      const fileName = 'name' in i.file && i.file.name ? i.file.name : '文件';
      const size = i.size ?? 0;
      const logged = await logAndPatch(
        i.sessionId,
        { memberId: member.id, action: i.replace ? 'replace' : 'upload', file: fileName, size, submissionId },
        (sub, s) => {
          const kind = i.kind ?? (i.replace ? sub.kind : portal.kinds[0]);
          const patched: Submission = {
            ...sub,
            ...(member.kind === 'member'
              ? { memberIds: [member.id] }
              : { memberIds: [], organisations: [member.name] }),
            kind,
            receivedVia: 'portal',
            authorLine: sub.authorLine || [member.title.split('、')[0], member.name].filter(Boolean).join(' '),
          };
          const submissions = s.submissions.map((x) => (x.id === sub.id ? patched : x));
          return { ...s, submissions };
        },
      );
      if (!logged.ok) return logged;
      const sub = logged.value.session.submissions.find((x) => x.id === submissionId)!;
      const hash = (sub.source.sha256 ?? '').slice(0, 12);
      return ok({
        receipt: {
          number: logged.value.receipt,
          at: sub.receivedAt ?? now().toISOString(),
          fileName,
          size,
          hash,
          submissionId,
        },
        item: itemView(sub, member, true),
      });
    },
    'portal.amend': async (i) => {
      const v = await visitor(i.sessionId, i.token);
      if (!v.ok) return v;
      const { session, member, portal, open } = v.value;
      if (!open) return closedError(portal);
      const sub = session.submissions.find((x) => x.id === i.submissionId);
      if (!sub || !itemView(sub, member, open).editable)
        return err('portal.not-yours', '只能修改您本人通过网上报送提交的材料');
      if (i.patch.kind && !portal.kinds.includes(i.patch.kind))
        return err('portal.kind', `本次会议不接收“${SUBMISSION_KIND_NAMES[i.patch.kind]}”`);
      const logged = await logAndPatch(
        i.sessionId,
        { memberId: member.id, action: 'amend', submissionId: sub.id },
        (cur, s) => {
          const next: Submission = {
            ...cur,
            ...Object.fromEntries(Object.entries(i.patch).filter(([, x]) => x !== undefined)),
          };
          let sections = s.sections;
          if (i.patch.kind && i.patch.kind !== cur.kind) {
            const to = sectionForKind(s, i.patch.kind);
            if (to)
              sections = s.sections.map((sec) =>
                sec.id === to
                  ? sec.items.includes(cur.id)
                    ? sec
                    : { ...sec, items: [...sec.items, cur.id] }
                  : { ...sec, items: sec.items.filter((x) => x !== cur.id) },
              );
          }
          return { ...s, sections, submissions: s.submissions.map((x) => (x.id === cur.id ? next : x)) };
        },
      );
      if (!logged.ok) return logged;
      const after = logged.value.session.submissions.find((x) => x.id === sub.id)!;
      return ok(itemView(after, member, true));
    },
  };
}
