// Developer aid: CPU time of layout and render for the sample, warm (run with --cpu-prof to profile).
import { layoutDossier } from '../core/compile';
import { buildDossier } from '../core/model/dossier';
import { loadFontSet } from '../core/node/fonts';
import { loadSessionFolder } from '../core/node/session-folder';
import { renderPdf } from '../core/render/pdf/index';

const r = await loadSessionFolder('resources/samples/qi-culture');
if (!r.ok) throw new Error(r.error.message);
const fonts = await loadFontSet(r.value.session.layout);
const { dossier } = buildDossier(r.value.session, r.value.docs);
for (let k = 0; k < 4; k++) {
  const c0 = process.cpuUsage();
  const laid = layoutDossier(dossier, fonts);
  const c1 = process.cpuUsage(c0);
  await renderPdf(laid, fonts);
  const c2 = process.cpuUsage(c0);
  const cpu = (c: NodeJS.CpuUsage) => ((c.user + c.system) / 1000).toFixed(0);
  console.log(`run ${k}: layout ${cpu(c1)} ms CPU, layout+render ${cpu(c2)} ms CPU`);
}
