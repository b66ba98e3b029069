// 印刷与分发, the dialog's building blocks: the list of products to choose from and one labelled
// field row (label, control, a line of help), and the choices of handouts (分发材料): what goes
// out, how its pages are numbered, one file or one per item.
import type { ReactNode } from 'react';
import { Checkbox, Radio, Select, Space, Typography } from 'antd';
import type { Out } from '../../core/contract';
import type { Session } from '../../core/model/session';
import { PRODUCTS, type ProductKind } from './print-products';

export function ProductChoice({
  kind,
  disabled,
  onChange,
}: {
  kind: ProductKind;
  disabled: boolean;
  onChange(kind: ProductKind): void;
}) {
  return (
    <Radio.Group
      name="print-kind"
      value={kind}
      onChange={(e) => onChange(e.target.value as ProductKind)}
      style={{ width: '100%' }}
      disabled={disabled}
      aria-label="选择要生成的印刷品"
      data-testid="print-kind"
    >
      <Space direction="vertical" style={{ width: '100%' }} size={4}>
        {PRODUCTS.map((p) => (
          <Radio key={p.kind} value={p.kind} data-testid={`print-kind-${p.kind}`} style={{ alignItems: 'flex-start' }}>
            <div>
              <Typography.Text strong>{p.label}</Typography.Text>
              <div style={{ fontSize: 12, color: '#888', lineHeight: 1.4 }}>{p.short}</div>
            </div>
          </Radio>
        ))}
      </Space>
    </Radio.Group>
  );
}

export function Field({ label, help, children }: { label: string; help?: string; children: ReactNode }) {
  return (
    <div>
      <Typography.Text strong style={{ display: 'inline-block', width: 96 }}>
        {label}
      </Typography.Text>
      {children}
      {help && <div style={{ fontSize: 12, color: '#888', marginLeft: 96, marginTop: 2 }}>{help}</div>}
    </div>
  );
}

type SelKind = 'item' | 'section' | 'member';

/** What a handout can be made of: an item (section, order, title, author), a section, a member with items. */
export function handoutOptions(
  selKind: SelKind,
  items: Out<'export.items'>,
  sections: Session['sections'],
  members: Session['members'],
): { value: string; label: string }[] {
  if (selKind === 'item')
    return items.map((it) => ({
      value: it.id,
      label: `${it.section} ${it.order}. ${it.title}${it.author ? ` — ${it.author}` : ''}`,
    }));
  if (selKind === 'section') return sections.map((x) => ({ value: x.id, label: `${x.title}（${x.items.length} 篇）` }));
  const withItems = new Set(items.flatMap((it) => it.memberIds));
  return members
    .filter((m) => withItems.has(m.id))
    .map((m) => ({ value: m.id, label: `${m.name}${m.sector ? `（${m.sector}）` : ''}` }));
}

export function HandoutFields(p: {
  selKind: SelKind;
  setSelKind(v: SelKind): void;
  selValue: string | undefined;
  setSelValue(v: string | undefined): void;
  options: { value: string; label: string }[];
  renumber: boolean;
  setRenumber(v: boolean): void;
  batch: boolean;
  setBatch(v: boolean): void;
  twoUp: boolean;
  setTwoUp(v: boolean): void;
}) {
  const { selKind, setSelKind, selValue, setSelValue, renumber, setRenumber, batch, setBatch, twoUp, setTwoUp } = p;
  return (
    <>
      <Field label="分发范围">
        <Space.Compact style={{ width: '100%' }}>
          <Select
            value={selKind}
            onChange={(v) => {
              setSelKind(v);
              setSelValue(undefined);
            }}
            style={{ width: 110 }}
            aria-label="按什么选择"
            data-testid="print-sel-kind"
            options={[
              { value: 'item', label: '一篇材料' },
              { value: 'section', label: '一个栏目' },
              { value: 'member', label: '一位委员' },
            ]}
          />
          <Select
            showSearch
            optionFilterProp="label"
            value={selValue}
            onChange={setSelValue}
            style={{ flex: 1, minWidth: 0 }}
            placeholder={batch ? '不选则整本每篇一个文件' : '输入标题、栏目或姓名'}
            allowClear
            options={p.options}
            aria-label="选择材料、栏目或委员"
            data-testid="print-sel"
          />
        </Space.Compact>
      </Field>
      <Field label="页码">
        <Radio.Group
          value={renumber ? 'renumber' : 'keep'}
          onChange={(e) => setRenumber(e.target.value === 'renumber')}
          data-testid="print-renumber"
        >
          <Radio value="keep">保留汇编页码（与整本一致，方便会上对照）</Radio>
          <Radio value="renumber">重新编页（从第 1 页起）</Radio>
        </Radio.Group>
      </Field>
      <Checkbox checked={batch} onChange={(e) => setBatch(e.target.checked)} data-testid="print-batch">
        每篇一个 PDF，打包为一个 zip（文件名：栏目-序号-作者-标题.pdf）
      </Checkbox>
      <Checkbox checked={twoUp} onChange={(e) => setTwoUp(e.target.checked)}>
        两页拼一张（2-up，节省纸张）
      </Checkbox>
    </>
  );
}
