// Names for display (issue 13, point 7): a file name may hold raw newlines, other control
// characters or bidi overrides (U+202E turns "报告exe.docx" into what looks like another name).
// Before a name reaches a report line it is made visible: controls become their Unicode
// "control pictures" (␊), bidi controls a <U+202E> marker. Pure; never used on stored data.

const BIDI = /[\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/g;
// C0 controls, DEL, C1 controls, line and paragraph separators.
const CONTROL = /[\u0000-\u001f\u007f\u0080-\u009f\u2028\u2029]/g;

/** The text with every control and bidi character shown visibly instead of acting. */
export function displayText(s: string): string {
  return s
    .replace(BIDI, (c) => `<U+${c.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')}>`)
    .replace(CONTROL, (c) => {
      const n = c.codePointAt(0)!;
      if (n < 0x20) return String.fromCodePoint(0x2400 + n);
      if (n === 0x7f) return '\u2421';
      if (n === 0x2028 || n === 0x2029) return '\u2424';
      return '\ufffd';
    });
}

/** True when displayText would change the text. */
export function needsDisplayEscape(s: string): boolean {
  BIDI.lastIndex = 0;
  CONTROL.lastIndex = 0;
  return BIDI.test(s) || CONTROL.test(s);
}
