// 委员名单: the roster table with search, add / edit / remove, and import from .xlsx / .csv / .txt
// through the service: roster.preview reads the file (GBK, UTF-16, title rows above the header …)
// and proposes a column mapping the clerk confirms or changes; roster.import applies that mapping.
// It must never parse a roster itself, nor drop members silently: skipped rows are listed.
import { useMemo, useState } from 'react';
import {
  Alert,
  App as AntApp,
  Button,
  Card,
  Checkbox,
  Empty,
  Form,
  Input,
  Modal,
  Popconfirm,
  Radio,
  Select,
  Space,
  Table,
  Tag,
  Typography,
  Upload,
} from 'antd';
import { ImportOutlined, PlusOutlined } from '@ant-design/icons';
import type { Member } from '../../core/model/session';
import { useApp } from '../state/app-state';
import {
  addedMembers,
  ENCODING_NAMES,
  fieldOfColumn,
  otherProblems,
  setColumnField,
  type AddedMember,
  type Mapping,
} from './roster-logic';

export { addedMembers, fieldOfColumn, setColumnField, type AddedMember } from './roster-logic';

export function RosterScreen() {
  const app = useApp();
  const { message } = AntApp.useApp();
  const view = app.view!;
  const members = view.session.members;
  const [q, setQ] = useState('');
  const [editing, setEditing] = useState<Member | 'new' | null>(null);
  const [mapping, setMapping] = useState<Mapping | null>(null);
  const [mode, setMode] = useState<'merge' | 'replace'>('merge');
  const [skipped, setSkipped] = useState<{ row: number; message: string }[]>([]);
  const [selected, setSelected] = useState<string[]>([]);
  const [addedNote, setAddedNote] = useState<AddedMember[]>([]);
  const [form] = Form.useForm();

  const received = useMemo(() => {
    const set = new Set<string>();
    for (const s of view.session.submissions) for (const m of s.memberIds) set.add(m);
    return set;
  }, [view]);

  const shown = useMemo(() => {
    const t = q.trim();
    if (!t) return members;
    return members.filter((m) => [m.name, m.sector, m.party, m.title, m.unit, m.rank].some((v) => v?.includes(t)));
  }, [members, q]);

  const onFile = async (f: File) => {
    const file = await app.transport.fileInput(f);
    const r = await app.call('roster.preview', { sessionId: view.session.id, file });
    if (r.ok) setMapping({ fileName: f.name, file, preview: r.value, mapping: r.value.mapping });
    return false;
  };

  /** Another mapping: the service recounts problems and duplicates for it. */
  const remap = async (col: number, field: string) => {
    if (!mapping) return;
    const next = setColumnField(mapping.mapping, col, field);
    setMapping({ ...mapping, mapping: next });
    const r = await app.call(
      'roster.preview',
      { sessionId: view.session.id, file: mapping.file, mapping: next },
      { quiet: true },
    );
    if (r.ok)
      setMapping((cur) => (cur && cur.file === mapping.file ? { ...cur, preview: r.value, mapping: next } : cur));
  };

  const confirmMapping = async () => {
    if (!mapping) return;
    if (mapping.mapping.name === undefined) {
      app.showError({ code: 'roster.no-name', message: '请至少指定哪一列是“姓名”。' });
      return;
    }
    const { file, mapping: chosen } = mapping;
    const before = members;
    setMapping(null);
    const r = await app.edit('roster.import', { file, mode, mapping: chosen }, { quiet: true });
    if (!r.ok) {
      app.showError(r.error);
      return;
    }
    const rep = r.value.report;
    setSkipped(rep.skipped);
    const added = addedMembers(before, r.value.session.members, mode);
    setAddedNote(added);
    message.success(
      `名单已导入：新增 ${rep.added} 人，更新 ${rep.updated} 人${rep.skipped.length ? `，跳过 ${rep.skipped.length} 行` : ''}${rep.duplicates.length ? `；${rep.duplicates.length} 个姓名出现在多行，均已保留，请核对` : ''}。`,
    );
  };

  const saveMember = async () => {
    const v = await form.validateFields();
    const member = {
      ...v,
      name: v.name.trim(),
      sector: v.sector ?? '',
      title: v.title ?? '',
      unit: v.unit ?? '',
      standing: v.standing ?? true,
    };
    const r =
      editing === 'new'
        ? await app.edit('roster.add', { member })
        : await app.edit('roster.update', { memberId: (editing as Member).id, patch: member });
    if (r.ok) setEditing(null);
  };

  return (
    <div>
      <Space style={{ marginBottom: 12 }} wrap>
        <Typography.Title level={4} style={{ margin: 0 }}>
          委员名单
        </Typography.Title>
        <Input.Search
          placeholder="搜索姓名、界别、单位…"
          allowClear
          value={q}
          onChange={(e) => setQ(e.target.value)}
          style={{ width: 260 }}
          data-testid="roster-search"
        />
        <Button
          icon={<PlusOutlined />}
          onClick={() => {
            form.resetFields();
            form.setFieldsValue({ standing: true });
            setEditing('new');
          }}
        >
          添加委员
        </Button>
        <Upload accept=".xlsx,.csv,.tsv,.txt" showUploadList={false} beforeUpload={(f) => onFile(f)}>
          <Button icon={<ImportOutlined />} data-testid="roster-import">
            从 Excel / CSV 导入…
          </Button>
        </Upload>
        <Radio.Group
          size="small"
          value={mode}
          onChange={(e) => setMode(e.target.value)}
          optionType="button"
          options={[
            { value: 'merge', label: '合并（同名更新）' },
            { value: 'replace', label: '替换整个名单' },
          ]}
        />
        {selected.length > 0 && (
          <Popconfirm
            title={`删除选中的 ${selected.length} 位委员？`}
            description="可以用“撤销”恢复。"
            okText="删除"
            cancelText="取消"
            onConfirm={async () => {
              const r = await app.edit('roster.remove', { memberIds: selected });
              if (r.ok) setSelected([]);
            }}
          >
            <Button danger>删除选中</Button>
          </Popconfirm>
        )}
      </Space>
      {addedNote.length > 0 && (
        <Alert
          type={addedNote.some((a) => a.namesake) ? 'warning' : 'info'}
          showIcon
          closable
          onClose={() => setAddedNote([])}
          style={{ marginBottom: 12 }}
          data-testid="roster-added"
          title={`本次新增 ${addedNote.length} 人：${addedNote
            .slice(0, 20)
            .map((a) => a.label)
            .join('、')}${addedNote.length > 20 ? '……' : ''}`}
          description={
            <ul style={{ margin: 0, paddingLeft: 18 }}>
              {addedNote.slice(0, 10).map((a) => (
                <li key={a.id}>
                  {a.label}：{a.why}
                </li>
              ))}
            </ul>
          }
        />
      )}
      {skipped.length > 0 && (
        <Alert
          type="warning"
          showIcon
          closable
          onClose={() => setSkipped([])}
          style={{ marginBottom: 12 }}
          title={`有 ${skipped.length} 行没有导入`}
          description={skipped
            .slice(0, 10)
            .map((s) => `第 ${s.row} 行：${s.message}`)
            .join('；')}
        />
      )}
      <div data-testid="roster-table">
        <Card size="small">
          <Table<Member>
            size="small"
            rowKey="id"
            dataSource={shown}
            pagination={{ pageSize: 100, hideOnSinglePage: true, showSizeChanger: false }}
            scroll={{ x: 1040 }}
            rowSelection={{ selectedRowKeys: selected, onChange: (k) => setSelected(k as string[]) }}
            locale={{
              emptyText: (
                <Empty description="名单是空的。可以从 Excel 或 CSV 导入（第一行为“姓名、界别、职务、单位”等列名），也可以逐个添加。" />
              ),
            }}
            onRow={(m) => ({
              onDoubleClick: () => {
                form.setFieldsValue(m);
                setEditing(m);
              },
            })}
            columns={[
              { title: '序号', width: 60, render: (_v, _m, i) => i + 1 },
              { title: '姓名', dataIndex: 'name', width: 100, sorter: (a, b) => a.name.localeCompare(b.name, 'zh-CN') },
              { title: '界别', dataIndex: 'sector', width: 130, ellipsis: true },
              // Short fields never wrap; a column every member leaves empty takes no room.
              {
                title: '党派',
                dataIndex: 'party',
                width: 120,
                ellipsis: true,
                onCell: () => ({ style: { whiteSpace: 'nowrap' } }),
              },
              { title: '职务', dataIndex: 'title', ellipsis: true, width: 220 },
              ...(members.some((m) => m.unit?.trim())
                ? [{ title: '单位', dataIndex: 'unit', ellipsis: true, width: 200 }]
                : []),
              { title: '职级', dataIndex: 'rank', width: 80 },
              {
                title: '材料',
                width: 80,
                render: (_v, m) =>
                  received.has(m.id) ? (
                    <Tag color="success">已交</Tag>
                  ) : m.standing ? (
                    <Tag>未交</Tag>
                  ) : (
                    <Tag color="default">不要求</Tag>
                  ),
              },
              {
                title: '',
                width: 70,
                render: (_v, m) => (
                  <Button
                    type="link"
                    size="small"
                    onClick={() => {
                      form.setFieldsValue(m);
                      setEditing(m);
                    }}
                  >
                    编辑
                  </Button>
                ),
              },
            ]}
          />
        </Card>
      </div>
      <Modal
        title={editing === 'new' ? '添加委员' : '编辑委员'}
        open={!!editing}
        onOk={() => void saveMember()}
        onCancel={() => setEditing(null)}
        okText="保存"
        cancelText="取消"
        destroyOnHidden
      >
        <Form form={form} layout="vertical" preserve={false}>
          <Form.Item name="name" label="姓名" rules={[{ required: true, whitespace: true, message: '请填写姓名' }]}>
            <Input autoFocus />
          </Form.Item>
          <Space.Compact block>
            <Form.Item name="gender" label="性别" style={{ width: 100 }}>
              <Select
                allowClear
                options={[
                  { value: '男', label: '男' },
                  { value: '女', label: '女' },
                ]}
              />
            </Form.Item>
            <Form.Item name="sector" label="界别" style={{ flex: 1 }}>
              <Input />
            </Form.Item>
            <Form.Item name="party" label="党派" style={{ flex: 1 }}>
              <Input />
            </Form.Item>
          </Space.Compact>
          <Form.Item name="title" label="职务">
            <Input placeholder="市政协常委、市文化和旅游局副局长" />
          </Form.Item>
          <Form.Item name="unit" label="单位">
            <Input />
          </Form.Item>
          <Space>
            <Form.Item name="rank" label="职级">
              <Select
                allowClear
                style={{ width: 140 }}
                options={['主席', '副主席', '秘书长', '常委', '委员'].map((v) => ({ value: v, label: v }))}
              />
            </Form.Item>
            <Form.Item name="standing" valuePropName="checked" label=" ">
              <Checkbox>本次会议应交材料</Checkbox>
            </Form.Item>
          </Space>
        </Form>
      </Modal>
      <Modal
        title={`对应列：${mapping?.fileName ?? ''}`}
        destroyOnHidden
        open={!!mapping}
        onOk={() => void confirmMapping()}
        onCancel={() => setMapping(null)}
        okText="导入"
        cancelText="取消"
        width={760}
      >
        {mapping && (
          <div data-testid="roster-mapping">
            <Typography.Paragraph type="secondary">
              请确认表格中每一列对应名单中的哪一项；不需要的列选“不导入”。
              {mapping.preview.sheet ? ` 工作表：${mapping.preview.sheet}。` : ''}
              {mapping.preview.headerRow > 1 ? ` 表头在第 ${mapping.preview.headerRow} 行（上方的标题行不导入）。` : ''}
              {mapping.preview.encoding
                ? ` 文字编码：${ENCODING_NAMES[mapping.preview.encoding] ?? mapping.preview.encoding}。`
                : ''}
            </Typography.Paragraph>
            <Table
              size="small"
              pagination={false}
              scroll={{ x: true }}
              rowKey="row"
              dataSource={mapping.preview.rows.slice(0, 5)}
              columns={mapping.preview.headers.map((h, i) => ({
                title: (
                  <div>
                    <div style={{ fontWeight: 400, color: '#888' }}>{h}</div>
                    <Select
                      size="small"
                      style={{ width: 110 }}
                      value={fieldOfColumn(mapping.mapping, i)}
                      onChange={(v) => void remap(i, v)}
                      aria-label={`“${h}”列对应`}
                      options={[
                        { value: '', label: '不导入' },
                        ...Object.entries(mapping.preview.fieldLabels).map(([k, label]) => ({ value: k, label })),
                      ]}
                      data-testid={`map-col-${i}`}
                    />
                  </div>
                ),
                render: (_v: unknown, r: { cells: string[] }) => r.cells[i],
              }))}
            />
            <Typography.Paragraph style={{ marginTop: 8, marginBottom: 4 }} data-testid="roster-preview-count">
              共 {mapping.preview.rowCount} 行，将导入 {mapping.preview.memberCount} 人。
            </Typography.Paragraph>
            {mapping.preview.duplicates.length > 0 && (
              <Alert
                type="info"
                showIcon
                style={{ marginBottom: 6 }}
                data-testid="roster-preview-duplicates"
                title={`重名：${mapping.preview.duplicates.map((d) => `${d.name}（第 ${d.rows.join('、')} 行）`).join('；')}`}
                description="重名的行都会导入，请导入后核对是否为同一人。"
              />
            )}
            {otherProblems(mapping.preview).length > 0 && (
              <Alert
                type="warning"
                showIcon
                data-testid="roster-preview-problems"
                title={`${otherProblems(mapping.preview).length} 处需要注意`}
                description={
                  otherProblems(mapping.preview)
                    .slice(0, 8)
                    .map((p) => `第 ${p.row} 行：${p.message}`)
                    .join('；') + (otherProblems(mapping.preview).length > 8 ? '……' : '')
                }
              />
            )}
          </div>
        )}
      </Modal>
    </div>
  );
}
