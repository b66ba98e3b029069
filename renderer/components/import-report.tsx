// The last import report of the session (kept by the service, so it is there again after a
// reload): one row per file, names wrapped instead of cut, the result and every reason to check
// the item in words, and a link to the item as it is now (its current title, or that it was deleted).
import { useState } from 'react';
import { Button, Card, Table, Tag, Typography } from 'antd';
import type { ImportReportEntry } from '../../core/contract';
import { useApp } from '../state/app-state';

type Row = ImportReportEntry & { key: number };

export function ImportReport() {
  const app = useApp();
  const report = app.importReport;
  const [open, setOpen] = useState(true);
  const s = app.view!.session;
  const subs = new Map(s.submissions.map((x) => [x.id, x]));
  const trashed = new Set((s.trash ?? []).map((t) => t.submission.id));
  if (!report.length)
    return (
      <Typography.Paragraph type="secondary" style={{ marginTop: 12 }}>
        导入后，这里会逐个列出每个文件的结果；下次打开会议时仍可查看。
      </Typography.Paragraph>
    );
  const good = report.filter((r) => r.ok).length;
  const when = app.importReportAt ? new Date(app.importReportAt).toLocaleString('zh-CN') : '';
  return (
    <div data-testid="import-report">
      <Card
        size="small"
        style={{ marginTop: 12 }}
        title={
          <span>
            上次导入结果{' '}
            <Typography.Text type="secondary" style={{ fontSize: 12, fontWeight: 400 }}>
              {when} · {good}/{report.length} 个文件已导入
            </Typography.Text>
          </span>
        }
        extra={
          <Button size="small" type="link" onClick={() => setOpen((o) => !o)} data-testid="import-report-toggle">
            {open ? '收起' : '展开'}
          </Button>
        }
      >
        {open && (
          <Table<Row>
            size="small"
            rowKey="key"
            pagination={{ pageSize: 12, hideOnSinglePage: true }}
            dataSource={report.map((r, key) => ({ ...r, key }))}
            columns={[
              {
                title: '文件',
                dataIndex: 'name',
                width: '34%',
                render: (v: string) => <span style={{ overflowWrap: 'anywhere' }}>{v}</span>,
              },
              {
                title: '结果',
                width: 96,
                render: (_v, r) => {
                  const sub = r.submissionId ? subs.get(r.submissionId) : undefined;
                  if (!r.ok) return r.duplicateOf ? <Tag>与已有材料相同</Tag> : <Tag color="error">未导入</Tag>;
                  if (r.submissionId && trashed.has(r.submissionId)) return <Tag>已删除</Tag>;
                  if (sub?.status === 'review') return <Tag color="warning">需核对</Tag>;
                  return <Tag color="success">已导入</Tag>;
                },
              },
              {
                title: '材料 / 原因',
                render: (_v, r) => {
                  const sub = r.submissionId ? subs.get(r.submissionId) : undefined;
                  const why = [
                    ...(r.error ? [r.error.message] : []),
                    ...(sub?.status === 'review' ? (sub.reviewReasons ?? []).map((x) => x.message) : []),
                    ...r.warnings.map((w) => w.message),
                  ];
                  const title = sub?.title ?? r.title;
                  const author = sub ? sub.authorLine : r.authorLine;
                  const target = r.submissionId ?? r.duplicateOf;
                  return (
                    <div style={{ overflowWrap: 'anywhere' }}>
                      {target && (subs.has(target) || trashed.has(target)) ? (
                        <a onClick={() => app.go('item', target)} data-testid="report-link">
                          {title ?? subs.get(target)?.title ?? '查看材料'}
                          {author ? ` — ${author}` : ''}
                        </a>
                      ) : (
                        title && <span>{title}</span>
                      )}
                      {why.length > 0 && (
                        <ul style={{ margin: '2px 0 0', paddingLeft: 18, fontSize: 12, color: '#8c6d1f' }}>
                          {why.map((w, i) => (
                            <li key={i}>{w}</li>
                          ))}
                        </ul>
                      )}
                    </div>
                  );
                },
              },
            ]}
          />
        )}
      </Card>
    </div>
  );
}
