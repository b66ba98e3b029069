// SHA-256 for content addressing, via Web Crypto (present in node ≥ 20 and every browser), so
// pure code can hash without node:crypto.
export async function sha256Hex(bytes: Uint8Array): Promise<string> {
  const d = await crypto.subtle.digest('SHA-256', bytes as Uint8Array<ArrayBuffer>);
  return [...new Uint8Array(d)].map((b) => b.toString(16).padStart(2, '0')).join('');
}
