// 材料收集's list of every item of the session, for bulk actions: tick items (or Ctrl/Shift-click
// rows) and move them to a section, change their kind, mark them reviewed or delete them in one
// action; each title opens 材料详情. Names wrap instead of being cut.
import { useMemo } from 'react';
import { Card, Table, Tag } from 'antd';
import { SUBMISSION_KIND_NAMES, type Submission } from '../../core/model/session';
import { useApp } from '../state/app-state';
import { useSelection } from '../state/selection';
import { BulkBar, TrashButton } from './bulk-bar';

export function ItemTable() {
  const app = useApp();
  const s = app.view!.session;
  const sectionOf = useMemo(() => {
    const m = new Map<string, string>();
    for (const sec of s.sections) for (const id of sec.items) m.set(id, sec.title);
    return m;
  }, [s.sections]);
  // Review items first, then in dossier order, then unplaced.
  const rows = useMemo(() => {
    const pos = new Map(s.sections.flatMap((x) => x.items).map((id, i) => [id, i]));
    return [...s.submissions].sort(
      (a, b) =>
        Number(b.status === 'review') - Number(a.status === 'review') ||
        (pos.get(a.id) ?? 1e9) - (pos.get(b.id) ?? 1e9),
    );
  }, [s.submissions, s.sections]);
  const order = useMemo(() => rows.map((r) => r.id), [rows]);
  const selection = useSelection(order);
  return (
    <Card
      size="small"
      title={`全部材料（${s.submissions.length}）`}
      style={{ marginTop: 12 }}
      extra={<TrashButton />}
      data-testid="item-table"
    >
      <BulkBar selection={selection} />
      <Table<Submission>
        size="small"
        rowKey="id"
        pagination={{ pageSize: 15, hideOnSinglePage: true }}
        dataSource={rows}
        rowSelection={{ selectedRowKeys: selection.ids, onChange: (keys) => selection.set(keys.map(String)) }}
        onRow={(r) =>
          ({
            onClick: (e) => {
              if ((e.target as HTMLElement).closest('a,button,input,label')) return;
              selection.click(r.id, e, true);
            },
            'data-testid': 'item-row',
            'data-id': r.id,
          }) as React.HTMLAttributes<HTMLElement>
        }
        columns={[
          {
            title: '标题',
            render: (_v, r) => (
              <a style={{ overflowWrap: 'anywhere' }} onClick={() => app.go('item', r.id)}>
                {r.title}
              </a>
            ),
          },
          {
            title: '署名',
            width: 170,
            render: (_v, r) => (
              <span style={{ overflowWrap: 'anywhere' }}>
                {r.authorLine || (r.organisations ?? []).join('、') || <Tag color="error">无署名</Tag>}
              </span>
            ),
          },
          { title: '类别', width: 90, render: (_v, r) => SUBMISSION_KIND_NAMES[r.kind] },
          {
            title: '栏目',
            width: 100,
            render: (_v, r) => sectionOf.get(r.id) ?? <span style={{ color: '#999' }}>未编排</span>,
          },
          {
            title: '状态',
            width: 80,
            render: (_v, r) =>
              r.status === 'review' ? <Tag color="warning">待核对</Tag> : <Tag color="success">已核对</Tag>,
          },
        ]}
      />
    </Card>
  );
}
