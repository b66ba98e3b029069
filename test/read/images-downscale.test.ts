// Pictures on import (reliability H7/B5, issue 3): a picture larger than the print size is decoded,
// shrunk to at most PRINT_IMAGE.maxSide with its aspect ratio kept and re-encoded; a BMP is
// converted; a dimension bomb is refused from its header before any decoding; a damaged body is a
// clear warning, never a crash. Fixtures are generated here (jpeg-js, our PNG encoder, a test-side
// PNG writer with every filter type, hand-made BMPs); outputs are decoded again (and PNGs also by
// png-js, the decoder pdfkit uses) and checked pixel by pixel where it matters.
import { beforeAll, describe, expect, it } from 'vitest';
import { zlibSync } from 'fflate';
import { documentText } from '../../core/model/document';
import { readMarkdown } from '../../core/read/markdown';
import { prepareImageForPrint } from '../../core/read/images/downscale';
import { decodePng, encodePng } from '../../core/read/images/png';
import { IMAGE_INFO_CODES } from '../../core/read/images/messages';
import { buildDocx, drawing, jpegHeader, para, pngHeaderOnly } from '../../scripts/make-fixtures';
import {
  b64,
  unb64,
  jpeg,
  docxWithImage,
  read,
  imagesOf,
  codes,
  decodeAny,
  pngjs,
  px,
  expectFitted,
  chunk,
  concat,
  SIG,
  ihdr,
  bmp,
  cmykJpeg,
  gif,
  corruptPng,
  bigFixtures,
} from './images-fixtures';

let bigJpeg: Uint8Array, bigJpegDocx: Uint8Array, rgbaPng: Uint8Array, diagramPng: Uint8Array, photoPng: Uint8Array;
beforeAll(async () => {
  ({ bigJpeg, bigJpegDocx, rgbaPng, diagramPng, photoPng } = await bigFixtures());
}, 60_000);

// ───────────────────────── DOCX ─────────────────────────

/** A DOCX of two pictures (the media files, in this order) read back, with its two images. */
async function readTwoPictures(media: Record<string, Uint8Array>) {
  const [first, second] = Object.keys(media);
  const d = await read(
    buildDocx({
      body: para(drawing('rIdA')) + para(drawing('rIdB')),
      rels: { rIdA: ['image', `media/${first}`], rIdB: ['image', `media/${second}`] },
      media,
    }),
  );
  const [a, b] = imagesOf(d);
  return { d, a, b };
}

