// Pictures, charts and text boxes inside a w:drawing / w:pict / w:object (part of the body walk):
// each picture is read once, shrunk for print and stored; what cannot be kept leaves a visible marker.
import type { Block } from '../../model/document';
import { child, elements, type XmlElement } from '../xml-safe';
import { prepareImageForPrint } from '../images/downscale';
import { describeImageOutcome } from '../images/messages';
import { toBase64 } from '../../bytes/base64';
import { ZipError } from '../zip-safe';
import { chooseBranch, warn, type BodyContext, type InlineSink, type ReadBlocks } from './body-context';

/**
 * Where a picture could not be imported, a visible marker stands in its place, so the clerk sees
 * the gap in the preview at the right spot (the warning says why and what to do).
 */
function placeholder(sink: InlineSink, what: string): void {
  sink.pending.push({
    kind: 'blocks',
    blocks: [{ type: 'paragraph', align: 'center', indent: false, inlines: [{ type: 'text', text: `［${what}］` }] }],
  });
}

function imageFromRel(
  ctx: BodyContext,
  rid: string | undefined,
  link: string | undefined,
  extentPx: { width: number; height: number } | undefined,
  alt: string | undefined,
  sink: InlineSink,
): void {
  const rels = ctx.pkg.rels(ctx.part);
  const external = (target: string) => {
    warn(
      ctx,
      'image.external',
      `${ctx.fileName}：有一张图片链接到外部文件（${target}），出于安全未读取，请把图片直接插入文档后再导入`,
    );
    placeholder(sink, '此处为外部链接图片，未导入');
  };
  if (!rid && link) return external(rels.get(link)?.target ?? link);
  if (!rid) return;
  const rel = rels.get(rid);
  if (!rel) {
    warn(ctx, 'image.missing', `${ctx.fileName}：文档引用的一张图片（${rid}）不存在，已跳过`);
    placeholder(sink, '此处图片缺失');
    return;
  }
  if (rel.external) return external(rel.target);
  const shortName = rel.target.split('/').pop() ?? rel.target;
  let known = ctx.imageKeys.get(rel.target);
  if (known === undefined) {
    let bytes: Uint8Array | undefined;
    try {
      bytes = ctx.pkg.zip.read(rel.target);
    } catch (e) {
      if (e instanceof ZipError && (e.code === 'zip.bomb' || e.code === 'zip.total-too-large')) throw e;
      bytes = undefined;
    }
    if (!bytes) {
      warn(ctx, 'image.missing', `${ctx.fileName}：图片 ${shortName} 缺失或已损坏，已跳过`);
      known = { failed: `此处图片 ${shortName} 缺失或已损坏` };
    } else {
      // Header caps first, then shrink (or convert a BMP) for print; see image-downscale.ts.
      const outcome = prepareImageForPrint(bytes, { fallbackSize: extentPx, budget: ctx.imageBudget });
      const said = describeImageOutcome(`${ctx.fileName}：`, shortName, outcome);
      for (const w of said.warnings) warn(ctx, w.code, w.message);
      if (!outcome.ok) {
        known = { failed: said.marker ?? `此处图片 ${shortName} 未能导入` };
      } else {
        const key = `img${Object.keys(ctx.images).length + 1}`;
        ctx.images[key] = { mime: outcome.image.mime, data: toBase64(outcome.image.bytes) };
        known = { key, width: outcome.image.width, height: outcome.image.height };
      }
    }
    ctx.imageKeys.set(rel.target, known);
  }
  if ('failed' in known) {
    placeholder(sink, known.failed);
    return;
  }
  const block: Block = { type: 'image', resource: known.key, width: known.width, height: known.height };
  if (alt) block.alt = alt;
  sink.pending.push({ kind: 'image', block });
}

/** Text boxes and pictures inside a w:drawing / w:pict / w:object, in document order. */
export function walkGraphic(
  el: XmlElement,
  ctx: BodyContext,
  sink: InlineSink,
  readBlocks: ReadBlocks,
  extent?: { width: number; height: number },
  alt?: string,
): void {
  for (const c of elements(el)) {
    switch (c.name) {
      case 'w:txbxContent':
        sink.pending.push({ kind: 'blocks', blocks: readBlocks(c, ctx) });
        break;
      case 'mc:AlternateContent': {
        const b = chooseBranch(c);
        if (b) walkGraphic(b, ctx, sink, readBlocks, extent, alt);
        break;
      }
      case 'wp:inline':
      case 'wp:anchor': {
        const ext = child(c, 'wp:extent');
        const cx = Number(ext?.attrs.cx ?? 0);
        const cy = Number(ext?.attrs.cy ?? 0);
        const px = cx > 0 && cy > 0 ? { width: Math.round(cx / 9525), height: Math.round(cy / 9525) } : undefined;
        const docPr = child(c, 'wp:docPr');
        walkGraphic(c, ctx, sink, readBlocks, px, docPr?.attrs.descr || undefined);
        break;
      }
      case 'a:graphicData': {
        const uri = c.attrs.uri ?? '';
        // Charts and SmartArt carry no picture of themselves: say so instead of dropping them.
        if (/\/chart$/.test(uri)) {
          warn(
            ctx,
            'image.chart',
            `${ctx.fileName}：文档中有图表，无法直接导入，请在 Word/WPS 中将图表复制为图片（选择性粘贴为 PNG）后重新导入`,
          );
          placeholder(sink, '此处图表未能导入');
        } else if (/\/diagram$/.test(uri)) {
          warn(
            ctx,
            'image.smartart',
            `${ctx.fileName}：文档中有 SmartArt 图形，无法直接导入，请将其另存为图片后重新插入`,
          );
          placeholder(sink, '此处 SmartArt 图形未能导入');
        }
        walkGraphic(c, ctx, sink, readBlocks, extent, alt);
        break;
      }
      case 'a:blip':
        imageFromRel(ctx, c.attrs['r:embed'], c.attrs['r:link'], extent, alt, sink);
        break;
      case 'v:imagedata':
        imageFromRel(
          ctx,
          c.attrs['r:id'] ?? c.attrs['r:pict'],
          c.attrs['r:href'],
          extent,
          alt ?? c.attrs['o:title'],
          sink,
        );
        break;
      default:
        walkGraphic(c, ctx, sink, readBlocks, extent, alt);
    }
  }
}
