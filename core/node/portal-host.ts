// The node side of 网上报送: one portal listener per session on the address the clerk chose, the
// key portal tokens are derived from (<data>/portal.key, created once, never inside a session
// folder or a bundle), the QR sheet with the session's fonts, and the automatic close at the
// deadline. The service reaches it through the PortalHost port; it reaches the service back only
// through `attach`'s call function (the dispatcher, so inputs are validated like any call).
import { networkInterfaces } from 'node:os';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { randomBytes } from 'node:crypto';
import path from 'node:path';
import { err, ok, type Result } from '../result';
import type { Session } from '../model/session';
import type { PortalHost, PortalLinkForSheet } from '../service/portal-port';
import { renderQrSheet } from '../portal/qr-sheet';
import { loadFontSet } from './fonts';
import { startPortalServer, type PortalCall, type RunningPortal, DEFAULT_LIMITS } from './portal-server';

export class NodePortalHost implements PortalHost {
  private running = new Map<string, { portal: RunningPortal; timer?: ReturnType<typeof setTimeout> }>();
  private problems = new Map<string, string>();
  private call: PortalCall | undefined;
  private keyBytes: Promise<Uint8Array> | undefined;

  constructor(
    private readonly o: { dataDir: string; limits?: Partial<typeof DEFAULT_LIMITS>; host?: string; port?: number },
  ) {}

  /** Connects the host to the service (after the dispatcher exists). */
  attach(call: PortalCall): void {
    this.call = call;
  }

  addresses(): string[] {
    const out: string[] = [];
    for (const list of Object.values(networkInterfaces()))
      for (const a of list ?? []) if (a.family === 'IPv4' && !a.internal) out.push(a.address);
    return out;
  }

  key(): Promise<Uint8Array> {
    return (this.keyBytes ??= (async () => {
      const file = path.join(this.o.dataDir, 'portal.key');
      try {
        const k = new Uint8Array(await readFile(file));
        if (k.length === 32) return k;
      } catch {
        // first use: create it below
      }
      const k = new Uint8Array(randomBytes(32));
      await mkdir(this.o.dataDir, { recursive: true });
      await writeFile(file, k, { mode: 0o600 });
      return k;
    })());
  }

  status(sessionId: string) {
    const r = this.running.get(sessionId);
    return r ? { running: true, baseUrl: r.portal.baseUrl } : { running: false, problem: this.problems.get(sessionId) };
  }

  async start(
    sessionId: string,
    opts: { host: string; port: number; deadline?: string },
  ): Promise<Result<{ baseUrl: string }>> {
    if (!this.call) return err('portal.unavailable', '网上报送组件未就绪');
    // `huibian serve --portal-host/--portal-port` fixes the address for every session.
    opts = { ...opts, host: this.o.host ?? opts.host, port: this.o.port ?? opts.port };
    if (!/^[0-9A-Za-z.:\-[\]]+$/.test(opts.host)) return err('portal.address', `地址无效：${opts.host}`);
    await this.stop(sessionId);
    const call = this.call;
    let portal: RunningPortal;
    try {
      portal = await startPortalServer({
        sessionId,
        host: opts.host,
        port: opts.port,
        call,
        uploadDir: path.join(this.o.dataDir, 'portal-uploads'),
        logFile: path.join(this.o.dataDir, 'logs', `portal-${sessionId.replace(/[^0-9A-Za-z_-]/g, '_')}.log`),
        limits: this.o.limits,
      });
    } catch (e) {
      const code = (e as NodeJS.ErrnoException).code;
      const message =
        code === 'EADDRINUSE'
          ? `端口 ${opts.port} 已被占用，请换一个端口`
          : code === 'EADDRNOTAVAIL'
            ? `本机没有地址 ${opts.host}，请重新选择`
            : `无法在 ${opts.host}:${opts.port} 上开启网上报送（${code ?? (e as Error).message}）`;
      this.problems.set(sessionId, message);
      return err('portal.listen', message);
    }
    this.problems.delete(sessionId);
    // The address members type: the chosen one, or this PC's first network address for 0.0.0.0.
    const shown = opts.host === '0.0.0.0' ? (this.addresses()[0] ?? '127.0.0.1') : opts.host;
    const baseUrl = `http://${shown}:${portal.port}`;
    const entry: { portal: RunningPortal; timer?: ReturnType<typeof setTimeout> } = { portal: { ...portal, baseUrl } };
    const left = opts.deadline ? new Date(opts.deadline).getTime() - Date.now() : Infinity;
    if (Number.isFinite(left)) {
      // Closes by itself at the deadline (the service refuses late uploads on its own as well).
      entry.timer = setTimeout(
        () => void call('portal.close', { sessionId }),
        Math.max(0, Math.min(left, 2 ** 31 - 1)),
      );
      entry.timer.unref?.();
    }
    this.running.set(sessionId, entry);
    return ok({ baseUrl });
  }

  async stop(sessionId: string): Promise<void> {
    const r = this.running.get(sessionId);
    if (!r) return;
    this.running.delete(sessionId);
    if (r.timer) clearTimeout(r.timer);
    await r.portal.close();
  }

  async stopAll(): Promise<void> {
    await Promise.all([...this.running.keys()].map((id) => this.stop(id)));
  }

  async qrSheet(session: Session, links: PortalLinkForSheet[]): Promise<Uint8Array> {
    const set = await loadFontSet(session.layout);
    return renderQrSheet(
      { title: set.roles.hei.font, body: set.roles.song.font },
      { sessionName: session.name, deadline: session.portal?.deadline, links },
    );
  }
}
