// The few places where the 通用规范汉字表's own order (kTGH) is not the order GF 3003 gives for the
// characters' strokes as we have them. Hand-written (not generated): read by scripts/build-stroke-table.ts,
// whose table-order check must pass on every other character, and by test/order/table-order.test.ts,
// which also proves each entry is still out of place (so the list cannot rot). Never add a character
// here to silence a data error: fix the data (the build script's corrections) instead.

/**
 * Characters whose table position cannot be explained by their strokes. Each was rendered (Noto Sans
 * SC) and its components' standard sequences checked; the table places it as no stroke sequence
 * consistent with the glyph would. Removing them, the rest of their level is in GF 3003 order.
 */
export const TABLE_MISPLACED: Readonly<Record<string, string>> = {
  纻: '6641, 纟+宀+一 (5514451) before 𬘘 纟+亢 (5514135): the 5th stroke 点 would put it after 𬘘',
  '𬟽': '7166, 虫+乐 (2512143 5234) before 蚺 虫+冉 (2512142 5211): 乐 starts with 撇, 冉 with 竖',
  '𬃊': '7326, 木+顷 (1234 15132534; 顷 is itself at 1058 among 横-first 8-stroke characters) after 椑 (12343…)',
  铽: '7376, 钅+忒 (31115 1454454, cnchar-order and rime agree) before 𨱇 钅+求 (31115 1241344)',
  '𬒗': '7661, 石+觉 (13251 443…) before 碨 (13251 251…) and 𥔲 (13251 251…)',
  麀: '7577, 鹿+匕 (41352211535 35) after 鄜 鹿+阝 (41352211535 52): 撇 before 横撇弯钩 would put it first',
  '𬸦': '7894, 敝+鸟 (4325 234313 4 35451; 敝 starts 点 撇 竖) after 瘭 and before 羱 (4311…)',
};
