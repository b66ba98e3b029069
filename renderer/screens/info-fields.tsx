// 会议信息, the form's pieces: a type size in 号 and 磅, the layout fields with their units, the
// built-in fonts, and the mapping from a service problem's field name to the form's field path.
import { InputNumber, Select, Space } from 'antd';
import { type FontRef, type LayoutSettings } from '../../core/model/settings';
import { HAO_SIZES, haoName } from '../components/font-sizes';

export const SIZE_FIELDS = new Set(['bodySize', 'titleSize', 'pageNumberSize']);

/** A type size in 号 and 磅: pick 三号, or type 16 磅; a size that is no 号 shows as 自定义. */
export function SizeField({
  value,
  onChange,
  id,
}: {
  value?: number | null;
  onChange?: (v: number | null) => void;
  id?: string;
}) {
  const hao = haoName(value);
  return (
    <Space.Compact style={{ width: '100%' }}>
      <Select
        style={{ width: '52%' }}
        value={hao ?? 'custom'}
        onChange={(v: string) => v !== 'custom' && onChange?.(HAO_SIZES.find((h) => h.name === v)!.pt)}
        options={[
          ...HAO_SIZES.map((h) => ({ value: h.name, label: h.name })),
          { value: 'custom', label: '自定义', disabled: true },
        ]}
        aria-label="字号（号）"
        data-testid="size-hao"
      />
      <InputNumber
        id={id}
        style={{ width: '48%' }}
        min={5}
        max={72}
        step={1}
        value={value ?? null}
        onChange={(v) => onChange?.(v)}
        suffix="磅"
        aria-label="字号（磅）"
      />
    </Space.Compact>
  );
}

/** 'layout.marginTop' / 'meta.name' / 'name' → the form's field path. */
export function fieldPath(field: string): (string | number)[] {
  const parts = field.split('.');
  if (parts[0] === 'meta') parts.shift();
  return parts;
}

export const BUILTIN_FONTS = [
  { value: 'FandolFang', label: 'Fandol 仿宋（内置）' },
  { value: 'NotoSerifSC-Regular', label: '思源宋体（内置）' },
  { value: 'NotoSerifSC-Bold', label: '思源宋体 粗（内置，代小标宋）' },
  { value: 'NotoSansSC-Regular', label: '思源黑体（内置）' },
  { value: 'LXGWWenKai', label: '霞鹜文楷（内置）' },
];

export const LAYOUT_FIELDS: { name: keyof LayoutSettings; label: string; step?: number; min?: number; unit: string }[] =
  [
    { name: 'marginTop', label: '天头', unit: '毫米', min: 0 },
    { name: 'marginInner', label: '订口', unit: '毫米', min: 0 },
    { name: 'blockWidth', label: '版心宽', unit: '毫米', min: 50 },
    { name: 'blockHeight', label: '版心高', unit: '毫米', min: 50 },
    { name: 'linesPerPage', label: '每页行数', unit: '行', min: 5 },
    { name: 'charsPerLine', label: '每行字数', unit: '字', min: 5 },
    { name: 'bodySize', label: '正文字号', unit: '磅', min: 5, step: 0.5 },
    { name: 'titleSize', label: '标题字号', unit: '磅', min: 5, step: 0.5 },
    { name: 'pageNumberSize', label: '页码字号', unit: '磅', min: 5, step: 0.5 },
    { name: 'linePitchPt', label: '固定行距（可不填）', unit: '磅', min: 10, step: 0.5 },
  ];

export function fontLabel(f: FontRef): string {
  return 'builtin' in f ? f.builtin : (f.label ?? f.file);
}
