// One compile in a fresh process, for the benchmark: `sample` (the committed sample session) or
// `big` (the sample repeated to ~2,000 pages). Prints one JSON line: timings, pages, bytes, RSS.
import './v8-tuning-first';
import { writeFileSync } from 'node:fs';
import { compileDossierPdf } from '../core/compile';
import { buildDossier } from '../core/model/dossier';
import { loadFontSet } from '../core/node/fonts';
import { samplesDir } from '../core/node/paths';
import { loadSessionFile, loadSessionFolder } from '../core/node/session-folder';
import { repeatSession } from './session-gen';
import path from 'node:path';

const [mode = 'sample', out = '', timesArg = '12'] = process.argv.slice(2);
const t0 = performance.now();
const dir = path.join(samplesDir(), 'qi-culture');
// As compileSessionFolder does: the font files are read while the sources are parsed.
const head = await loadSessionFile(dir);
if (head.ok) void loadFontSet(head.value.layout).catch(() => undefined);
const loaded = await loadSessionFolder(dir);
if (!loaded.ok) {
  console.error(loaded.error.message);
  process.exit(1);
}
let { session, docs } = loaded.value;
if (mode === 'big') ({ session, docs } = repeatSession(session, docs, Number(timesArg)));
const t1 = performance.now();
const fonts = await loadFontSet(session.layout);
const t2 = performance.now();
const res = await compileDossierPdf(buildDossier(session, docs).dossier, fonts);
const t3 = performance.now();
if (out) writeFileSync(out, res.pdf);
const t4 = performance.now();
console.log(
  JSON.stringify({
    /** Node start-up and module loading: process start → first line of this script. */
    startMs: t0,
    loadMs: t1 - t0,
    fontMs: t2 - t1,
    compileMs: t3 - t2,
    writeMs: t4 - t3,
    totalMs: t4 - t0,
    pages: res.pageCount,
    items: res.items.length,
    bytes: res.pdf.length,
    maxRssMB: process.resourceUsage().maxRSS / 1024,
    /** CPU of the whole process (user + system), ms: less sensitive than wall time to other load. */
    cpuMs: (process.cpuUsage().user + process.cpuUsage().system) / 1000,
  }),
);
