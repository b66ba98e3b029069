// Which text needs OpenType shaping. Chinese, Latin, digits and punctuation are drawn glyph by
// glyph from the cmap (no ligatures, no kerning), so measuring and drawing agree exactly and the
// renderer can skip fontkit's shaper; only scripts that cannot be drawn without shaping
// (combining marks, Hebrew/Arabic, Indic, Thai, Myanmar, Khmer, joiners) go through it.
export const NEEDS_SHAPING =
  /[\u0300-\u036f\u0483-\u0489\u0591-\u08ff\u0900-\u0dff\u0e00-\u0eff\u0f00-\u0fff\u1000-\u109f\u1780-\u17ff\u1ab0-\u1aff\u1dc0-\u1dff\u200c\u200d\u20d0-\u20ff\ufb1d-\ufdff\ufe20-\ufe2f\ufe70-\ufeff]/;
