// The port behind 网上报送: the listener on the office network (core/node/portal-host.ts runs one
// per session), the key portal tokens are derived from (kept outside every session), and the QR
// sheet. The service decides who may do what; the host only moves bytes and enforces transport
// limits (rate limits, upload caps).
import type { Result } from '../result';
import type { Session } from '../model/session';

export interface PortalLinkForSheet {
  name: string;
  sector: string;
  url: string;
}

export interface PortalHost {
  /** Starts (or restarts on a new address) the listener of a session; resolves with its base URL. */
  start(
    sessionId: string,
    opts: { host: string; port: number; deadline?: string },
  ): Promise<Result<{ baseUrl: string }>>;
  stop(sessionId: string): Promise<void>;
  status(sessionId: string): { running: boolean; baseUrl?: string; problem?: string };
  /** This computer's IPv4 addresses on its networks (for the clerk to choose from). */
  addresses(): string[];
  /** The secret portal tokens are derived from (created once, never in a session or bundle). */
  key(): Promise<Uint8Array>;
  /** A printable A4 sheet of QR codes with names. */
  qrSheet(session: Session, links: PortalLinkForSheet[]): Promise<Uint8Array>;
}
