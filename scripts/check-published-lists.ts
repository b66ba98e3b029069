// Measures our 姓氏笔画 order against published lists ("按姓氏笔画为序"). Each list is a UTF-8 text
// file with one name per line in the published order (a first line starting with '#' is a note,
// e.g. the source URL; notes after a name such as （女，回族） are dropped). The lists stay out of the repository unless their text is public and small.
//
//   npx tsx scripts/check-published-lists.ts <dir or files…> [--actual-chars]
//
// For each list it prints the share of names in official relative order (the longest run of names
// that our order keeps in the published relative order, over all names) under both conventions for
// a single-character given name (the blank, 田富 before 田大利, and the actual characters), and the
// adjacent published pairs we invert under the convention given (default: the blank), with the
// characters that decide them. Exit code 1 when a list is under 99.9 % under both conventions.
import { readFileSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { cleanName, sortNamesByStroke, strokeShapes, strokeInfo } from '../core/order';

/** Length of the longest strictly increasing subsequence (patience sorting). */
export function lisLength(xs: readonly number[]): number {
  const tails: number[] = [];
  for (const x of xs) {
    let lo = 0;
    let hi = tails.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (tails[mid] < x) lo = mid + 1;
      else hi = mid;
    }
    tails[lo] = x;
  }
  return tails.length;
}

function describe(ch: string): string {
  const i = strokeInfo(ch);
  return `${ch}(${i.count} ${i.source === 'sequence' ? strokeShapes(ch).join('') : i.source})`;
}

function files(args: string[]): string[] {
  return args.flatMap((a) =>
    statSync(a).isDirectory()
      ? readdirSync(a)
          .filter((f) => f.endsWith('.txt'))
          .map((f) => path.join(a, f))
      : [a],
  );
}

function main(): void {
  const args = process.argv.slice(2).filter((a) => !a.startsWith('--'));
  const givenNameBlank = !process.argv.includes('--actual-chars');
  let worst = 1;
  for (const file of files(args)) {
    const lines = readFileSync(file, 'utf8')
      .split(/\r?\n/)
      .map((l) => l.trim())
      .filter(Boolean);
    const note = lines[0]?.startsWith('#') ? lines.shift()! : '';
    // Notes printed after a name (王刚（黑龙江）, 马丽（女，回族）) are not part of its order: two names
    // that differ only in their notes are the same name here, kept in their published order.
    const names = lines.map((l) => cleanName(l));
    const keptUnder = (blank: boolean) => {
      const index = new Map<string, number[]>();
      names.forEach((n, i) => index.set(n, [...(index.get(n) ?? []), i]));
      return lisLength(sortNamesByStroke(names, { givenNameBlank: blank }).sorted.map((n) => index.get(n)!.shift()!));
    };
    const sorted = sortNamesByStroke(names, { givenNameBlank });
    const kept = keptUnder(givenNameBlank);
    const other = keptUnder(!givenNameBlank);
    const share = names.length ? kept / names.length : 1;
    worst = Math.min(worst, Math.max(share, names.length ? other / names.length : 1));
    const position = new Map(sorted.sorted.map((n, i) => [n, i]));
    const inverted: string[] = [];
    for (let i = 1; i < names.length; i++) {
      if (position.get(names[i - 1])! > position.get(names[i])!) {
        const [a, b] = [[...names[i - 1]], [...names[i]]];
        const k = a.findIndex((ch, j) => ch !== b[j]);
        inverted.push(
          `${names[i - 1]} > ${names[i]}${k >= 0 && b[k] ? ` (${describe(a[k])} vs ${describe(b[k])})` : ''}`,
        );
      }
    }
    const pct = (k: number) => `${k} (${((k / Math.max(1, names.length)) * 100).toFixed(2)} %)`;
    console.log(
      `${path.basename(file)}: ${names.length} names in official relative order: ${pct(kept)} ${givenNameBlank ? 'with the blank' : 'by actual characters'}, ${pct(other)} ${givenNameBlank ? 'by actual characters' : 'with the blank'}${note ? ` — ${note.slice(1).trim()}` : ''}`,
    );
    for (const line of inverted) console.log(`  inverted: ${line}`);
    if (sorted.unknownChars.length) console.log(`  outside the checked table: ${sorted.unknownChars.join(' ')}`);
  }
  process.exitCode = worst >= 0.999 ? 0 : 1;
}

if (process.argv[1] && path.resolve(process.argv[1]) === path.resolve(new URL(import.meta.url).pathname)) main();
