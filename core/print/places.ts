// Where each file of a print product goes when the clerk names a target path (the CLI's --out,
// the app's save dialog): the product says what a file is (the output itself, one file of a
// folder, the register of copies, the zip) and this maps it onto the target, with plain string
// operations so core stays free of node:path. Used by the export.print handler.
import type { ProductPlace } from './products';

const trimSep = (p: string) => p.replace(/[\\/]+$/, '') || p;
const sepOf = (p: string) => (p.includes('\\') && !p.includes('/') ? '\\' : '/');
const join = (dir: string, name: string) => `${trimSep(dir)}${sepOf(dir)}${name}`;

/** Whether the target of a request is a folder (per-copy copies, batch handouts not ending in .zip). */
export function targetIsFolder(req: { as: string; perCopy?: boolean; batch?: boolean }, target: string): boolean {
  if (req.as === 'copies') return !!req.perCopy;
  if (req.as === 'handouts') return !!req.batch && !/\.zip$/i.test(target);
  return false;
}

/** The path a file of the product is written to, from the target path and the file's place. */
export function placeTarget(
  target: string,
  place: ProductPlace['at'],
  name: string,
  req: { as: string; perCopy?: boolean; batch?: boolean },
): string {
  const folder = targetIsFolder(req, target);
  switch (place) {
    case 'out':
      return target;
    case 'folder':
      return join(target, name);
    case 'register': {
      if (folder) return join(target, '分发清退登记表.pdf');
      const m = /\.[^.\\/]*$/.exec(target);
      return `${m ? target.slice(0, m.index) : target}-分发清退登记表.pdf`;
    }
    case 'zip':
      return /\.zip$/i.test(target) ? target : `${trimSep(target)}.zip`;
  }
}
