// CLI over the page-quality checker: `npx tsx test/makeup/check-pdf.ts file.pdf [--list kind,…]`
// prints the counts (and the findings of the listed kinds) for a compiled dossier.
import { checkPdf, summary } from './page-quality';

const file = process.argv[2];
if (!file) {
  console.error('usage: check-pdf.ts file.pdf [--list widow,orphan,…]');
  process.exit(2);
}
const r = checkPdf(file);
console.log(summary(r));
const at = process.argv.indexOf('--list');
if (at > 0) {
  const kinds = new Set((process.argv[at + 1] ?? '').split(','));
  for (const f of r.findings)
    if (kinds.has(f.kind) || kinds.has('all')) console.log(`  p${f.page} ${f.kind}: ${f.text}`);
}
