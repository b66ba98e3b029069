// The fields of one submission in 材料详情: label, title, subtitle, byline, TOC author, date line,
// kind, roster members, organisations, 列入目录. Every field saves like every other edit: text on
// leaving the field or Enter, choices at once, each one submissions.update (one Ctrl+Z step).
// Text typed but not yet sent is registered as a dirty form, so the header never says 已保存 over
// it and leaving the screen saves it first.
import { useEffect, useRef, useState } from 'react';
import { Form, Input, Select, Switch, Typography } from 'antd';
import type { SubmissionPatch } from '../../core/contract';
import { SUBMISSION_KINDS, SUBMISSION_KIND_NAMES, type Member, type Submission } from '../../core/model/session';
import { useApp } from '../state/app-state';
import { useDirtyForm } from '../state/dirty-forms';

/** Chinese names of the fields a review reason can point at (reviewReasons[].field). */
export const FIELD_NAMES: Record<string, string> = {
  label: '标签行',
  title: '标题',
  subtitle: '副标题',
  byline: '署名',
  authorLine: '署名',
  authors: '作者',
  memberIds: '作者',
  organisations: '署名单位',
  date: '日期',
  dateLine: '日期',
  kind: '类别',
  body: '正文',
};

type TextKey = 'label' | 'title' | 'subtitle' | 'authorLine' | 'tocAuthor' | 'dateLine' | 'organisations';

/** Organisations are edited as one line, separated by 、 or ；. */
const splitOrgs = (v: string) =>
  v
    .split(/[、；;，,\n]+/)
    .map((o) => o.trim())
    .filter(Boolean);

interface TextFieldProps {
  sub: Submission;
  field: TextKey;
  label: string;
  placeholder?: string;
  multiline?: boolean;
  required?: boolean;
  /** A review reason about this field, shown under it. */
  reason?: string;
  disabled?: boolean;
  onSave(patch: SubmissionPatch): Promise<boolean>;
}

/** One text field that saves on blur / Enter and reports unsaved input while typed. */
function TextField({ sub, field, label, placeholder, multiline, required, reason, disabled, onSave }: TextFieldProps) {
  const saved = field === 'organisations' ? (sub.organisations ?? []).join('、') : (sub[field] ?? '');
  const [value, setValue] = useState(saved);
  const [sent, setSent] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const focused = useRef(false);
  // A change from elsewhere (undo, another window) replaces the field unless the clerk is typing.
  useEffect(() => {
    if (!focused.current) setValue(saved);
    setSent(null);
  }, [saved]);
  const dirty = value !== saved && value !== sent;

  const commit = async (): Promise<boolean> => {
    const v = field === 'organisations' ? splitOrgs(value).join('、') : value.trim();
    if (v === saved.trim()) {
      setValue(saved);
      return true;
    }
    if (required && !v) {
      setError(`${label}不能为空`);
      return false;
    }
    setError(null);
    setValue(v);
    setSent(v);
    const okd = await onSave(
      field === 'organisations' ? { organisations: splitOrgs(v) } : ({ [field]: v } as SubmissionPatch),
    );
    if (!okd) setSent(null);
    return okd;
  };
  useDirtyForm(`item:${sub.id}:${field}`, dirty, { label: `材料详情·${label}`, save: commit });

  const common = {
    value,
    placeholder,
    disabled,
    'data-testid': field === 'title' ? 'item-title' : `field-${field}`,
    onChange: (e: { target: { value: string } }) => setValue(e.target.value),
    onFocus: () => void (focused.current = true),
    onBlur: () => {
      focused.current = false;
      void commit();
    },
  };
  return (
    <Form.Item
      label={label}
      validateStatus={error ? 'error' : reason ? 'warning' : undefined}
      help={error ?? reason}
      style={{ marginBottom: 10 }}
    >
      {multiline ? (
        <Input.TextArea
          {...common}
          autoSize={{ minRows: 1, maxRows: 4 }}
          onKeyDown={(e) => {
            if (e.key === 'Enter' && !e.shiftKey) {
              e.preventDefault();
              void commit();
            }
          }}
        />
      ) : (
        <Input {...common} onPressEnter={() => void commit()} />
      )}
    </Form.Item>
  );
}

export function ItemFields({
  sub,
  members,
  reasons,
}: {
  sub: Submission;
  members: Member[];
  reasons: Map<string, string>;
}) {
  const app = useApp();
  const ro = !!app.view?.readOnly;
  const save = async (patch: SubmissionPatch): Promise<boolean> =>
    (await app.edit('submissions.update', { submissionId: sub.id, patch })).ok;
  const text = (field: TextKey, label: string, extra: Partial<TextFieldProps> = {}) => (
    <TextField key={field} sub={sub} field={field} label={label} disabled={ro} onSave={save} {...extra} />
  );
  const reasonOf = (...keys: string[]) => keys.map((k) => reasons.get(k)).find(Boolean);
  return (
    <Form layout="vertical" size="small" data-testid="item-fields">
      {text('label', '标签行（不印出）', { placeholder: '书面发言、大会发言之三', reason: reasonOf('label') })}
      {text('title', '标题', { multiline: true, required: true, reason: reasonOf('title') })}
      {text('subtitle', '副标题（印在标题下）', {
        placeholder: '——在政协××市第十三届委员会常务委员会第九次会议上的发言',
        reason: reasonOf('subtitle'),
      })}
      {text('authorLine', '署名（印在标题下）', {
        placeholder: '市政协常委　张某某',
        reason: reasonOf('byline', 'authorLine'),
      })}
      {text('dateLine', '日期行（印在署名下）', {
        placeholder: '（2023年9月12日）',
        reason: reasonOf('date', 'dateLine'),
      })}
      {text('tocAuthor', '目录中的作者（可不填，默认取署名中的姓名）')}
      <Form.Item
        label="作者（名单中的委员）"
        validateStatus={reasonOf('authors', 'memberIds') ? 'warning' : undefined}
        help={reasonOf('authors', 'memberIds')}
        style={{ marginBottom: 10 }}
      >
        <Select
          mode="multiple"
          disabled={ro}
          value={sub.memberIds}
          optionFilterProp="label"
          placeholder="选择提交这份材料的委员"
          data-testid="field-members"
          options={members.map((m) => ({ value: m.id, label: `${m.name}（${m.sector || m.unit || '—'}）` }))}
          onChange={(memberIds: string[]) => void save({ memberIds })}
        />
      </Form.Item>
      {text('organisations', '署名单位（多个用“、”分隔）', {
        placeholder: '民盟××市委会、市工商联',
        reason: reasonOf('organisations'),
      })}
      <div style={{ display: 'flex', gap: 12, alignItems: 'flex-end' }}>
        <Form.Item
          label="类别"
          validateStatus={reasonOf('kind') ? 'warning' : undefined}
          help={reasonOf('kind')}
          style={{ flex: 1, marginBottom: 10 }}
        >
          <Select
            disabled={ro}
            value={sub.kind}
            data-testid="field-kind"
            onChange={(kind) => void save({ kind })}
            options={SUBMISSION_KINDS.map((k) => ({ value: k, label: SUBMISSION_KIND_NAMES[k] }))}
          />
        </Form.Item>
        <Form.Item label="列入目录" style={{ marginBottom: 10 }}>
          <Switch disabled={ro} checked={sub.options.inToc} onChange={(inToc) => void save({ options: { inToc } })} />
        </Form.Item>
      </div>
      <Typography.Text type="secondary" style={{ fontSize: 12 }}>
        离开输入框或按回车即保存；每次修改都可以用 Ctrl+Z 撤销。
      </Typography.Text>
    </Form>
  );
}
