// 统计: items, pages and words per section and in total, plus expected vs received members.
// Pages come from the latest compile; it must say so when they are older than the current edits.
// Received counts as on the intake board (any submission, placed or not); unplaced items are listed.
import { useEffect, useState } from 'react';
import { Alert, Card, Col, Empty, Row, Statistic, Table, Typography } from 'antd';
import type { Stats } from '../../core/contract';
import { useApp } from '../state/app-state';

export function StatsScreen() {
  const app = useApp();
  const view = app.view!;
  const [stats, setStats] = useState<Stats | null>(null);
  useEffect(() => {
    void app.call('stats.get', { sessionId: view.session.id }).then((r) => r.ok && setStats(r.value));
  }, [app, view.session.id, view.revision]);
  if (!stats) return <Card loading />;
  const fmt = (n?: number) => (n === undefined ? '—' : n.toLocaleString('zh-CN'));
  return (
    <div style={{ maxWidth: 900 }}>
      <Typography.Title level={4} style={{ marginTop: 0 }}>统计</Typography.Title>
      <Row gutter={12} style={{ marginBottom: 12 }}>
        <Col span={5}><Card size="small"><Statistic title="材料（篇）" value={stats.totals.items} data-testid="stat-items" /></Card></Col>
        <Col span={5}><Card size="small"><Statistic title="页数" value={fmt(stats.totals.pages)} /></Card></Col>
        <Col span={5}><Card size="small"><Statistic title="字数" value={stats.totals.words} /></Card></Col>
        <Col span={5}><Card size="small"><Statistic title="已交 / 应交（人）" value={`${stats.members.received} / ${stats.members.expected}`} data-testid="stat-received" /></Card></Col>
        <Col span={4}><Card size="small"><Statistic title="未编排" value={stats.totals.unplaced} /></Card></Col>
      </Row>
      {stats.totals.pages === undefined && <Alert type="info" showIcon style={{ marginBottom: 12 }} title="页数要在“预览与生成”中生成一次后才能统计。" />}
      {stats.pagesFromRevision !== undefined && stats.pagesFromRevision !== view.revision && <Alert type="warning" showIcon style={{ marginBottom: 12 }} title="页数来自改动之前的一次生成，重新生成后会更新。" />}
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
              <Table.Summary.Cell index={0}><b>合计</b></Table.Summary.Cell>
              <Table.Summary.Cell index={1} align="right"><b>{stats.sections.reduce((a, x) => a + x.items, 0)}</b></Table.Summary.Cell>
              <Table.Summary.Cell index={2} align="right"><b>{fmt(stats.totals.pages)}</b></Table.Summary.Cell>
              <Table.Summary.Cell index={3} align="right"><b>{fmt(stats.sections.reduce((a, x) => a + x.words, 0))}</b></Table.Summary.Cell>
            </Table.Summary.Row>
          )}
        />
      </Card>
      {stats.unplacedItems.length > 0 && (
        <Card size="small" title={`已收到但未编入栏目（${stats.unplacedItems.length} 篇）`} style={{ marginTop: 12 }} data-testid="stat-unplaced"
          extra={<a onClick={() => app.go('arrange')}>去编排</a>}>
          <Typography.Paragraph type="secondary" style={{ marginBottom: 4 }}>
            这些材料已计入“已交”，但还不在汇编中，页数和字数合计未包含它们
            {stats.members.receivedUnplaced.length > 0 ? `；其中 ${stats.members.receivedUnplaced.map((m) => m.name).join('、')} 的材料都还没有编入。` : '。'}
          </Typography.Paragraph>
          <Typography.Paragraph style={{ marginBottom: 0 }}>{stats.unplacedItems.map((x) => `《${x.title}》${x.authorLine ? ` ${x.authorLine}` : ''}`).join('；')}</Typography.Paragraph>
        </Card>
      )}
      {stats.members.missing.length > 0 && (
        <Card size="small" title={`尚未提交（${stats.members.missing.length} 人）`} style={{ marginTop: 12 }}>
          <Typography.Paragraph copyable>{stats.members.missing.map((m) => m.name).join('、')}</Typography.Paragraph>
        </Card>
      )}
    </div>
  );
}
