// Portal link tokens: derived, never stored. token = HMAC-SHA256(key, session, member, issuedAt)
// cut to 192 bits, base64url; the session keeps only SHA-256(token). The key lives outside the
// session (the app's data folder), so re-printing the links needs no stored secret in session.json
// and a copied session or bundle opens nothing. Pure: Web Crypto only (node ≥ 20 and browsers).
import type { PortalLink } from '../model/portal';

/** 32 base64url characters = 192 bits (the issue asks for at least 128). */
export const TOKEN_RE = /^[A-Za-z0-9_-]{32}$/;

const enc = new TextEncoder();

function base64url(bytes: Uint8Array): string {
  let s = '';
  for (const b of bytes) s += String.fromCharCode(b);
  return btoa(s).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

export async function linkToken(
  key: Uint8Array,
  sessionId: string,
  memberId: string,
  issuedAt: string,
): Promise<string> {
  const k = await crypto.subtle.importKey(
    'raw',
    key as Uint8Array<ArrayBuffer>,
    { name: 'HMAC', hash: 'SHA-256' },
    false,
    ['sign'],
  );
  const mac = new Uint8Array(
    await crypto.subtle.sign('HMAC', k, enc.encode(`huibian-portal\n${sessionId}\n${memberId}\n${issuedAt}`)),
  );
  return base64url(mac.subarray(0, 24));
}

export async function tokenHash(token: string): Promise<string> {
  const d = new Uint8Array(await crypto.subtle.digest('SHA-256', enc.encode(token)));
  return [...d].map((b) => b.toString(16).padStart(2, '0')).join('');
}

/** Equal-length strings compared without an early exit. */
function sameHex(a: string, b: string): boolean {
  if (a.length !== b.length) return false;
  let diff = 0;
  for (let i = 0; i < a.length; i++) diff |= a.charCodeAt(i) ^ b.charCodeAt(i);
  return diff === 0;
}

/**
 * The link a presented token belongs to (revoked ones included, so the member can be told the link
 * was withdrawn). Every stored hash is compared, in constant time each, whatever matches first.
 */
export async function findLink(links: readonly PortalLink[], token: string): Promise<PortalLink | undefined> {
  if (!TOKEN_RE.test(token)) return undefined;
  const h = await tokenHash(token);
  let found: PortalLink | undefined;
  for (const l of links) if (sameHex(l.hash, h) && !found) found = l;
  return found;
}