describe('DOCX: pictures over the print size are shrunk', () => {
  it('a 6000×4000 phone photo (docx ImageRun) becomes a ≤2000 px JPEG, same aspect, decodable, colours in place, with an info warning', async () => {
    const t0 = performance.now();
    const d = await read(bigJpegDocx, '城市更新.docx');
    const ms = performance.now() - t0;
    console.info(
      `[images] import of a DOCX with a 6000×4000 JPEG (${(bigJpeg.length / 1048576).toFixed(1)} MB): ${ms.toFixed(0)} ms`,
    );
    const [img] = imagesOf(d);
    expect(img).toBeDefined();
    expect(img.width).toBe(2000);
    expect(img.height).toBe(1333);
    expectFitted(img, { width: 6000, height: 4000 });
    const res = d.images[img.resource];
    expect(res.mime).toBe('image/jpeg');
    const out = unb64(res.data);
    expect(out.length).toBeLessThan(bigJpeg.length / 3);
    const r = decodeAny(res.mime, out);
    expect([r.width, r.height]).toEqual([img.width, img.height]);
    const left = px(r, 500, 600);
    const right = px(r, 1500, 600);
    expect(left[0]).toBeGreaterThan(180);
    expect(left[2]).toBeLessThan(70);
    expect(right[2]).toBeGreaterThan(180);
    expect(right[0]).toBeLessThan(70);
    const w = d.warnings.find((x) => x.code === 'image.downscaled');
    expect(w?.message).toMatch(/城市更新\.docx：图片 .+ 原为 6000×4000 像素，已按印刷需要缩小为 2000×1333 像素/);
    expect(IMAGE_INFO_CODES.has('image.downscaled')).toBe(true);
    expect(documentText(d)).toContain('正文结束');
  });

  it('an RGBA PNG keeps its transparency (PNG out, read back by png-js as pdfkit would)', async () => {
    const d = await read(await docxWithImage(rgbaPng, 'png'));
    const [img] = imagesOf(d);
    expectFitted(img, { width: 2600, height: 1800 });
    const res = d.images[img.resource];
    expect(res.mime).toBe('image/png');
    const p = await pngjs(unb64(res.data));
    expect([p.width, p.height]).toEqual([img.width, img.height]);
    const alphaAt = (x: number, y: number) => p.rgba[(y * p.width + x) * 4 + 3];
    expect(alphaAt(100, 50)).toBe(0);
    expect(alphaAt(100, Math.floor(p.height * 0.8))).toBe(255);
    // Premultiplied averaging: the opaque pixels keep their blue channel exactly.
    expect(p.rgba[(Math.floor(p.height * 0.8) * p.width + 100) * 4 + 2]).toBe(128);
    expect(codes(d)).toContain('image.downscaled');
  });

  it('a diagram with few colours stays PNG; a photo-like PNG becomes JPEG', async () => {
    const { d: dd, a, b } = await readTwoPictures({ 'diagram.png': diagramPng, 'photo.png': photoPng });
    expect(dd.images[a.resource].mime).toBe('image/png');
    expect([a.width, a.height]).toEqual([2000, 1000]);
    expect(dd.images[b.resource].mime).toBe('image/jpeg');
    expect([b.width, b.height]).toEqual([2000, 1333]);
    // Lines are 4 px in 3000: 2.67 px after shrinking, still clearly dark.
    const r = decodePng(unb64(dd.images[a.resource].data));
    expect(px(r, 1, 500)[0]).toBeLessThan(60);
    expect(px(r, 40, 40)[0]).toBe(255);
    expect(
      dd.warnings.filter((w) => w.code === 'image.downscaled').map((w) => w.message.match(/图片 (\S+)/)?.[1]),
    ).toEqual(['diagram.png', 'photo.png']);
  });

  it('a picture within the print size is kept byte for byte, without any warning', async () => {
    const small = jpeg(1200, 800);
    const d = await read(await docxWithImage(small, 'jpg'));
    const [img] = imagesOf(d);
    expect(unb64(d.images[img.resource].data)).toEqual(small);
    expect([img.width, img.height]).toEqual([1200, 800]);
    expect(d.warnings.filter((w) => w.code.startsWith('image.'))).toEqual([]);
  });

  it('BMP pictures are converted to PNG (24-bit bottom-up exact; 8-bit palette top-down also shrunk)', async () => {
    const colour = (x: number, y: number): [number, number, number] => [(x * 3) % 256, (y * 5) % 256, 77];
    const small = bmp(70, 40, 24, colour);
    const wide = bmp(2400, 30, 8, (x) => (x < 1200 ? [255, 0, 0] : [0, 0, 255]));
    const { d, a, b } = await readTwoPictures({ 'a.bmp': small, 'b.bmp': wide });
    expect(d.images[a.resource].mime).toBe('image/png');
    const ra = decodePng(unb64(d.images[a.resource].data));
    expect([ra.width, ra.height]).toEqual([70, 40]);
    for (const [x, y] of [
      [0, 0],
      [69, 39],
      [33, 17],
    ])
      expect(px(ra, x, y)).toEqual(colour(x, y));
    expect([b.width, b.height]).toEqual([2000, 25]);
    const rb = decodePng(unb64(d.images[b.resource].data));
    expect(px(rb, 10, 0)).toEqual([255, 0, 0]);
    expect(px(rb, 1990, 24)).toEqual([0, 0, 255]);
    expect(codes(d).filter((c) => c === 'image.converted')).toHaveLength(2);
    expect(d.warnings.find((w) => w.code === 'image.converted')?.message).toContain('由 BMP 格式转换为 PNG');
  });
});

