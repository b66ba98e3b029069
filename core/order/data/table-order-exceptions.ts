// The few places where the 通用规范汉字表's own order (kTGH) is not the order GF 3003 gives for the
// characters' strokes as we have them. Hand-written (not generated): read by scripts/build-stroke-table.ts,
// whose table-order check must pass on every other character, and by test/order/table-order.test.ts,
// which also proves each entry is still out of place (so the list cannot rot). Never add a character
// here to silence a data error: fix the data (the build script's corrections) instead.

/**
 * Characters whose table position cannot be explained by their strokes. Each was rendered (Noto Sans
 * SC), its traditional form looked up (Unihan) and its components' standard sequences checked; the
 * table places it where no stroke sequence consistent with the glyph would. Without them, every level
 * is in GF 3003 count-and-class order. (Five more first looked misplaced and turned out to be misread
 * glyphs in our own data: see the build script.)
 */
export const TABLE_MISPLACED: Readonly<Record<string, string>> = {
  铽: '7376, 钅+忒 (31115 1454454) before 𨱇 钅+求 (31115 1241344): 忒 itself (3689) sits where 横 点 斜钩 … puts it, as both sources write it, and neither that nor 横 斜钩 点 fits here',
  麀: '7577, 鹿+匕 (41352211535 35) after 鄜 鹿+阝 (41352211535 52): 撇 before 横撇弯钩 would put it first; the glyph (鹿 top, 匕 below) was not resolved further',
};

/**
 * Adjacent pairs of one level (same count and classes) where GF 3003 rule 3 on our shapes gives the
 * other order than the table. Each was examined; the build fails on any pair not listed here and on
 * a listed pair that no longer disagrees.
 */
export const SHAPE_ORDER_EXCEPTIONS: Readonly<Record<string, string>> = {
  没沟: '殳 (撇 横折弯 横撇 捺) before 勾 (撇 横折钩 撇折 点): both 2 turns, and GF 2001-2001 lists 横折钩 before 横折弯; the table does the opposite here (the only such pair among all ties with known shapes)',
  苊苉: '苉 is rime-stroke data (classes only, 折 shapes unknown, ranked as 横折): the table puts 苊 first',
  哒昤: '昤 is rime-stroke data (折 shapes unknown, 点 for 捺): shapes differ only in granularity',
};
