// The DOCX / WPS reader: bytes of an OOXML word-processing package → SourceDoc. Opens the package
// safely (zip caps, no DTDs), reads styles, numbering, body and notes, then takes the front matter
// (label, title, subtitle, author line, date, end signature) out of the body (intake/front-matter).
// It must never throw to its caller and never read outside the package.
import type { Block, Footnote, Inline, SourceDoc } from '../../model/document';
import { err, ok, type Result } from '../../result';
import { SafeZip, ZipError, zipErrorMessage } from '../zip-safe';
import { XML_LIMITS, XmlError, childrenNamed, child, type XmlElement } from '../xml-safe';
import { DocxMissingPart, DocxPackage } from './package';
import { Styles } from './styles';
import { Numbering } from './numbering';
import { readBlocks, type BodyContext } from './body';
import { applyFrontMatter } from '../intake/front-matter';
import { attachCaptions } from '../captions';
import { imageBudget } from '../images/downscale';

import { DOCX_MAX_BYTES } from '../limits';

export { DOCX_MAX_BYTES };

function readNotes(pkg: DocxPackage, ctx: BodyContext, type: 'footnotes' | 'endnotes'): Footnote[] {
  const part = pkg.related(pkg.mainPart, type);
  if (!part) return [];
  const root = pkg.xml(part);
  if (!root) return [];
  const kind = type === 'footnotes' ? 'footnote' : 'endnote';
  const out: Footnote[] = [];
  const noteCtx: BodyContext = { ...ctx, part, fields: [] };
  for (const n of childrenNamed(root, type === 'footnotes' ? 'w:footnote' : 'w:endnote')) {
    const t = n.attrs['w:type'];
    if (t === 'separator' || t === 'continuationSeparator' || t === 'continuationNotice') continue;
    const blocks = readBlocks(n, noteCtx);
    const inlines: Inline[] = [];
    for (const b of blocks) {
      if (b.type !== 'paragraph' && b.type !== 'heading') continue;
      if (inlines.length) inlines.push({ type: 'break' });
      inlines.push(...b.inlines);
    }
    out.push({ id: `${type === 'footnotes' ? 'fn' : 'en'}${n.attrs['w:id']}`, kind, inlines });
  }
  return out;
}

export async function readDocx(bytes: Uint8Array, fileName: string): Promise<Result<SourceDoc>> {
  if (bytes.length > DOCX_MAX_BYTES)
    return err(
      'import.too-large',
      `${fileName} 太大（${(bytes.length / 1048576).toFixed(0)} MB），Word 文档上限为 ${DOCX_MAX_BYTES / 1048576} MB，请压缩其中的图片后再导入`,
      { file: fileName },
    );
  try {
    const zip = new SafeZip(bytes);
    const pkg = new DocxPackage(zip);
    const styles = new Styles(pkg.xml(pkg.related(pkg.mainPart, 'styles') ?? 'word/styles.xml'));
    const numbering = new Numbering(
      pkg.xml(pkg.related(pkg.mainPart, 'numbering') ?? 'word/numbering.xml'),
      (id) => styles.get(id)?.numId,
    );
    const doc = pkg.xml(pkg.mainPart) as XmlElement;
    const body = child(doc, 'w:body');
    if (!body)
      return err(
        'import.docx.no-body',
        `${fileName} 不是 Word 正文文档（找不到正文），请用 Word/WPS 打开后另存为 .docx`,
        { file: fileName },
      );
    const prominent = new WeakSet<Block>();
    const ctx: BodyContext = {
      pkg,
      part: pkg.mainPart,
      styles,
      numbering,
      images: {},
      imageKeys: new Map(),
      imageBudget: imageBudget(),
      warnings: [],
      fileName,
      fields: [],
      prominent,
    };
    const blocks = attachCaptions(readBlocks(body, ctx));
    const footnotes = [...readNotes(pkg, ctx, 'footnotes'), ...readNotes(pkg, ctx, 'endnotes')];
    // Keep only notes the text refers to (Word keeps orphans of deleted references).
    const refs = new Set<string>();
    const collect = (inl: Inline[]) => inl.forEach((i) => i.type === 'noteRef' && refs.add(i.id));
    for (const b of blocks) {
      if (b.type === 'paragraph' || b.type === 'heading') collect(b.inlines);
      else if (b.type === 'list') b.items.forEach((it) => collect(it.inlines));
      else if (b.type === 'table')
        b.rows.forEach((r) => r.cells.forEach((c) => c.paragraphs.forEach((p) => collect(p.inlines))));
    }
    if (zip.rejectedNames.length)
      ctx.warnings.push({
        code: 'zip.unsafe-names',
        message: `${fileName} 中有 ${zip.rejectedNames.length} 个名称异常的部件（如“${zip.rejectedNames[0]}”），已忽略`,
      });
    const out: SourceDoc = {
      blocks,
      footnotes: footnotes.filter((f) => refs.has(f.id)),
      images: ctx.images,
      warnings: ctx.warnings,
    };
    applyFrontMatter(out, { isProminent: (b) => prominent.has(b) });
    if (!out.blocks.length && !out.title)
      out.warnings.push({ code: 'import.empty', message: `${fileName} 没有正文内容` });
    return ok(out);
  } catch (e) {
    if (e instanceof ZipError)
      return err(`import.${e.code}`, `${fileName}：${zipErrorMessage(e.code)}`, { file: fileName, detail: e.message });
    if (e instanceof XmlError)
      return e.code === 'xml.doctype'
        ? err(
            'import.xml.doctype',
            `${fileName} 含有不安全的 XML 声明（DOCTYPE/ENTITY），已拒绝导入；请用 Word/WPS 打开后另存为 .docx`,
            { file: fileName, detail: e.message },
          )
        : e.code === 'xml.too-deep'
          ? err(
              'import.xml.too-deep',
              `${fileName} 的内容嵌套层级过深（超过 ${XML_LIMITS.maxDepth} 层，正常文档远少于此），疑似异常构造的文件，已停止读取；请用 Word/WPS 打开后另存为 .docx`,
              { file: fileName, detail: e.message },
            )
          : e.code === 'xml.too-many-nodes'
            ? err(
                'import.xml.too-many-nodes',
                `${fileName} 的内容元素过多（超过 ${XML_LIMITS.maxElements} 个），已停止读取；如确为超大文档，请拆分后分别导入`,
                { file: fileName, detail: e.message },
              )
            : err(`import.${e.code}`, `${fileName} 的内容已损坏（XML 格式错误），请用 Word/WPS 打开后另存为 .docx`, {
                file: fileName,
                detail: e.message,
              });
    if (e instanceof DocxMissingPart)
      return err('import.docx.no-main-part', `${fileName} 不是 Word 文档（缺少正文部件），请用 Word/WPS 另存为 .docx`, {
        file: fileName,
        detail: e.message,
      });
    return err('import.docx.failed', `读取 ${fileName} 失败：${e instanceof Error ? e.message : String(e)}`, {
      file: fileName,
    });
  }
}
