// The intake corpus as specifications: each case says how its file looks (lines above the body
// with their layout, the body, a signature at the end), how it is named and where it came from,
// and what a careful clerk would record: label, title, subtitle, printed byline, members,
// organisations, date, first body paragraph, kind, and whether it must go to review. Patterns are
// combined by index so every author shape meets every title layout, format and file-name style.
import type { Submission } from '../../../core/model/session';
import {
  bodyOf,
  DATES,
  LABELS_NEUTRAL,
  LABELS_SPEECH,
  LABELS_WRITTEN,
  ORGS,
  POSTS,
  REPORT_SUBTITLES,
  REPORT_TITLES,
  ROSTER,
  SALUTATION,
  SPLIT_TITLES,
  SUBTITLES,
  TEAMS,
  TITLES,
  UNKNOWN,
} from './data';

export type TitleLayout =
  | 'titleStyle'
  | 'heading1'
  | 'heading2'
  | 'bigCentred'
  | 'bigLeft'
  | 'boldCentred'
  | 'twoParas'
  | 'lineBreak'
  | 'blankAbove';
export type LineRole = 'label' | 'title' | 'subtitle' | 'byline' | 'date' | 'signature';

export interface LineSpec {
  role: LineRole;
  text: string;
  /** A title broken by hand inside one paragraph: the text is split here by a line break. */
  breakAt?: number;
  align?: 'center' | 'right' | 'left';
}

export interface Expected {
  label?: string;
  title: string;
  subtitle?: string;
  byline: string;
  authors: string[];
  organisations: string[];
  date?: string;
  firstBody: string;
  kind: Submission['kind'];
  mustReview: boolean;
}

export interface CaseSpec {
  n: number;
  /** The name as given, with the folder it came in when it had one. */
  file: string;
  format: 'docx' | 'txt' | 'md';
  layout: TitleLayout;
  head: LineSpec[];
  body: string[];
  tail: LineSpec[];
  expect: Expected;
}

type Shape =
  | 'roleSpace'
  | 'padded'
  | 'postName'
  | 'bare'
  | 'dash'
  | 'speaker'
  | 'represent'
  | 'org'
  | 'several'
  | 'teamWriter'
  | 'teamLead'
  | 'above'
  | 'sigName'
  | 'sigOrg'
  | 'none'
  | 'unknown'
  | 'sameName'
  | 'nested'
  | 'nearName'
  | 'glued'
  | 'sameNameUnit'
  | 'sigOrgName';
const SHAPES: Shape[] = [
  'roleSpace',
  'padded',
  'postName',
  'bare',
  'dash',
  'speaker',
  'represent',
  'org',
  'several',
  'teamWriter',
  'teamLead',
  'above',
  'sigName',
  'sigOrg',
  'none',
  'unknown',
  'sameName',
  'nested',
  'nearName',
  'glued',
  'sameNameUnit',
  'sigOrgName',
];
const LAYOUTS: TitleLayout[] = [
  'titleStyle',
  'bigCentred',
  'heading1',
  'bigLeft',
  'boldCentred',
  'twoParas',
  'lineBreak',
  'blankAbove',
  'heading2',
];

const plainMembers = ROSTER.filter((m) => !['张伟', '王丽', '王丽华', '孙喆'].includes(m.name));
const idOf = (name: string) => ROSTER.filter((m) => m.name === name).map((m) => m.id);

