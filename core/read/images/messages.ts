// The clerk-facing Chinese words for what prepareImageForPrint did with a picture, shared by the
// DOCX and Markdown readers so the same case reads the same everywhere. It must never decide
// anything itself: it only words an outcome.
import type { ImportWarning } from '../../model/document';
import type { PrepareOutcome } from './downscale';

/** Warning codes that only inform (the picture is in, nothing for the clerk to check). */
export const IMAGE_INFO_CODES: ReadonlySet<string> = new Set(['image.downscaled', 'image.converted']);

/**
 * @param where  file prefix for the message, e.g. "发言.docx：" (may be empty)
 * @param name   how the picture is named to the clerk, e.g. "image1.jpeg" or "“现场照片”"
 * @returns the warnings to add and, when the picture is not kept, the text of the visible marker
 */
export function describeImageOutcome(
  where: string,
  picture: string,
  o: PrepareOutcome,
): { warnings: ImportWarning[]; marker?: string } {
  // A quoted name sits tight against Chinese text; a file name needs spaces around it.
  const quoted = picture.startsWith('“');
  const name = quoted ? picture : ` ${picture}`;
  const named = quoted ? picture : ` ${picture} `;
  if (!o.ok) {
    switch (o.code) {
      case 'image.unsupported-format':
        return {
          warnings: [
            {
              code: o.code,
              message: `${where}图片${name}（${o.detail}）无法导入，请在 Word/WPS 中把它另存为 PNG 或 JPEG 图片后重新插入`,
            },
          ],
          marker: `此处图片${name}（${o.detail}）未能导入`,
        };
      case 'image.unreadable':
        return {
          warnings: [{ code: o.code, message: `${where}图片${named}无法识别尺寸，已跳过` }],
          marker: `此处图片${named}无法读取`,
        };
      case 'image.too-large':
        return {
          warnings: [{ code: o.code, message: `${where}图片${named}过大（${o.detail}），已跳过，请压缩后重新插入` }],
          marker: `此处图片${named}过大，未导入`,
        };
      case 'image.corrupt':
        return {
          warnings: [
            {
              code: o.code,
              message: `${where}图片${named}已损坏（${o.detail}），无法导入，请在 Word/WPS 中重新插入原图`,
            },
          ],
          marker: `此处图片${named}已损坏，未导入`,
        };
    }
  }
  const w: ImportWarning[] = [];
  const img = o.image;
  if (img.convertedFrom)
    w.push({
      code: 'image.converted',
      message: `${where}图片${named}由 ${img.convertedFrom.toUpperCase()} 格式转换为 ${img.mime === 'image/png' ? 'PNG' : 'JPEG'}${img.frames ? `（动图共 ${img.frames} 帧，印刷只保留第一帧）` : ''}`,
    });
  if (img.downscaledFrom)
    w.push({
      code: 'image.downscaled',
      message: `${where}图片${named}原为 ${img.downscaledFrom.width}×${img.downscaledFrom.height} 像素，已按印刷需要缩小为 ${img.width}×${img.height} 像素（比例不变）`,
    });
  if (o.notice?.code === 'image.not-downscaled')
    w.push({
      code: o.notice.code,
      message: `${where}图片${named}未能缩小（${o.notice.detail}），已按原尺寸保留，汇编文件可能偏大`,
    });
  if (o.notice?.code === 'image.damaged')
    w.push({
      code: o.notice.code,
      message: `${where}图片${named}可能已损坏（${o.notice.detail}），已按原样保留，请在预览中核对，必要时在 Word/WPS 中重新插入原图`,
    });
  return { warnings: w };
}
