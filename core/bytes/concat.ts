// Joins byte arrays into one (file formats built from parts: PNG chunks, test fixtures). Pure; it
// never keeps a reference to the parts.
export function concatBytes(parts: readonly Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let o = 0;
  for (const p of parts) {
    out.set(p, o);
    o += p.length;
  }
  return out;
}
