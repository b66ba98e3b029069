// 材料详情: one submission — why it needs review (each reason in words), every field of its front
// matter (each saves like every other edit), what will be printed (the same printed body the
// writers use; a PDF item's pages), moving paragraphs between body and front matter, replacing the
// source with a new version (the old one is kept), opening the source, and deleting to the trash.
import { useEffect, useMemo, useState } from 'react';
import {
  Button,
  Card,
  Col,
  Descriptions,
  Empty,
  List,
  Popconfirm,
  Row,
  Space,
  Spin,
  Tag,
  Typography,
  Upload,
} from 'antd';
import { DeleteOutlined, FileOutlined, SwapOutlined } from '@ant-design/icons';
import type { SourceDoc } from '../../core/model/document';
import { printedBlocks } from '../../core/model/printed-body';
import { ItemFields } from '../components/item-fields';
import { PrintedPreview } from '../components/printed-preview';
import { ReviewReasons, reviewLines } from '../components/review-reasons';
import { useApp } from '../state/app-state';
import { docWords } from '../state/item-facts';

export function ItemScreen() {
  const app = useApp();
  const view = app.view!;
  const s = view.session;
  const id = app.itemId ?? s.sections.flatMap((x) => x.items)[0] ?? s.submissions[0]?.id ?? null;
  const sub = s.submissions.find((x) => x.id === id);
  const trashed = !sub && id ? s.trash?.find((t) => t.submission.id === id) : undefined;
  const [doc, setDoc] = useState<SourceDoc | null>(null);
  const [loading, setLoading] = useState(false);

  const sourceKey = sub ? `${sub.id}:${sub.source.sha256 ?? sub.source.file}` : '';
  useEffect(() => {
    if (!sub) return;
    let live = true;
    setLoading(true);
    void app.call('submissions.preview', { sessionId: s.id, submissionId: sub.id }).then((r) => {
      if (!live) return;
      setDoc(r.ok ? (r.value as SourceDoc) : null);
      setLoading(false);
    });
    return () => {
      live = false;
    };
    // sourceKey changes exactly when another item or a new version is shown.
  }, [sourceKey]);

  const sectionOf = useMemo(() => s.sections.find((x) => sub && x.items.includes(sub.id)), [s.sections, sub]);
  const reasons = useMemo(
    () => new Map((sub?.reviewReasons ?? []).filter((r) => r.field).map((r) => [r.field!, r.message])),
    [sub?.reviewReasons],
  );

  /** The stored original: shown in its folder (Electron, inside the app's roots) or downloaded (browser). */
  const openSource = async () => {
    if (!sub) return;
    const r = await app.call('submissions.source', { sessionId: s.id, submissionId: sub.id });
    if (!r.ok) return;
    const native = app.transport.native;
    if (native && r.value.path) {
      const o = await native.openFolder(r.value.path);
      if (!o.ok) app.showError(o.error);
      return;
    }
    const bytes = await app.transport.fetchOutput(r.value);
    if (!bytes.ok) return app.showError(bytes.error);
    const url = URL.createObjectURL(new Blob([bytes.value as BlobPart], { type: 'application/octet-stream' }));
    const a = document.createElement('a');
    a.href = url;
    a.download = r.value.originalName.replace(/^.*[\\/]/, '');
    document.body.appendChild(a);
    a.click();
    a.remove();
    setTimeout(() => URL.revokeObjectURL(url), 30_000);
  };

  if (trashed) {
    return (
      <Empty description={`“${trashed.submission.title}”已删除，在回收站中。`}>
        <Space>
          <Button
            type="primary"
            disabled={!!view.readOnly}
            onClick={() => void app.edit('submissions.trash.restore', { submissionIds: [trashed.submission.id] })}
            data-testid="restore-item"
          >
            恢复这份材料
          </Button>
          <Button onClick={() => app.go('arrange')}>去编排</Button>
        </Space>
      </Empty>
    );
  }
  if (!sub) {
    return (
      <Empty description="请在“编排”或“材料收集”中选择一份材料。">
        <Button onClick={() => app.go('arrange')}>去编排</Button>
      </Empty>
    );
  }

  const all = s.sections.flatMap((x) => x.items);
  const pos = all.indexOf(sub.id);
  const replace = async (file: File) => {
    const input = await app.transport.fileInput(file);
    const r = await app.edit('submissions.replace', { submissionId: sub.id, file: input }, { quiet: true });
    if (!r.ok) app.showError(r.error);
    else if (!r.value.report.ok)
      app.showError({
        code: r.value.report.error?.code ?? 'import.failed',
        message: r.value.report.error?.message ?? '新版本未能导入。',
      });
    return false;
  };
  const remove = () => void app.edit('submissions.trash', { submissionIds: [sub.id] });
  // Reader warnings: from the document, and from the kept import report of this item.
  const fromReport = app.importReport.find((e) => e.submissionId === sub.id)?.warnings.map((w) => w.message) ?? [];
  const lines = reviewLines(sub, [...new Set([...fromReport, ...(doc?.warnings ?? []).map((w) => w.message)])]);

  return (
    <div>
      <Space style={{ marginBottom: 12 }} wrap>
        <Typography.Title level={4} style={{ margin: 0 }}>
          材料详情
        </Typography.Title>
        <Button size="small" disabled={pos <= 0} onClick={() => app.go('item', all[pos - 1])}>
          上一篇
        </Button>
        <Button size="small" disabled={pos < 0 || pos >= all.length - 1} onClick={() => app.go('item', all[pos + 1])}>
          下一篇
        </Button>
        <Typography.Text type="secondary">
          {sectionOf ? `${sectionOf.title} 第 ${sectionOf.items.indexOf(sub.id) + 1} 篇` : '未编排（不会印入汇编）'}
        </Typography.Text>
        {sub.status === 'review' ? <Tag color="warning">待核对</Tag> : <Tag color="success">已核对</Tag>}
        <Popconfirm
          title="删除这份材料？"
          description="材料移到回收站，可以恢复，也可以按 Ctrl+Z 撤销。"
          okText="删除"
          cancelText="取消"
          onConfirm={remove}
        >
          <Button size="small" danger icon={<DeleteOutlined />} disabled={!!view.readOnly} data-testid="delete-item">
            删除
          </Button>
        </Popconfirm>
      </Space>
      <ReviewReasons sub={sub} lines={lines} />
      <Row gutter={16}>
        <Col span={10}>
          <Card size="small" title="标题与作者">
            <ItemFields key={sub.id} sub={sub} members={s.members} reasons={reasons} />
          </Card>
          <Card size="small" title="来源文件" style={{ marginTop: 12 }}>
            <Descriptions
              size="small"
              column={1}
              items={[
                {
                  key: 'f',
                  label: '原文件名',
                  children: (
                    <span style={{ overflowWrap: 'anywhere' }}>{sub.source.originalName ?? sub.source.file}</span>
                  ),
                },
                { key: 't', label: '格式', children: sub.source.format.toUpperCase() },
                {
                  key: 'r',
                  label: '收到时间',
                  children: sub.receivedAt ? new Date(sub.receivedAt).toLocaleString('zh-CN') : '—',
                },
                { key: 'w', label: '字数', children: doc ? docWords(doc).toLocaleString('zh-CN') : '…' },
              ]}
            />
            <Space style={{ marginTop: 8 }} wrap>
              <Upload
                showUploadList={false}
                accept=".docx,.doc,.wps,.txt,.md,.pdf,.rtf,.odt"
                beforeUpload={(f) => replace(f)}
              >
                <Button icon={<SwapOutlined />} disabled={!!view.readOnly}>
                  换成新版本…
                </Button>
              </Upload>
              <Button icon={<FileOutlined />} onClick={() => void openSource()} data-testid="open-source">
                {app.transport.native ? '在文件夹中显示原文件' : '下载原文件'}
              </Button>
            </Space>
            {sub.versions.length > 0 && (
              <List
                size="small"
                header="以前的版本（已保留）"
                dataSource={sub.versions}
                renderItem={(v) => (
                  <List.Item>
                    {v.format.toUpperCase()} · 替换于 {new Date(v.replacedAt).toLocaleString('zh-CN')}
                  </List.Item>
                )}
              />
            )}
          </Card>
        </Col>
        <Col span={14}>
          <Card
            size="small"
            title={
              <Space>
                印出效果 {doc && !doc.pdf && <Tag>印出正文 {printedBlocks(doc, sub.bodyEdits).length} 段</Tag>}{' '}
                {doc?.pdf && <Tag color="blue">PDF 原样插入 {doc.pdf.pageCount} 页</Tag>}
              </Space>
            }
            extra={
              <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                正文首末段右侧的 ⋯ 可设为不印或改作题头信息
              </Typography.Text>
            }
          >
            <Spin spinning={loading}>
              <div data-testid="doc-preview">
                {doc ? <PrintedPreview sub={sub} doc={doc} /> : !loading && <Empty description="无法显示内容。" />}
              </div>
            </Spin>
          </Card>
        </Col>
      </Row>
    </div>
  );
}
