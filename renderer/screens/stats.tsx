// 统计: items, pages and words per section and in total, plus expected vs received members, and
// the same as an .xlsx (stats.export). Pages come from the last compile; when the session or its
// settings changed since, it says so and names that compile's page count as out of date.
// Received counts as on the intake board (any submission, placed or not); unplaced items are listed.
import { useEffect, useState } from 'react';
import { Alert, App as AntApp, Button, Card, Col, Empty, Row, Space, Statistic, Table, Typography } from 'antd';
import { FileExcelOutlined } from '@ant-design/icons';
import type { CompileJob, Stats } from '../../core/contract';
import { useApp } from '../state/app-state';
import { saveBlob } from '../components/save-blob';
import { memberLabels, membersInSessionOrder } from '../state/member-order';

export function StatsScreen() {
  const app = useApp();
  const view = app.view!;
  const { message } = AntApp.useApp();
  const [stats, setStats] = useState<Stats | null>(null);
  const [last, setLast] = useState<CompileJob | null>(null);
  const [exporting, setExporting] = useState(false);
  useEffect(() => {
    void app.call('stats.get', { sessionId: view.session.id }).then((r) => r.ok && setStats(r.value));
    void app.transport
      .call('compile.status', { sessionId: view.session.id })
      .then((r) => r.ok && setLast(r.value?.state === 'done' ? r.value : null));
  }, [app, view.session.id, view.revision]);

  const exportXlsx = async () => {
    setExporting(true);
    try {
      const native = app.transport.native;
      let targetPath: string | undefined;
      if (native) {
        const p = await native.pickSavePath({ defaultName: `${view.session.name}-统计.xlsx`, extensions: ['xlsx'] });
        if (!p.ok || !p.value) return;
        targetPath = p.value;
      }
      const r = await app.call('stats.export', { sessionId: view.session.id, targetPath });
      if (!r.ok) return;
      if (native) return void message.success(`统计表已保存到 ${r.value.path ?? r.value.name}`);
      const bytes = await app.transport.fetchOutput(r.value);
      if (!bytes.ok) return app.showError(bytes.error);
      saveBlob(bytes.value, r.value.name, 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
      message.success('统计表已导出（Excel）。');
    } finally {
      setExporting(false);
    }
  };
  // Names as on the intake board: the session's order, namesakes with their 界别.
  const labels = memberLabels(view.session.members);
  const rank = new Map(membersInSessionOrder(view).map((m, i) => [m.id, i]));
  const names = (list: { memberId: string; name: string }[]) =>
    [...list]
      .sort((a, b) => (rank.get(a.memberId) ?? 0) - (rank.get(b.memberId) ?? 0))
      .map((m) => labels.get(m.memberId) ?? m.name)
      .join('、');
  if (!stats) return <Card loading />;
  const fmt = (n?: number) => (n === undefined ? '—' : n.toLocaleString('zh-CN'));
  // The headline figures, one card each.
  const headline: { span: number; title: string; value: number | string; testId?: string }[] = [
    { span: 5, title: '材料（篇）', value: stats.totals.items, testId: 'stat-items' },
    {
      span: 5,
      title: stats.pagesStatus === 'stale' ? '页数（上次生成，已过时）' : '页数',
      value:
        stats.totals.pages !== undefined
          ? fmt(stats.totals.pages)
          : stats.pagesStatus === 'stale' && last?.result?.pageCount !== undefined
            ? fmt(last.result.pageCount)
            : '—',
      testId: 'stat-pages',
    },
    { span: 5, title: '字数', value: stats.totals.words },
    {
      span: 5,
      title: '已交 / 应交（人）',
      value: `${stats.members.received} / ${stats.members.expected}`,
      testId: 'stat-received',
    },
    { span: 4, title: '未编排', value: stats.totals.unplaced },
  ];
  return (
    <div style={{ maxWidth: 900 }}>
      <Space style={{ marginBottom: 12 }}>
        <Typography.Title level={4} style={{ margin: 0 }}>
          统计
        </Typography.Title>
        <Button
          icon={<FileExcelOutlined />}
          loading={exporting}
          onClick={() => void exportXlsx()}
          data-testid="stats-export"
        >
          导出 Excel
        </Button>
      </Space>
      <Row gutter={12} style={{ marginBottom: 12 }}>
        {headline.map((h) => (
          <Col span={h.span} key={h.title}>
            <Card size="small">
              <Statistic title={h.title} value={h.value} data-testid={h.testId} />
            </Card>
          </Col>
        ))}
      </Row>
      {(stats.pagesStatus ?? (stats.totals.pages === undefined ? 'none' : 'current')) === 'none' && (
        <Alert
          type="info"
          showIcon
          style={{ marginBottom: 12 }}
          title="还没有生成过汇编：页数要在“预览与生成”中生成一次后才能统计。"
          data-testid="stats-pages-note"
        />
      )}
      {stats.pagesStatus === 'stale' && (
        <Alert
          type="warning"
          showIcon
          style={{ marginBottom: 12 }}
          data-testid="stats-pages-note"
          title={`页数来自${last?.finishedAt ? ` ${new Date(last.finishedAt).toLocaleString('zh-CN')} ` : '上次'}的生成${last?.result?.pageCount !== undefined ? `（共 ${last.result.pageCount} 页）` : ''}；此后会议内容或设置（版式、字号等）又有修改，各栏目页数暂不显示。`}
          action={
            <Button size="small" onClick={() => app.go('preview')}>
              去重新生成
            </Button>
          }
        />
      )}
      <Card size="small" title="各栏目">
        <Table
          size="small"
          pagination={false}
          rowKey="sectionId"
          dataSource={stats.sections}
          locale={{ emptyText: <Empty description="还没有栏目。" /> }}
          columns={[
            { title: '栏目', dataIndex: 'title' },
            { title: '篇数', dataIndex: 'items', align: 'right' },
            { title: '页数', dataIndex: 'pages', align: 'right', render: (v?: number) => fmt(v) },
            { title: '字数', dataIndex: 'words', align: 'right', render: (v: number) => fmt(v) },
          ]}
          summary={() => (
            <Table.Summary.Row>
              <Table.Summary.Cell index={0}>
                <b>合计</b>
              </Table.Summary.Cell>
              <Table.Summary.Cell index={1} align="right">
                <b>{stats.sections.reduce((a, x) => a + x.items, 0)}</b>
              </Table.Summary.Cell>
              <Table.Summary.Cell index={2} align="right">
                <b>{fmt(stats.totals.pages)}</b>
              </Table.Summary.Cell>
              <Table.Summary.Cell index={3} align="right">
                <b>{fmt(stats.sections.reduce((a, x) => a + x.words, 0))}</b>
              </Table.Summary.Cell>
            </Table.Summary.Row>
          )}
        />
      </Card>
      {stats.unplacedItems.length > 0 && (
        <Card
          size="small"
          title={`已收到但未编入栏目（${stats.unplacedItems.length} 篇）`}
          style={{ marginTop: 12 }}
          data-testid="stat-unplaced"
          extra={<a onClick={() => app.go('arrange')}>去编排</a>}
        >
          <Typography.Paragraph type="secondary" style={{ marginBottom: 4 }}>
            这些材料已计入“已交”，但还不在汇编中，页数和字数合计未包含它们
            {stats.members.receivedUnplaced.length > 0
              ? `；其中 ${names(stats.members.receivedUnplaced)} 的材料都还没有编入。`
              : '。'}
          </Typography.Paragraph>
          <Typography.Paragraph style={{ marginBottom: 0 }}>
            {stats.unplacedItems.map((x) => `《${x.title}》${x.authorLine ? ` ${x.authorLine}` : ''}`).join('；')}
          </Typography.Paragraph>
        </Card>
      )}
      {stats.members.missing.length > 0 && (
        <Card size="small" title={`尚未提交（${stats.members.missing.length} 人）`} style={{ marginTop: 12 }}>
          <Typography.Paragraph copyable data-testid="stats-missing">
            {names(stats.members.missing)}
          </Typography.Paragraph>
        </Card>
      )}
    </div>
  );
}