describe('GIF pictures are converted, not dropped', () => {
  const palette = Array.from({ length: 256 }, (_, i) => [i, 255 - i, (i * 7) & 255]);
  // A pattern with repeats (long dictionary strings) and noise (dictionary growth up to the 4096 reset).
  const pattern = (w: number, h: number, salt: number) =>
    Array.from(
      { length: w * h },
      (_, i) => (((i % w) >> 3) + ((Math.floor(i / w) * 13) ^ (i % 5 === 0 ? i * salt : 0))) & 255,
    );

  it('a GIF (DOCX) becomes a PNG with exactly the same pixels; interlaced and transparent GIFs too', async () => {
    const w = 120;
    const h = 90;
    const idx = pattern(w, h, 31);
    const plain = gif(w, h, palette, [idx]);
    const inter = gif(w, h, palette, [idx], { interlace: true, transparent: idx[0] });
    const { d, a, b } = await readTwoPictures({ 'a.gif': plain, 'b.gif': inter });
    expect(d.images[a.resource].mime).toBe('image/png');
    const ra = decodePng(unb64(d.images[a.resource].data));
    expect([ra.width, ra.height, ra.channels]).toEqual([w, h, 3]);
    for (let i = 0; i < w * h; i++)
      if (px(ra, i % w, Math.floor(i / w)).join() !== palette[idx[i]].join()) throw new Error(`pixel ${i} differs`);
    const rb = decodePng(unb64(d.images[b.resource].data));
    expect(rb.channels).toBe(4);
    for (let i = 0; i < w * h; i++) {
      const want = idx[i] === idx[0] ? 0 : 255;
      if (px(rb, i % w, Math.floor(i / w))[3] !== want) throw new Error(`alpha ${i} differs`);
      if (
        want &&
        px(rb, i % w, Math.floor(i / w))
          .slice(0, 3)
          .join() !== palette[idx[i]].join()
      )
        throw new Error(`pixel ${i} differs`);
    }
    expect(d.warnings.filter((x) => x.code === 'image.converted').map((x) => x.message)).toEqual([
      expect.stringContaining('a.gif 由 GIF 格式转换为 PNG'),
      expect.stringContaining('b.gif 由 GIF 格式转换为 PNG'),
    ]);
  });

  it('an animated GIF keeps its first frame and says so; a big GIF is also shrunk; Markdown too', () => {
    const w = 40;
    const h = 30;
    const first = pattern(w, h, 3);
    const o = prepareImageForPrint(gif(w, h, palette, [first, pattern(w, h, 5), pattern(w, h, 7)]));
    expect(o.ok && o.image.frames).toBe(3);
    const md = readMarkdown(
      `![动图](data:image/gif;base64,${b64(gif(w, h, palette, [first, first]))})\n\n![宽图](data:image/gif;base64,${b64(gif(2500, 20, palette, [pattern(2500, 20, 11)]))})\n`,
      { fileName: 'g.md' },
    );
    const imgs = imagesOf(md);
    expect(imgs.map((i) => [i.width, i.height])).toEqual([
      [40, 30],
      [2000, 16],
    ]);
    expect(md.warnings.map((x) => x.message).join('\n')).toMatch(
      /“动图”由 GIF 格式转换为 PNG（动图共 2 帧，印刷只保留第一帧）/,
    );
    expect(md.warnings.map((x) => x.code)).toContain('image.downscaled');
  });

  it('a GIF with its data cut short is reported as damaged, with a marker', async () => {
    const g = gif(200, 200, palette, [pattern(200, 200, 13)]);
    const d = await read(
      buildDocx({
        body: para(drawing('rIdA')),
        rels: { rIdA: ['image', 'media/cut.gif'] },
        media: { 'cut.gif': g.subarray(0, 900) },
      }),
    );
    expect(codes(d)).toContain('image.corrupt');
    expect(documentText(d)).toContain('［此处图片 cut.gif 已损坏，未导入］');
  });
});

// ───────────────────────── Markdown ─────────────────────────

