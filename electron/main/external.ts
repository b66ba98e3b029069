// Decides what the shell may hand to the operating system (E3): only https links to an allow-list
// of hosts open in the browser; only folders / PDFs inside the app's own roots are opened.
// It must never pass file:, smb:, javascript: or a path outside the roots to the OS.
import { isAbsolute, relative, resolve } from 'node:path';

export const EXTERNAL_HOSTS = ['www.cppcc.gov.cn', 'github.com', 'www.gov.cn'];

export function isAllowedExternal(url: string, hosts: readonly string[] = EXTERNAL_HOSTS): boolean {
  let u: URL;
  try {
    u = new URL(url);
  } catch {
    return false;
  }
  if (u.protocol !== 'https:') return false;
  if (u.username || u.password) return false;
  return hosts.includes(u.hostname.toLowerCase());
}

/** True when path lies inside (or is) one of roots, after resolving "..". */
export function isInsideRoots(path: string, roots: readonly string[]): boolean {
  if (!path || path.includes('\0') || !isAbsolute(path)) return false;
  if (/^\\\\|^\/\//.test(path)) return false; // UNC / network shares
  const full = resolve(path);
  return roots.some((root) => {
    const back = relative(resolve(root), full);
    return back === '' || (!back.startsWith('..') && !isAbsolute(back));
  });
}
