// The ordering module's public face: GF 3003 stroke order, names, organisations, ranks and section
// sort rules. Pure (no I/O); the roster file I/O lives in core/node/roster-io.ts.
export {
  strokeInfo,
  strokeCount,
  strokeClasses,
  strokeSubranks,
  strokeShapes,
  isHan,
  type StrokeInfo,
  type StrokeClass,
} from './stroke-data';
export { STROKE_SHAPES, SHAPE_TURNS } from './stroke-shapes';
export { charSortKey, compareChars, compareStrokeStrings } from './stroke-compare';
export {
  COMPOUND_SURNAMES,
  splitName,
  cleanName,
  nameKey,
  compareNameKeys,
  compareNamesByStroke,
  sortByStroke,
  sortNamesByStroke,
  pinyinKey,
  comparePinyinKeys,
  sortByPinyin,
  sortNamesByPinyin,
  type NameOptions,
  type NameParts,
  type SortResult,
  undottedName,
} from './names';
export {
  DEFAULT_ORG_ORDER,
  DEFAULT_SECTOR_ORDER,
  orgMatcher,
  looksLikeOrganisation,
  type OrgEntry,
  type OrgMatch,
} from './organisations';
export { DEFAULT_RANK_ORDER, memberRank, rankIndex } from './rank';
export {
  sortSection,
  itemAuthor,
  type SortSectionOptions,
  type SortSectionResult,
  type ItemAuthor,
} from './section-sort';
export { generalStandardCoverage } from './coverage';
export { createOrderSorter, type OrderSorter } from './sorter';
export { sortMembers, type MemberSortRule, type MemberSortOptions } from './member-sort';