describe('Markdown: data: URI pictures are shrunk the same way', () => {
  it('JPEG, PNG and BMP data URIs come in at most 2000 px with warnings naming the picture', () => {
    const j = jpeg(2400, 1600);
    const md = `# 标题\n\n![现场照片](data:image/jpeg;base64,${b64(j)})\n\n![示意图](data:image/png;base64,${b64(rgbaPng)})\n\n![旧图](data:image/bmp;base64,${b64(bmp(30, 20, 24, () => [1, 2, 3]))})\n`;
    const d = readMarkdown(md, { fileName: '说明.md' });
    const imgs = imagesOf(d);
    expect(imgs).toHaveLength(3);
    expectFitted(imgs[0], { width: 2400, height: 1600 });
    expectFitted(imgs[1], { width: 2600, height: 1800 });
    expect([imgs[2].width, imgs[2].height]).toEqual([30, 20]);
    for (const im of imgs) {
      const r = decodeAny(d.images[im.resource].mime, unb64(d.images[im.resource].data));
      expect([r.width, r.height]).toEqual([im.width, im.height]);
    }
    expect(d.images[imgs[1].resource].mime).toBe('image/png');
    const msgs = d.warnings.map((w) => w.message).join('\n');
    expect(msgs).toMatch(/图片“现场照片”原为 2400×1600 像素，已按印刷需要缩小为 2000×1333 像素/);
    expect(msgs).toMatch(/图片“示意图”原为 2600×1800 像素/);
    expect(msgs).toMatch(/图片“旧图”由 BMP 格式转换为 PNG/);
  });

  it('a dimension bomb or a damaged PNG in Markdown keeps the alt text and says why', () => {
    const corrupt = corruptPng(3000, 2000);
    const md = `![大图](data:image/png;base64,${b64(pngHeaderOnly(30000, 30000))})\n\n![坏图](data:image/png;base64,${b64(corrupt)})\n`;
    const d = readMarkdown(md, { fileName: 'x.md' });
    expect(imagesOf(d)).toHaveLength(0);
    expect(documentText(d)).toContain('大图');
    expect(documentText(d)).toContain('坏图');
    expect(d.warnings.find((w) => w.code === 'image.too-large')?.message).toMatch(/“大图”过大（30000×30000 像素/);
    expect(d.warnings.find((w) => w.code === 'image.corrupt')?.message).toMatch(/“坏图”已损坏/);
  });
});

