// pdf-lib's parser writes its recovery notes ("Trying to parse invalid object", "Invalid object
// ref", "Parsed number that is too large …") straight to console.warn. For untrusted PDFs that is
// noise on the CLI's stderr and in the app's log, and it can be made to print anything a hostile
// file wants. While one of our loads of an untrusted PDF runs, those lines (and only those) are
// dropped; the problems themselves surface as our own named errors and warnings.

const PDF_LIB_NOISE =
  /^(Trying to parse invalid object|Invalid object ref|Removing parsed object|Parsed number that is too large|Removing XFA form data)/;

let active = 0;
let original: typeof console.warn | undefined;

function filtered(...args: unknown[]): void {
  if (typeof args[0] === 'string' && PDF_LIB_NOISE.test(args[0])) return;
  original!.apply(console, args);
}

/** Runs fn (a pdf-lib load of an untrusted PDF) with pdf-lib's parser notes silenced. */
export async function quietPdfLib<T>(fn: () => Promise<T>): Promise<T> {
  if (active++ === 0) {
    original = console.warn;
    console.warn = filtered;
  }
  try {
    return await fn();
  } finally {
    if (--active === 0) {
      if (console.warn === filtered) console.warn = original!;
      original = undefined;
    }
  }
}
