// Draws the app icon (a red rounded square with a white 汇 in Noto Sans SC) in headless Chromium
// and writes icon.png (512), icons at 16–256 for Linux, icon.ico (PNG-in-ICO) and icon.icns
// (PNG entries). Run: npx tsx resources/icons/make-icons.ts. It must never fetch anything.
import { chromium } from 'playwright-core';
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const font = pathToFileURL(resolve(here, '..', 'fonts', 'NotoSansSC-Regular.ttf')).href;
const SIZES = [16, 24, 32, 48, 64, 128, 256, 512, 1024];

function html(size: number): string {
  return `<!doctype html><html><head><style>
  @font-face { font-family: HB; src: url('${font}'); }
  html, body { margin: 0; background: transparent; }
  div { width: ${size}px; height: ${size}px; border-radius: ${size * 0.18}px; background: linear-gradient(160deg, #c62828, #8e0000);
        color: #fff; font-family: HB; font-weight: 700; font-size: ${size * 0.66}px; line-height: ${size}px; text-align: center;
        -webkit-text-stroke: ${Math.max(0.5, size * 0.012)}px #fff; }
  </style></head><body><div>汇</div></body></html>`;
}

function ico(pngs: { size: number; data: Buffer }[]): Buffer {
  const header = Buffer.alloc(6 + 16 * pngs.length);
  header.writeUInt16LE(0, 0);
  header.writeUInt16LE(1, 2);
  header.writeUInt16LE(pngs.length, 4);
  let offset = header.length;
  pngs.forEach((p, i) => {
    const e = 6 + i * 16;
    header.writeUInt8(p.size >= 256 ? 0 : p.size, e);
    header.writeUInt8(p.size >= 256 ? 0 : p.size, e + 1);
    header.writeUInt8(0, e + 2);
    header.writeUInt8(0, e + 3);
    header.writeUInt16LE(1, e + 4);
    header.writeUInt16LE(32, e + 6);
    header.writeUInt32LE(p.data.length, e + 8);
    header.writeUInt32LE(offset, e + 12);
    offset += p.data.length;
  });
  return Buffer.concat([header, ...pngs.map((p) => p.data)]);
}

function icns(entries: { type: string; data: Buffer }[]): Buffer {
  const chunks = entries.map((e) => {
    const h = Buffer.alloc(8);
    h.write(e.type, 0, 'ascii');
    h.writeUInt32BE(e.data.length + 8, 4);
    return Buffer.concat([h, e.data]);
  });
  const body = Buffer.concat(chunks);
  const h = Buffer.alloc(8);
  h.write('icns', 0, 'ascii');
  h.writeUInt32BE(body.length + 8, 4);
  return Buffer.concat([h, body]);
}

const browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', args: ['--no-sandbox', '--disable-gpu', '--allow-file-access-from-files', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'] });
const page = await browser.newPage();
const out = new Map<number, Buffer>();
for (const size of SIZES) {
  await page.setViewportSize({ width: size, height: size });
  const file = join(here, `.tmp-${size}.html`);
  writeFileSync(file, html(size));
  await page.goto(pathToFileURL(file).href);
  await page.evaluate(() => document.fonts.ready);
  out.set(size, await page.screenshot({ omitBackground: true, clip: { x: 0, y: 0, width: size, height: size } }));
  (await import('node:fs')).rmSync(file);
}
await browser.close();

mkdirSync(join(here, 'png'), { recursive: true });
writeFileSync(join(here, 'icon.png'), out.get(512)!);
for (const size of [16, 32, 48, 64, 128, 256, 512]) writeFileSync(join(here, 'png', `${size}x${size}.png`), out.get(size)!);
writeFileSync(join(here, 'icon.ico'), ico([16, 24, 32, 48, 64, 128, 256].map((size) => ({ size, data: out.get(size)! }))));
writeFileSync(join(here, 'icon.icns'), icns([
  { type: 'icp4', data: out.get(16)! }, { type: 'icp5', data: out.get(32)! }, { type: 'icp6', data: out.get(64)! },
  { type: 'ic07', data: out.get(128)! }, { type: 'ic08', data: out.get(256)! }, { type: 'ic09', data: out.get(512)! }, { type: 'ic10', data: out.get(1024)! },
]));
console.log('resources/icons: icon.png, icon.ico, icon.icns, png/*.png');
