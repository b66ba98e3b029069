// LibreOffice as a real DOCX client for the tests: converts .docx files to PDF in a private
// profile with a private fontconfig (our free fonts under the names the DOCX asks for: 仿宋 →
// FandolFang, 黑体 → Noto Sans SC, 楷体 → LXGW WenKai, 方正小标宋简体 → Noto Serif SC Bold), so
// nothing system-wide changes. Skips with a notice when soffice or poppler is missing — except on
// CI (CI=true), where a missing tool is a failure.
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { strFromU8, strToU8, unzipSync, zipSync } from 'fflate';

const FONT_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../resources/fonts');

const has = (cmd: string, args: string[]) =>
  spawnSync(cmd, args, { stdio: 'ignore', timeout: 60_000 }).error === undefined;

export const hasLibreOffice = has('soffice', ['--version']) && has('pdfinfo', ['-v']);
if (!hasLibreOffice) {
  if (process.env.CI === 'true')
    throw new Error('LibreOffice (soffice) and poppler-utils are required on CI for the DOCX tests');
  console.warn('[notice] soffice or poppler-utils not installed: the DOCX-in-LibreOffice tests are skipped');
}

const ALIASES: [string, string, boolean?][] = [
  ['仿宋', 'FandolFang'],
  ['仿宋_GB2312', 'FandolFang'],
  ['宋体', 'Noto Serif SC'],
  ['黑体', 'Noto Sans SC'],
  ['楷体', 'LXGW WenKai'],
  ['楷体_GB2312', 'LXGW WenKai'],
  ['方正小标宋简体', 'Noto Serif SC', true],
  // Latin and digits: FandolFang's half-width figures, as the PDF (and Times New Roman on a PC).
  ['Times New Roman', 'FandolFang'],
];

function fontsConf(dir: string): string {
  const rules = ALIASES.map(
    ([from, to, bold]) =>
      `<match target="pattern"><test name="family"><string>${from}</string></test><edit name="family" mode="assign" binding="strong"><string>${to}</string></edit>${bold ? '<edit name="weight" mode="assign" binding="strong"><const>bold</const></edit>' : ''}</match>`,
  ).join('\n');
  return `<?xml version="1.0"?>
<!DOCTYPE fontconfig SYSTEM "fonts.dtd">
<fontconfig>
<include ignore_missing="yes">/etc/fonts/fonts.conf</include>
<dir>${FONT_DIR}</dir>
<cachedir>${path.join(dir, 'fc-cache')}</cachedir>
${rules}
</fontconfig>`;
}

export interface Converted {
  dir: string;
  pdf(name: string): string;
  cleanup(): void;
}

/**
 * Converts the given documents (name → .docx bytes) in one soffice run; 120 s limit.
 * keepBlankPages exports the blank pages LibreOffice inserts to keep odd numbers on right-hand
 * pages (its PDF export drops them by default). It inserts one before odd-page sections, as the
 * PDF edition does, but also before the body whenever the front matter has an odd page count and
 * the body restarts at 1 — a LibreOffice rule Word does not have.
 */
export function convertWithLibreOffice(
  docs: Record<string, Uint8Array>,
  opts: { keepBlankPages?: boolean } = {},
): Converted {
  const dir = mkdtempSync(path.join(tmpdir(), 'hb-lo-'));
  const out = path.join(dir, 'out');
  mkdirSync(out);
  writeFileSync(path.join(dir, 'fonts.conf'), fontsConf(dir));
  const files = Object.entries(docs).map(([name, bytes]) => {
    const f = path.join(dir, `${name}.docx`);
    writeFileSync(f, bytes);
    return f;
  });
  const r = spawnSync(
    'soffice',
    [
      `-env:UserInstallation=file://${path.join(dir, 'profile')}`,
      '--headless',
      '--norestore',
      '--convert-to',
      opts.keepBlankPages ? 'pdf:writer_pdf_Export:{"IsSkipEmptyPages":{"type":"boolean","value":"false"}}' : 'pdf',
      '--outdir',
      out,
      ...files,
    ],
    {
      env: { ...process.env, HOME: dir, FONTCONFIG_FILE: path.join(dir, 'fonts.conf') },
      timeout: 120_000,
      encoding: 'utf8',
    },
  );
  if (r.error || r.status !== 0) throw new Error(`soffice failed: ${r.error?.message ?? r.stderr}`);
  return {
    dir,
    pdf: (name) => path.join(out, `${name}.pdf`),
    cleanup: () => rmSync(dir, { recursive: true, force: true }),
  };
}

