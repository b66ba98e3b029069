// Developer aid: compiles the sample twice in one process and writes both PDFs (to check that the
// warm compile, which reuses cached font streams, gives a valid, equivalent file).
import { writeFileSync } from 'node:fs';
import { compileDossierPdf } from '../core/compile';
import { buildDossier } from '../core/model/dossier';
import { loadFontSet } from '../core/node/fonts';
import { loadSessionFolder } from '../core/node/session-folder';

const [a = '/tmp/warm-1.pdf', b = '/tmp/warm-2.pdf'] = process.argv.slice(2);
const r = await loadSessionFolder('resources/samples/qi-culture');
if (!r.ok) throw new Error(r.error.message);
const fonts = await loadFontSet(r.value.session.layout);
const { dossier } = buildDossier(r.value.session, r.value.docs);
writeFileSync(a, (await compileDossierPdf(dossier, fonts)).pdf);
writeFileSync(b, (await compileDossierPdf(dossier, fonts)).pdf);
