// The bar of bulk actions over the selected items (编排 and 材料收集): move to a section, change the
// kind, mark as reviewed, delete to the trash — each ONE edit (one Ctrl+Z step) — and the trash,
// from which deleted items go back to their section and place.
import { useState } from 'react';
import { Button, Modal, Popconfirm, Select, Space, Table, Typography } from 'antd';
import { CheckOutlined, DeleteOutlined, RestOutlined } from '@ant-design/icons';
import { SUBMISSION_KINDS, SUBMISSION_KIND_NAMES, type TrashedSubmission } from '../../core/model/session';
import { useApp } from '../state/app-state';
import type { Selection } from '../state/selection';

const UNPLACED = '__unplaced';

export function BulkBar({ selection }: { selection: Selection }) {
  const app = useApp();
  const view = app.view!;
  const ids = selection.ids;
  const ro = !!view.readOnly;
  /** Every bulk action is one edit; the selection clears when it went through. */
  const apply = async (edit: Promise<{ ok: boolean }>) => {
    if ((await edit).ok) selection.clear();
  };
  const choices: {
    testId: string;
    width: number;
    placeholder: string;
    options: { value: string; label: string }[];
    edit: (value: string) => Promise<{ ok: boolean }>;
  }[] = [
    {
      testId: 'bulk-move',
      width: 170,
      placeholder: '移到栏目…',
      options: [
        ...view.session.sections.map((s) => ({ value: s.id, label: `移到“${s.title}”` })),
        { value: UNPLACED, label: '移出栏目（未编排）' },
      ],
      edit: (to) => app.edit('submissions.moveMany', { submissionIds: ids, toSectionId: to === UNPLACED ? null : to }),
    },
    {
      testId: 'bulk-kind',
      width: 150,
      placeholder: '改类别…',
      options: SUBMISSION_KINDS.map((k) => ({ value: k, label: `改为${SUBMISSION_KIND_NAMES[k]}` })),
      edit: (kind) =>
        app.edit('submissions.updateMany', {
          submissionIds: ids,
          patch: { kind: kind as (typeof SUBMISSION_KINDS)[number] },
        }),
    },
  ];
  if (!ids.length) return null;
  return (
    <div
      className="hb-bulk-bar"
      data-testid="bulk-bar"
      style={{
        display: 'flex',
        flexWrap: 'wrap',
        gap: 8,
        alignItems: 'center',
        padding: '6px 10px',
        marginBottom: 10,
        background: '#fff7e6',
        border: '1px solid #ffd591',
        borderRadius: 6,
      }}
    >
      <Typography.Text strong data-testid="bulk-count">
        已选 {ids.length} 份
      </Typography.Text>
      {choices.map((c) => (
        <Select
          key={c.testId}
          size="small"
          style={{ width: c.width }}
          placeholder={c.placeholder}
          value={null}
          disabled={ro}
          data-testid={c.testId}
          options={c.options}
          onChange={(v: string) => void apply(c.edit(v))}
        />
      ))}
      <Button
        size="small"
        icon={<CheckOutlined />}
        disabled={ro}
        onClick={() =>
          void apply(
            app.edit('submissions.updateMany', { submissionIds: ids, patch: { status: 'ok', reviewReasons: [] } }),
          )
        }
      >
        标记为已核对
      </Button>
      <Popconfirm
        title={`删除选中的 ${ids.length} 份材料？`}
        description="材料移到回收站，可以恢复，也可以按 Ctrl+Z 撤销。"
        okText="删除"
        okButtonProps={{ danger: true }}
        cancelText="取消"
        onConfirm={() => apply(app.edit('submissions.trash', { submissionIds: ids }))}
      >
        <Button size="small" danger icon={<DeleteOutlined />} disabled={ro} data-testid="bulk-delete">
          删除
        </Button>
      </Popconfirm>
      <Button size="small" type="link" onClick={selection.clear}>
        取消选择（Esc）
      </Button>
    </div>
  );
}

/** 回收站 (n): the deleted items, each restorable to its section and place. */
export function TrashButton() {
  const app = useApp();
  const view = app.view!;
  const trash = view.session.trash ?? [];
  const [open, setOpen] = useState(false);
  const [picked, setPicked] = useState<string[]>([]);
  const titles = new Map(view.session.sections.map((s) => [s.id, s.title]));
  const restore = async (ids: string[]) => {
    if (!ids.length) return;
    const r = await app.edit('submissions.trash.restore', { submissionIds: ids });
    if (r.ok) {
      setPicked([]);
      for (const n of r.value.notices ?? []) if (n.code === 'trash.section-gone') app.showError(n);
    }
  };
  return (
    <>
      <Button
        size="small"
        icon={<RestOutlined />}
        onClick={() => setOpen(true)}
        disabled={!trash.length}
        data-testid="trash-open"
      >
        回收站（{trash.length}）
      </Button>
      <Modal
        title="回收站"
        open={open && trash.length > 0}
        onCancel={() => setOpen(false)}
        width={720}
        footer={
          <Space>
            <Button onClick={() => setOpen(false)}>关闭</Button>
            <Button
              type="primary"
              disabled={!picked.length || !!view.readOnly}
              onClick={() => void restore(picked)}
              data-testid="trash-restore-picked"
            >
              恢复选中的 {picked.length} 份
            </Button>
          </Space>
        }
      >
        <Table<TrashedSubmission>
          size="small"
          rowKey={(t) => t.submission.id}
          pagination={{ pageSize: 10, hideOnSinglePage: true }}
          dataSource={trash}
          rowSelection={{ selectedRowKeys: picked, onChange: (k) => setPicked(k.map(String)) }}
          columns={[
            {
              title: '标题',
              render: (_v, t) => <span style={{ overflowWrap: 'anywhere' }}>{t.submission.title}</span>,
            },
            { title: '署名', width: 150, render: (_v, t) => t.submission.authorLine || '—' },
            {
              title: '原位置',
              width: 120,
              render: (_v, t) => (t.sectionId ? (titles.get(t.sectionId) ?? '（栏目已删除）') : '未编排'),
            },
            { title: '删除时间', width: 150, render: (_v, t) => new Date(t.deletedAt).toLocaleString('zh-CN') },
            {
              title: '',
              width: 70,
              render: (_v, t) => (
                <Button
                  size="small"
                  disabled={!!view.readOnly}
                  onClick={() => void restore([t.submission.id])}
                  data-testid="trash-restore"
                >
                  恢复
                </Button>
              ),
            },
          ]}
        />
      </Modal>
    </>
  );
}