export function pageCount(pdf: string): number {
  const info = execFileSync('pdfinfo', [pdf]).toString('utf8');
  return Number(info.match(/^Pages:\s+(\d+)/m)![1]);
}

export interface TextLine {
  xMin: number;
  xMax: number;
  yMin: number;
  text: string;
}

/** Lines of text per page (index 0 = page 1), from pdftotext -bbox-layout. */
export function pdfLines(pdf: string): TextLine[][] {
  const html = execFileSync('pdftotext', ['-bbox-layout', pdf, '-'], { maxBuffer: 256 * 1024 * 1024 }).toString('utf8');
  return html
    .split('<page ')
    .slice(1)
    .map((p) =>
      [...p.matchAll(/<line xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="[\d.]+">([\s\S]*?)<\/line>/g)].map(
        (m) => ({
          xMin: +m[1],
          yMin: +m[2],
          xMax: +m[3],
          text: [...m[4].matchAll(/>([^<]*)<\/word>/g)].map((w) => w[1]).join(''),
        }),
      ),
    );
}

export const fileExists = (f: string) => {
  try {
    readFileSync(f);
    return true;
  } catch {
    return false;
  }
};

/**
 * The DOCX as Word reads it, for LibreOffice 7.4 as a stand-in for Word's line breaking. Two of
 * our paragraph properties LibreOffice imports against ECMA-376 (writerfilter DomainMapper.cxx):
 * - w:overflowPunct (§17.3.1.21) is read inverted (ParaIsHangingPunctuation = `val == 0`), so
 *   val="0", "keep punctuation inside the margins" as our PDF and Word do, makes LibreOffice hang
 *   、。 in the margin: the value is flipped here;
 * - w:autoSpaceDE/autoSpaceDN="0" (§17.3.1.2–3, no extra space between Chinese and Latin or
 *   digits) are ignored, and LibreOffice adds 1/5 em at each such boundary: a zero-width space
 *   is put there, which (not being a letter or digit) stops that space and, being a break
 *   opportunity anyway between Han and Latin, moves no line break;
 * - a run's character spacing applies to its last character in Word but not in LibreOffice, so a
 *   mark the PDF set at half width (condensed by half an em) is set at half width by scale here.
 * Nothing else changes; the DOCX users get is tested as it is elsewhere.
 */
export function asWordReadsIt(docx: Uint8Array): Uint8Array {
  const files = unzipSync(docx);
  const flip = (xml: string) =>
    xml.replace(/<w:overflowPunct w:val="(0|1|false|true)"\/>/g, (_, v: string) =>
      v === '0' || v === 'false' ? '<w:overflowPunct w:val="1"/>' : '<w:overflowPunct w:val="0"/>',
    );
  const noAutoSpace = (xml: string) =>
    xml.replace(
      /(<w:t(?: [^>]*)?>)([^<]*)(<\/w:t>)/g,
      (_, open: string, text: string, close: string) =>
        open +
        text.replace(/(?<=\p{Script=Han})(?=[A-Za-z0-9])|(?<=[A-Za-z0-9])(?=\p{Script=Han})/gu, '\u200b') +
        close,
    );
  // A mark condensed by half an em (the PDF's 标点挤压): Word gives up half its advance; LibreOffice
  // ignores spacing after a run's last character, so the copy halves the mark's width instead.
  const halfMarks = (xml: string) =>
    xml.replace(
      /<w:rPr><w:spacing w:val="(-\d+)"\/><\/w:rPr>(<w:t[^>]*>[、，。；：？！]<\/w:t>)/g,
      (all, v: string, t: string) => (Number(v) <= -107 ? `<w:rPr><w:w w:val="50"/></w:rPr>${t}` : all),
    );
  const patch: Record<string, (xml: string) => string> = {
    'word/styles.xml': flip,
    'word/document.xml': (x) => noAutoSpace(flip(halfMarks(x))),
    'word/footnotes.xml': noAutoSpace,
  };
  for (const [name, f] of Object.entries(patch)) if (files[name]) files[name] = strToU8(f(strFromU8(files[name])));
  return zipSync(files);
}
