// Measures how much of the 8105 通用规范汉字 the stroke table covers (for tests, the bench and the
// about box). Reads only; the list itself is generated data.
import { GENERAL_STANDARD_CHARS } from './data/general-standard-chars';
import { strokeInfo } from './stroke-data';

export interface Coverage {
  total: number;
  withSequence: number;
  countOnly: string[];
  none: string[];
}

export function generalStandardCoverage(): Coverage {
  const chars = [...GENERAL_STANDARD_CHARS];
  const countOnly: string[] = [];
  const none: string[] = [];
  let withSequence = 0;
  for (const ch of chars) {
    const s = strokeInfo(ch).source;
    if (s === 'sequence') withSequence++;
    else if (s === 'count') countOnly.push(ch);
    else none.push(ch);
  }
  return { total: chars.length, withSequence, countOnly, none };
}
