// The print-product table runs without a disk: each product hands its bytes to `emit` with the
// place they belong (the printer port stores them, core/node/print-producer.ts, and the export.print
// handler maps places onto the target path, core/print/places.ts).
import { describe, expect, it } from 'vitest';
import { unzipSync } from 'fflate';
import { PRINT_PRODUCTS, type ProductContext, type ProductPlace } from '../../core/print/products';
import { loadFontSet } from '../../core/node/fonts';
import { fixtureSession } from '../compile/fixture';

function context(over: Partial<ProductContext> & Pick<ProductContext, 'req'>) {
  const fx = fixtureSession();
  const emitted: { place: ProductPlace; bytes: Uint8Array | string }[] = [];
  const ctx: ProductContext = {
    session: fx.session,
    docs: fx.docs,
    outName: 'out.pdf',
    loadFonts: loadFontSet,
    emit: async (place, bytes) => void emitted.push({ place, bytes }),
    warnings: [],
    ...over,
  };
  return { ctx, emitted };
}

const isPdf = (b: Uint8Array | string) =>
  typeof b !== 'string' && new TextDecoder().decode(b.subarray(0, 5)) === '%PDF-';

describe('print products', () => {
  it('has one product per export kind, each saying whether it writes a file or a folder', () => {
    expect(Object.keys(PRINT_PRODUCTS).sort()).toEqual([
      'booklet',
      'copies',
      'handouts',
      'phone',
      'print',
      'printsheet',
      'register',
      'screen',
    ]);
    expect(PRINT_PRODUCTS.copies.target({ as: 'copies', perCopy: true }, 'x')).toBe('folder');
    expect(PRINT_PRODUCTS.handouts.target({ as: 'handouts', batch: true }, 'x.zip')).toBe('file');
    expect(PRINT_PRODUCTS.handouts.target({ as: 'handouts', batch: true }, 'x')).toBe('folder');
  });

  it('the register is one PDF at the output, one row per copy', async () => {
    const { ctx, emitted } = context({ req: { as: 'register', recipients: ['甲', '乙', '丙'] } });
    const r = await PRINT_PRODUCTS.register.make(ctx);
    expect(r.copies).toBe(3);
    expect(emitted.map((e) => e.place)).toEqual([{ at: 'out' }]);
    expect(isPdf(emitted[0].bytes)).toBe(true);
  });

  it('a batch of handouts into a zip only: one zip with one PDF per item', async () => {
    const { ctx, emitted } = context({
      req: { as: 'handouts', batch: true, selection: { section: 's1' } },
      outName: 'handouts.zip',
    });
    const r = await PRINT_PRODUCTS.handouts.make(ctx);
    expect(r.copies).toBe(2);
    expect(emitted.map((e) => e.place)).toEqual([{ at: 'zip' }]);
    const entries = unzipSync(emitted[0].bytes as Uint8Array);
    expect(Object.keys(entries)).toHaveLength(2);
    for (const b of Object.values(entries)) expect(isPdf(b)).toBe(true);
  }, 30_000);

  it('the print sheet as text when the output is not a PDF', async () => {
    const { ctx, emitted } = context({ req: { as: 'printsheet', copies: 40 }, outName: 'sheet.txt' });
    const r = await PRINT_PRODUCTS.printsheet.make(ctx);
    expect(r.copies).toBe(40);
    expect(typeof emitted[0].bytes).toBe('string');
    expect(emitted[0].bytes as string).toContain('40');
  }, 30_000);
});