describe('huge and damaged pictures', () => {
  it('a CMYK JPEG (Adobe, inverted) over the print size is decoded to RGB with the right colours', () => {
    const src = cmykJpeg(2400, 1600, (x) => (x < 1200 ? [255, 0, 0, 0] : [0, 0, 0, 128]));
    const o = prepareImageForPrint(src);
    expect(o.ok).toBe(true);
    if (!o.ok) return;
    expect(o.image.mime).toBe('image/jpeg');
    expect([o.image.width, o.image.height]).toEqual([2000, 1333]);
    const r = decodeAny(o.image.mime, o.image.bytes);
    const cyan = px(r, 300, 600);
    const grey = px(r, 1700, 600);
    expect(cyan[0]).toBeLessThan(20);
    expect(cyan[1]).toBeGreaterThan(235);
    expect(cyan[2]).toBeGreaterThan(235);
    for (const c of grey) expect(Math.abs(c - 127)).toBeLessThan(8);
  });

  it('a JPEG whose decoding would need more memory than allowed is kept whole with a notice (not called damaged)', () => {
    const src = cmykJpeg(2400, 1600, () => [0, 0, 0, 0]);
    const o = prepareImageForPrint(src, { jpegDecodeMemoryMb: 8 });
    expect(o).toMatchObject({
      ok: true,
      notice: { code: 'image.not-downscaled', detail: expect.stringContaining('内存') },
    });
  });

  it('a 30,000 × 30,000 header (PNG or JPEG) is refused before decoding: marker, warning, fast, no memory', async () => {
    const before = process.memoryUsage().arrayBuffers;
    const t0 = performance.now();
    const d = await read(
      buildDocx({
        body: para(drawing('rIdA')) + para(drawing('rIdB')) + para('后文'),
        rels: { rIdA: ['image', 'media/bomb.png'], rIdB: ['image', 'media/bomb.jpg'] },
        media: { 'bomb.png': pngHeaderOnly(30000, 30000), 'bomb.jpg': jpegHeader(30000, 30000) },
      }),
    );
    const ms = performance.now() - t0;
    const grown = process.memoryUsage().arrayBuffers - before;
    expect(ms).toBeLessThan(1000);
    expect(grown).toBeLessThan(32 * 1024 * 1024); // 30,000² × 4 would be 3.6 GB
    expect(imagesOf(d)).toHaveLength(0);
    expect(d.warnings.filter((w) => w.code === 'image.too-large').map((w) => w.message)).toEqual([
      expect.stringMatching(/bomb\.png 过大（30000×30000 像素，边长超过 20000）/),
      expect.stringMatching(/bomb\.jpg 过大（30000×30000 像素/),
    ]);
    expect(documentText(d)).toContain('［此处图片 bomb.png 过大，未导入］');
    expect(documentText(d)).toContain('后文');
  });

  it('a picture allowed but too big to decode safely (8000×7000) is kept as is with a notice, without decoding', () => {
    const t0 = performance.now();
    const o = prepareImageForPrint(pngHeaderOnly(8000, 7000));
    expect(performance.now() - t0).toBeLessThan(200);
    expect(o.ok && o.notice?.code).toBe('image.not-downscaled');
    expect(o.ok && [o.image.width, o.image.height]).toEqual([8000, 7000]);
  });

  it('a damaged body after a valid header: PNG dropped with a marker, JPEG kept and flagged; never a crash', async () => {
    const truncated = bigJpeg.subarray(0, Math.floor(bigJpeg.length * 0.4));
    const d = await read(
      buildDocx({
        body: para(drawing('rIdA')) + para(drawing('rIdB')) + para(drawing('rIdC')) + para('后文'),
        rels: { rIdA: ['image', 'media/bad.png'], rIdB: ['image', 'media/cut.jpg'], rIdC: ['image', 'media/hdr.jpg'] },
        media: { 'bad.png': corruptPng(3000, 2000), 'cut.jpg': truncated, 'hdr.jpg': jpegHeader(2400, 1600) },
      }),
    );
    expect(d.warnings.find((w) => w.code === 'image.corrupt')?.message).toMatch(
      /图片\.docx：图片 bad\.png 已损坏（.+），无法导入/,
    );
    expect(documentText(d)).toContain('［此处图片 bad.png 已损坏，未导入］');
    const damaged = d.warnings.filter((w) => w.code === 'image.damaged').map((w) => w.message);
    expect(damaged).toHaveLength(2);
    expect(damaged[0]).toMatch(/cut\.jpg 可能已损坏.*已按原样保留/);
    expect(imagesOf(d)).toHaveLength(2);
    expect(documentText(d)).toContain('后文');
  });

  it('a small damaged PNG (within the print size) is also caught, since pdfkit would throw on it', () => {
    const o = prepareImageForPrint(corruptPng(300, 200));
    expect(o).toMatchObject({ ok: false, code: 'image.corrupt' });
    const good = encodePng({ width: 300, height: 200, channels: 1, data: new Uint8Array(60000).fill(9) });
    const k = prepareImageForPrint(good);
    expect(k.ok && k.image.bytes).toBe(good);
  });

  it('a deflate bomb inside IDAT stops at the size the header promised', () => {
    const w = 2100;
    const h = 2100;
    const zeros = new Uint8Array(64 * 1024 * 1024); // 64 MB of zeros (15× the promised size), ~64 KB deflated
    const b = concat([
      SIG,
      ihdr(w, h, 8, 0),
      chunk('IDAT', zlibSync(zeros, { level: 9 })),
      chunk('IEND', new Uint8Array(0)),
    ]);
    const t0 = performance.now();
    const o = prepareImageForPrint(b);
    expect(performance.now() - t0).toBeLessThan(3000);
    expect(o.ok).toBe(true);
    if (o.ok) expect([o.image.width, o.image.height]).toEqual([2000, 2000]);
  });
});
