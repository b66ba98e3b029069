// Chinese type sizes (号) and points (磅): clerks think 三号 / 小四, the layout stores points. Pure,
// unit-tested; the table is the one Word and WPS use (二号 22 磅, 三号 16 磅, 四号 14 磅, 小四 12 磅 …).
export const HAO_SIZES: readonly { name: string; pt: number }[] = [
  { name: '初号', pt: 42 },
  { name: '小初', pt: 36 },
  { name: '一号', pt: 26 },
  { name: '小一', pt: 24 },
  { name: '二号', pt: 22 },
  { name: '小二', pt: 18 },
  { name: '三号', pt: 16 },
  { name: '小三', pt: 15 },
  { name: '四号', pt: 14 },
  { name: '小四', pt: 12 },
  { name: '五号', pt: 10.5 },
  { name: '小五', pt: 9 },
  { name: '六号', pt: 7.5 },
  { name: '小六', pt: 6.5 },
  { name: '七号', pt: 5.5 },
  { name: '八号', pt: 5 },
];

/** The 号 name of a point size, or null when it is not one of them (a custom size). */
export function haoName(pt: number | null | undefined): string | null {
  if (pt === null || pt === undefined || !Number.isFinite(pt)) return null;
  return HAO_SIZES.find((h) => Math.abs(h.pt - pt) < 0.01)?.name ?? null;
}

/** "三号（16 磅）" or "17 磅" for a custom size. */
export function sizeLabel(pt: number): string {
  const h = haoName(pt);
  return h ? `${h}（${pt} 磅）` : `${pt} 磅`;
}
