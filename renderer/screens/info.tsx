// 会议信息: names, date, cover text, marks, layout and fonts, with a live sample page and cover.
// Edits save like every other edit: one settings.update shortly after the clerk stops typing (one
// undo step per pause, never per keystroke), at once on leaving the screen; an invalid value stays
// at its field (the service's per-field problems too) and leaving then asks first.
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import {
  Button,
  Card,
  Checkbox,
  Col,
  Divider,
  Form,
  Input,
  InputNumber,
  Row,
  Segmented,
  Select,
  Space,
  Typography,
} from 'antd';
import { FONT_ROLES, FONT_ROLE_NAMES, type FontRef, type LayoutSettings } from '../../core/model/settings';
import { chineseYearMonth, sessionMeta } from '../../core/model/session';
import { useApp } from '../state/app-state';
import { useDirtyForm } from '../state/dirty-forms';
import { SamplePage } from '../components/sample-page';
import { CoverSketch } from '../components/cover-sketch';
import { DateField } from '../components/date-field';
import { haoName } from '../components/font-sizes';
import { BUILTIN_FONTS, fieldPath, fontLabel, LAYOUT_FIELDS, SIZE_FIELDS, SizeField } from './info-fields';

const SAVE_DELAY_MS = 800;

export function InfoScreen() {
  const app = useApp();
  const view = app.view!;
  const s = view.session;
  const [form] = Form.useForm();
  const [dirty, setDirty] = useState(false);
  const values = Form.useWatch([], form) as Record<string, unknown> | undefined;

  const initial = useMemo(() => ({ ...sessionMeta(s), layout: { ...s.layout } }), [s]);
  // A newer saved state (our own save, undo, another window): show it, unless the clerk is typing.
  const dirtyRef = useRef(false);
  dirtyRef.current = dirty;
  useEffect(() => {
    if (dirtyRef.current && timer.current) return;
    form.setFieldsValue(initial);
    setDirty(false);
  }, [initial, form]);

  const liveLayout: LayoutSettings = { ...s.layout, ...((values?.layout as Partial<LayoutSettings>) ?? {}) };
  for (const k of Object.keys(liveLayout) as (keyof LayoutSettings)[])
    if (liveLayout[k] === null || liveLayout[k] === undefined) (liveLayout as Record<string, unknown>)[k] = s.layout[k];

  const [sketch, setSketch] = useState<'page' | 'cover'>('page');
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);
  const saving = useRef<Promise<boolean> | null>(null);

  /** Sends the form as one settings.update; false when a field is invalid (shown at the field). */
  const save = useCallback(async (): Promise<boolean> => {
    if (timer.current) clearTimeout(timer.current);
    timer.current = null;
    let v;
    try {
      v = await form.validateFields();
    } catch {
      return false; // antd shows the problem at the field; nothing is sent
    }
    const layout = { ...v.layout };
    if (layout.linePitchPt === null) delete layout.linePitchPt;
    const r = await app.edit(
      'settings.update',
      {
        meta: {
          name: v.name.trim(),
          theme: v.theme ?? '',
          bookTitle: v.bookTitle ?? '',
          date: v.date,
          organiser: v.organiser ?? '',
          organiserSuffix: v.organiserSuffix ?? '',
          preface: v.preface ?? '',
          marks: v.marks,
        },
        layout,
      },
      { quiet: true },
    );
    if (r.ok) {
      setDirty(false);
      return true;
    }
    // Per-field problems go to their fields; anything else is shown as usual.
    const fields = r.error.fields ?? [];
    if (fields.length) form.setFields(fields.map((f) => ({ name: fieldPath(f.field), errors: [f.message] })));
    else app.showError(r.error);
    return false;
  }, [app, form]);

  const saveOnce = useCallback(() => {
    saving.current ??= save().finally(() => (saving.current = null));
    return saving.current;
  }, [save]);

  const changed = () => {
    setDirty(true);
    if (timer.current) clearTimeout(timer.current);
    timer.current = setTimeout(() => void saveOnce(), SAVE_DELAY_MS);
  };

  // While input is unsaved the header says so; leaving saves it now or asks (invalid input).
  // (The one registry of forms with unsent input: renderer/state/dirty-forms.ts.)
  useDirtyForm('info', dirty, { label: '会议信息', save: async () => !!(await saveOnce()) });
  useEffect(
    () => () => {
      if (timer.current) clearTimeout(timer.current);
    },
    [],
  );

  const pickFont = async (role: (typeof FONT_ROLES)[number]) => {
    const native = app.transport.native;
    if (!native) return;
    const r = await native.pickFiles({ filters: [{ name: '字体文件', extensions: ['ttf', 'otf', 'ttc'] }] });
    if (r.ok && r.value[0]) {
      form.setFieldValue(['layout', 'fonts', role], { file: r.value[0], label: r.value[0].split(/[\\/]/).pop() });
      changed();
    }
  };

  return (
    <Row gutter={24} wrap={false}>
      <Col flex="auto" style={{ maxWidth: 760 }}>
        <Form form={form} layout="vertical" onValuesChange={changed} initialValues={initial} disabled={!!view.readOnly}>
          <Card
            size="small"
            title="会议与封面"
            extra={
              <Space>
                <Typography.Text type={dirty ? 'warning' : 'secondary'} data-testid="info-state">
                  {dirty ? '有改动，停止输入后自动保存' : '改动会自动保存'}
                </Typography.Text>
                <Button disabled={!dirty} onClick={() => void saveOnce()} data-testid="save-info">
                  立即保存
                </Button>
              </Space>
            }
          >
            <Form.Item
              name="name"
              label="会议名称"
              rules={[{ required: true, whitespace: true, message: '请填写会议名称' }]}
            >
              <Input />
            </Form.Item>
            <Row gutter={12}>
              <Col span={12}>
                <Form.Item name="theme" label="会议主题">
                  <Input placeholder="齐文化传承与创新" />
                </Form.Item>
              </Col>
              <Col span={12}>
                <Form.Item name="bookTitle" label="汇编名称">
                  <Input placeholder="会议材料汇编" />
                </Form.Item>
              </Col>
            </Row>
            <Row gutter={12}>
              <Col span={8}>
                <Form.Item
                  name="date"
                  label="会议日期"
                  rules={[{ required: true, pattern: /^\d{4}-\d{2}-\d{2}$/, message: '日期格式应为 年-月-日' }]}
                  extra={
                    typeof values?.date === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(values.date)
                      ? `封面印作：${chineseYearMonth(values.date)}`
                      : undefined
                  }
                >
                  <DateField />
                </Form.Item>
              </Col>
              <Col span={10}>
                <Form.Item name="organiser" label="编印单位">
                  <Input placeholder="政协××市委员会办公室" />
                </Form.Item>
              </Col>
              <Col span={6}>
                <Form.Item name="organiserSuffix" label="落款">
                  <Select
                    options={[
                      { value: '编印', label: '编印' },
                      { value: '编', label: '编' },
                      { value: '', label: '（无）' },
                    ]}
                  />
                </Form.Item>
              </Col>
            </Row>
            <Form.Item name="preface" label="编印说明（印在目录前，可不填）">
              <Input.TextArea autoSize={{ minRows: 2, maxRows: 6 }} />
            </Form.Item>
            <Divider plain>标识</Divider>
            <Row gutter={12}>
              <Col span={6}>
                <Form.Item name={['marks', 'internal']} valuePropName="checked">
                  <Checkbox>内部资料 注意保存</Checkbox>
                </Form.Item>
              </Col>
              <Col span={6}>
                <Form.Item name={['marks', 'secrecy']} label="密级">
                  <Input placeholder="例如 秘密★1年" />
                </Form.Item>
              </Col>
              <Col span={6}>
                <Form.Item name={['marks', 'watermark']} label="水印">
                  <Select
                    allowClear
                    options={['', '草稿', '送审稿', '征求意见稿'].map((v) => ({ value: v, label: v || '（无）' }))}
                  />
                </Form.Item>
              </Col>
              <Col span={6}>
                <Form.Item name={['marks', 'confidentialityLine']} label="封面提示">
                  <Input placeholder="会后收回" />
                </Form.Item>
              </Col>
            </Row>
          </Card>
          <Card size="small" title="版式（默认按 GB/T 9704）" style={{ marginTop: 12 }}>
            <Row gutter={12}>
              {LAYOUT_FIELDS.map((f) => (
                <Col span={6} key={f.name}>
                  <Form.Item
                    name={['layout', f.name]}
                    label={SIZE_FIELDS.has(f.name) ? `${f.label}（号 / 磅）` : f.label}
                  >
                    {SIZE_FIELDS.has(f.name) ? (
                      <SizeField />
                    ) : (
                      <InputNumber min={f.min} step={f.step ?? 1} suffix={f.unit} style={{ width: '100%' }} />
                    )}
                  </Form.Item>
                </Col>
              ))}
              <Col span={6}>
                <Form.Item name={['layout', 'itemStart']} label="每篇材料">
                  <Select
                    options={[
                      { value: 'newPage', label: '另起一页' },
                      { value: 'oddPage', label: '另起奇数页（右页）' },
                    ]}
                  />
                </Form.Item>
              </Col>
              <Col span={6}>
                <Form.Item name={['layout', 'binding']} label="印刷">
                  <Select
                    options={[
                      { value: 'single', label: '单面' },
                      { value: 'duplex', label: '双面' },
                    ]}
                  />
                </Form.Item>
              </Col>
              <Col span={6}>
                <Form.Item name={['layout', 'level3Bold']} valuePropName="checked" label=" ">
                  <Checkbox>三级标题加粗</Checkbox>
                </Form.Item>
              </Col>
            </Row>
            <Divider plain>版面规范（排版时自动避免的毛病）</Divider>
            <Row gutter={12}>
              <Col span={6}>
                <Form.Item
                  name={['layout', 'widowControl']}
                  valuePropName="checked"
                  tooltip="段落的第一行不单独留在页末，最后一行不单独出现在页首（孤行控制）"
                >
                  <Checkbox data-testid="widow-control">孤行控制</Checkbox>
                </Form.Item>
              </Col>
              <Col span={6}>
                <Form.Item
                  name={['layout', 'avoidLoneChar']}
                  valuePropName="checked"
                  tooltip="段落末行不只剩一个字：压缩段内标点，或多移一个字下来"
                >
                  <Checkbox>避免末行孤字</Checkbox>
                </Form.Item>
              </Col>
              <Col span={6}>
                <Form.Item name={['layout', 'footnotePlacement']} label="注释位置">
                  <Select
                    options={[
                      { value: 'page', label: '页下注（与引用同页）' },
                      { value: 'end', label: '篇末注' },
                    ]}
                  />
                </Form.Item>
              </Col>
              <Col span={6}>
                <Form.Item
                  name={['layout', 'tailMinLines']}
                  label="末页至少"
                  tooltip="一篇材料的最后一页至少有几行，不足时从前一页移过来；0 为不限"
                >
                  <InputNumber min={0} max={6} addonAfter="行" style={{ width: '100%' }} />
                </Form.Item>
              </Col>
            </Row>
            <Divider plain>字体</Divider>
            {FONT_ROLES.map((role) => (
              <Form.Item key={role} label={FONT_ROLE_NAMES[role]} style={{ marginBottom: 8 }}>
                <Space.Compact style={{ width: '100%' }}>
                  <Form.Item
                    name={['layout', 'fonts', role]}
                    noStyle
                    getValueProps={(v: FontRef | undefined) => ({
                      value: v ? ('builtin' in v ? v.builtin : `file:${v.file}`) : undefined,
                    })}
                    getValueFromEvent={(v: string) =>
                      v.startsWith('file:') ? form.getFieldValue(['layout', 'fonts', role]) : { builtin: v }
                    }
                  >
                    <Select
                      style={{ flex: 1 }}
                      options={[
                        ...BUILTIN_FONTS,
                        ...(() => {
                          const cur = form.getFieldValue(['layout', 'fonts', role]) as FontRef | undefined;
                          return cur && 'file' in cur
                            ? [{ value: `file:${cur.file}`, label: `本机字体：${fontLabel(cur)}` }]
                            : [];
                        })(),
                      ]}
                    />
                  </Form.Item>
                  {app.transport.native && <Button onClick={() => void pickFont(role)}>选择本机字体文件…</Button>}
                </Space.Compact>
              </Form.Item>
            ))}
          </Card>
        </Form>
      </Col>
      <Col flex="260px">
        <Card
          size="small"
          title={
            <Segmented
              size="small"
              value={sketch}
              onChange={(v) => setSketch(v as 'page' | 'cover')}
              options={[
                { value: 'page', label: '正文页示意' },
                { value: 'cover', label: '封面示意' },
              ]}
              data-testid="sketch-kind"
            />
          }
          style={{ position: 'sticky', top: 0 }}
        >
          {sketch === 'page' ? (
            <SamplePage
              layout={liveLayout}
              title={(values?.theme as string) || s.theme || '关于齐文化传承与创新的几点建议'}
              author="市政协常委　张某某"
              scale={1.1}
            />
          ) : (
            <CoverSketch
              layout={liveLayout}
              scale={1.1}
              cover={{
                name: (values?.name as string) ?? s.name,
                theme: (values?.theme as string) ?? s.theme,
                bookTitle: (values?.bookTitle as string) ?? s.bookTitle,
                organiser: (values?.organiser as string) ?? s.organiser,
                organiserSuffix: (values?.organiserSuffix as string) ?? s.organiserSuffix,
                date: (values?.date as string) ?? s.date,
                marks: (values?.marks as typeof s.marks) ?? s.marks,
              }}
            />
          )}
          <Typography.Paragraph type="secondary" style={{ fontSize: 12, marginTop: 8 }}>
            版心 {liveLayout.blockWidth}×{liveLayout.blockHeight} 毫米，每页 {liveLayout.linesPerPage} 行、每行{' '}
            {liveLayout.charsPerLine} 字；正文 {haoName(liveLayout.bodySize) ?? `${liveLayout.bodySize} 磅`}，标题{' '}
            {haoName(liveLayout.titleSize) ?? `${liveLayout.titleSize} 磅`}。示意图仅供参考，以生成的 PDF 为准。
          </Typography.Paragraph>
        </Card>
      </Col>
    </Row>
  );
}
