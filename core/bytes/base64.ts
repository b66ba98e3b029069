// Base64 encoding for bytes in pure core code (no Buffer here); chunked so large images do not
// overflow the call stack. It must never be used for anything but encoding/decoding bytes.
export function toBase64(bytes: Uint8Array): string {
  let s = '';
  const CHUNK = 0x8000;
  const parts: string[] = [];
  for (let i = 0; i < bytes.length; i += CHUNK) {
    s = String.fromCharCode(...bytes.subarray(i, i + CHUNK));
    parts.push(s);
  }
  return btoa(parts.join(''));
}

/** Decodes base64; ASCII whitespace (line breaks in data: URLs and XML) is ignored. */
export function fromBase64(b64: string): Uint8Array {
  const bin = atob(/\s/.test(b64) ? b64.replace(/\s+/g, '') : b64);
  const out = new Uint8Array(bin.length);
  for (let i = 0; i < bin.length; i++) out[i] = bin.charCodeAt(i);
  return out;
}