export function corpusCases(count = 96): CaseSpec[] {
  const out: CaseSpec[] = [];
  for (let n = 0; n < count; n++) {
    const shape = SHAPES[n % SHAPES.length];
    const m = plainMembers[(n * 7) % plainMembers.length];
    const m2 = plainMembers[(n * 7 + 3) % plainMembers.length];
    const m3 = plainMembers[(n * 7 + 5) % plainMembers.length];
    let format: CaseSpec['format'] = n % 6 === 2 ? 'txt' : n % 6 === 4 ? 'md' : 'docx';
    // Markdown has no right alignment: an end signature is sent as Word.
    const sig = shape === 'sigName' || shape === 'sigOrg' || shape === 'sigOrgName';
    if (format === 'md' && sig) format = 'docx';
    const team = shape === 'teamWriter' || shape === 'teamLead';
    const report = team || n % 9 === 5;
    let layout = LAYOUTS[(n * 5 + Math.floor(n / SHAPES.length)) % LAYOUTS.length];
    if ((format !== 'docx' || report) && (layout === 'twoParas' || layout === 'lineBreak')) layout = 'bigCentred';
    const split = layout === 'twoParas' || layout === 'lineBreak' ? SPLIT_TITLES[n % SPLIT_TITLES.length] : undefined;
    const title = split ? split.join('') : report ? REPORT_TITLES[n % REPORT_TITLES.length] : TITLES[n % TITLES.length];

    // Label above the title and the folder the file came in: the kind's strongest evidence.
    let label: string | undefined;
    let folder: string | undefined;
    let kind: Submission['kind'] = report ? 'report' : 'speech';
    const lk = n % 8;
    if (!report && lk === 1) [label, kind] = [LABELS_WRITTEN[Math.floor(n / 8) % LABELS_WRITTEN.length], 'written'];
    else if (!report && lk === 3) label = LABELS_SPEECH[Math.floor(n / 8) % LABELS_SPEECH.length];
    else if (lk === 5) label = LABELS_NEUTRAL[Math.floor(n / 8) % LABELS_NEUTRAL.length];
    if (!report && !label && n % 10 === 7) [folder, kind] = ['书面发言', 'written'];
    if (report && n % 4 === 0) folder = '调研报告';

    const subtitle = report
      ? n % 3 === 0
        ? REPORT_SUBTITLES[Math.floor(n / 3) % REPORT_SUBTITLES.length]
        : undefined
      : n % 3 !== 1
        ? SUBTITLES[Math.floor(n / 3) % SUBTITLES.length]
        : undefined;
    const dated = n % 4 === 0 && !sig && shape !== 'none';
    const date = dated || sig ? DATES[n % DATES.length] : undefined;
    const salute = !report && n % 3 === 0;

    // The author line(s) as written and as printed, and who they are.
    let bylines: string[] = [];
    let byline = '';
    let authors: string[] = [];
    let organisations: string[] = [];
    let mustReview = false;
    const post = POSTS[n % POSTS.length];
    switch (shape) {
      case 'roleSpace':
        bylines = [`市政协委员 ${m.name}`];
        authors = [m.id];
        break;
      case 'padded':
        bylines = ['市政协委员　孙　喆'];
        byline = '市政协委员 孙喆';
        authors = idOf('孙喆');
        break;
      case 'postName':
        bylines = [`市政协常委、${m.unit}${post} ${m.name}`];
        authors = [m.id];
        break;
      case 'bare':
        bylines = [m.name];
        authors = [m.id];
        break;
      case 'dash':
        bylines = [`——${m.name}`];
        byline = m.name;
        authors = [m.id];
        break;
      case 'speaker':
        bylines = [`发言人：${m.name}`];
        byline = m.name;
        authors = [m.id];
        break;
      case 'represent': {
        const o = ORGS[n % ORGS.length];
        bylines = [`${m.name}（代表${o}）`];
        authors = [m.id];
        organisations = [o];
        break;
      }
      case 'org': {
        const o = ORGS[n % ORGS.length];
        bylines = [o];
        organisations = [o];
        break;
      }
      case 'several':
        bylines = [`${m.name}　${m2.name}　${m3.name}`];
        byline = `${m.name} ${m2.name} ${m3.name}`;
        authors = [m.id, m2.id, m3.id];
        break;
      case 'teamWriter': {
        const t = TEAMS[n % TEAMS.length];
        bylines = [t, `执笔：${m.name}`];
        byline = `${t} 执笔：${m.name}`;
        organisations = [t];
        authors = [m.id];
        break;
      }
      case 'teamLead':
        bylines = [`课题组组长：${m.name} 成员：${m2.name}、${m3.name}`];
        authors = [m.id, m2.id, m3.id];
        break;
      case 'above':
        bylines = [`市政协委员 ${m.name}`];
        authors = [m.id];
        break;
      case 'sigName':
        byline = m.name;
        authors = [m.id];
        break;
      case 'sigOrg': {
        const o = ORGS[n % ORGS.length];
        byline = o;
        organisations = [o];
        break;
      }
      case 'none':
        mustReview = true;
        break;
      case 'unknown': {
        const u = UNKNOWN[n % UNKNOWN.length] === '王丽芳' ? '钱玉芬' : UNKNOWN[n % UNKNOWN.length];
        bylines = [`市政协委员 ${u}`];
        mustReview = true;
        break;
      }
      case 'sameName':
        bylines = ['市政协委员 张伟'];
        mustReview = true;
        break;
      case 'nested':
        bylines = [n % 2 ? '市政协委员 王丽华' : '市政协委员 王丽'];
        authors = idOf(n % 2 ? '王丽华' : '王丽');
        break;
      case 'nearName':
        bylines = ['市政协委员 王丽芳'];
        mustReview = true;
        break;
      case 'glued':
        bylines = [`市政协委员${m.name}`];
        authors = [m.id];
        break;
      case 'sigOrgName': {
        const o = ORGS[n % ORGS.length];
        byline = `${o} ${m.name}`;
        authors = [m.id];
        organisations = [o];
        break;
      }
      case 'sameNameUnit':
        bylines = [`市政协委员、${ROSTER[4].unit}副院长 张伟`];
        authors = [ROSTER[4].id];
        break;
    }
    if (!byline && bylines.length) byline = bylines.join(' ');

    // File names: helpful, a bare name, or none at all ("新建 Microsoft Word 文档").
    const ext = format;
    const fk = n % 5;
    const who = ['none', 'unknown', 'sameName', 'nearName', 'org', 'sigOrg'].includes(shape)
      ? ''
      : (ROSTER.find((r) => r.id === authors[0])?.name ?? '');
    let base =
      fk === 0 && who
        ? `${String(n + 1).padStart(2, '0')}-${who}-${title.slice(0, 12)}`
        : fk === 1
          ? '新建 Microsoft Word 文档'
          : fk === 2
            ? `发言材料(${n})`
            : fk === 3 && who
              ? who
              : `材料${n + 1}`;
    if (shape === 'none' && n % 2 === 0)
      base = `${String(n + 1).padStart(2, '0')}-${plainMembers[n % plainMembers.length].name}`;
    if (shape === 'none' && n % 2 === 0) authors = [plainMembers[n % plainMembers.length].id]; // guessed from the file name, under review
    const file = `${folder ? `${folder}/` : ''}${base}.${ext}`;

    const body = bodyOf(n);
    if (salute) body.unshift(SALUTATION);
    if (salute && n % 2) body.push('谢谢大家！');
    // Some texts open with a numbered heading right under the author line.
    else if (n % 7 === 6) body.unshift('一、基本情况');
    const head: LineSpec[] = [];
    if (label) head.push({ role: 'label', text: label });
    if (shape === 'above') head.push({ role: 'byline', text: bylines[0], align: 'left' });
    if (layout === 'twoParas' && split) head.push({ role: 'title', text: split[0] }, { role: 'title', text: split[1] });
    else
      head.push({
        role: 'title',
        text: title,
        ...(layout === 'lineBreak' && split ? { breakAt: split[0].length } : {}),
      });
    // The subtitle usually follows the title; some put it under the author line.
    const subAfter = n % 11 === 6 && bylines.length > 0 && shape !== 'above';
    if (subtitle && !subAfter) head.push({ role: 'subtitle', text: subtitle });
    if (shape !== 'above')
      for (const b of bylines) head.push({ role: 'byline', text: b, align: n % 5 === 3 ? 'left' : 'center' });
    if (subtitle && subAfter) head.push({ role: 'subtitle', text: subtitle });
    if (dated) head.push({ role: 'date', text: n % 13 === 4 ? date! : `（${date}）` });
    const tail: LineSpec[] = [];
    if (shape === 'sigOrgName')
      tail.push(
        { role: 'signature', text: byline.split(' ')[0], align: 'right' },
        { role: 'signature', text: m.name, align: 'right' },
      );
    else if (sig) tail.push({ role: 'signature', text: byline, align: 'right' });
    if (sig) tail.push({ role: 'date', text: date!, align: 'right' });

    out.push({
      n,
      file,
      format,
      layout,
      head,
      body,
      tail,
      expect: {
        ...(label ? { label } : {}),
        title,
        ...(subtitle ? { subtitle } : {}),
        byline: shape === 'none' ? '' : byline,
        authors,
        organisations,
        ...(date ? { date: `（${date}）` } : {}),
        firstBody: body[0],
        kind,
        mustReview,
      },
    });
  }
  return out;
}
