// Markdown reader, part 3: one picture of a Markdown file (a data: URL or a relative path through
// the resolveImage port; remote addresses are never fetched), shrunk for print and stored once.
import type { Block, ImageResource } from '../model/document';
import { fromBase64, toBase64 } from '../bytes/base64';
import { imageBudget, prepareImageForPrint } from './images/downscale';
import { describeImageOutcome } from './images/messages';

export type ResolveImage = (src: string) => { mime: ImageResource['mime']; data: Uint8Array } | undefined;

export class MarkdownImages {
  readonly images: Record<string, ImageResource> = {};
  private count = 0;
  private readonly budget = imageBudget();

  constructor(
    private readonly resolveImage: ResolveImage | undefined,
    private readonly warn: (code: string, message: string) => void,
  ) {}

  read(rawSrc: string, alt: string, title: string | undefined): Block | undefined {
    let src = rawSrc.trim();
    let bytes: Uint8Array | undefined;
    let mime: ImageResource['mime'] | undefined;
    const label = alt || title || '';
    const data = /^data:(image\/[a-z0-9.+-]+);base64,(.*)$/is.exec(src);
    if (data) {
      try {
        bytes = fromBase64(decodeSafe(data[2]));
      } catch {
        this.warn('image.invalid', `图片“${label}”的数据无法解码，已保留说明文字`);
        return undefined;
      }
    } else if (/^[a-z][a-z0-9+.-]*:/i.test(src) || src.startsWith('//')) {
      this.warn(
        'image.remote-ref',
        `图片“${label}”引用了网络或外部地址（${src.slice(0, 80)}），出于安全不会读取，已保留说明文字`,
      );
      return undefined;
    } else {
      src = decodeSafe(src);
      const r = this.resolveImage?.(src);
      if (!r) {
        this.warn(
          'image.external-ref',
          `图片“${label}”引用了外部文件 ${src}，未能读入，已保留说明文字；请把图片插入文档后再导入`,
        );
        return undefined;
      }
      bytes = r.data;
      mime = r.mime;
    }
    // Header caps first, then shrink (or convert a BMP) for print; see images/downscale.ts.
    const outcome = prepareImageForPrint(bytes, { budget: this.budget });
    const named = `“${label || (data ? '未命名图片' : src.slice(0, 60))}”`;
    if (!outcome.ok && (outcome.code === 'image.unsupported-format' || outcome.code === 'image.unreadable')) {
      this.warn('image.invalid', `图片${named}不是有效的 PNG 或 JPEG 图片，已保留说明文字`);
      return undefined;
    }
    const said = describeImageOutcome('', named, outcome);
    for (const w of said.warnings) this.warn(w.code, said.marker ? `${w.message}，已保留说明文字` : w.message);
    if (!outcome.ok) return undefined;
    mime = outcome.image.mime;
    const size = { width: outcome.image.width, height: outcome.image.height };
    bytes = outcome.image.bytes;
    const key = `image${++this.count}`;
    this.images[key] = { mime, data: toBase64(bytes) };
    const block: Block = { type: 'image', resource: key, width: size.width, height: size.height };
    if (alt) block.alt = alt;
    if (title) block.caption = title;
    return block;
  }
}

export function decodeSafe(s: string): string {
  try {
    return decodeURIComponent(s);
  } catch {
    return s;
  }
}
