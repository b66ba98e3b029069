// 材料详情: one submission — detected title and author line (editable), kind, members, status,
// a structured preview of the imported text, replace with a new version (the old one is kept),
// and open the source file. It must never change the item without an explicit 保存 / action.
import { useEffect, useMemo, useState } from 'react';
import { Alert, Button, Card, Col, Descriptions, Empty, Form, Input, List, Row, Select, Space, Spin, Switch, Tag, Typography, Upload } from 'antd';
import { FileOutlined, SwapOutlined } from '@ant-design/icons';
import { inlineText, type Block, type SourceDoc } from '../../core/model/document';
import { SUBMISSION_KINDS, SUBMISSION_KIND_NAMES } from '../../core/model/session';
import { useApp } from '../state/app-state';
import { docWords } from '../state/item-facts';
import { itemWarnings } from './arrange';

function BlockView({ b, doc }: { b: Block; doc: SourceDoc }) {
  switch (b.type) {
    case 'heading': {
      const Tag = (`h${Math.min(b.level + 1, 4)}` as 'h2' | 'h3' | 'h4');
      return <Tag data-level={b.level}>{inlineText(b.inlines)}</Tag>;
    }
    case 'paragraph':
      return <p style={{ textIndent: b.indent === false ? 0 : '2em', textAlign: b.align === 'center' ? 'center' : b.align === 'right' ? 'right' : 'justify', margin: '0 0 4px' }}>{inlineText(b.inlines)}</p>;
    case 'list':
      return <div>{b.items.map((it, i) => <p key={i} style={{ margin: '0 0 4px', paddingLeft: `${2 + it.level * 2}em` }}>{it.label} {inlineText(it.inlines)}</p>)}</div>;
    case 'table':
      return (
        <table style={{ borderCollapse: 'collapse', margin: '8px 0', width: '100%' }}>
          <tbody>
            {b.rows.map((r, i) => (
              <tr key={i}>{r.cells.map((c, j) => <td key={j} colSpan={c.colSpan} rowSpan={c.rowSpan} style={{ border: '1px solid #999', padding: '2px 6px', fontWeight: i < b.headerRows ? 700 : 400 }}>{c.paragraphs.map((p) => inlineText(p.inlines)).join('\n')}</td>)}</tr>
            ))}
          </tbody>
        </table>
      );
    case 'image': {
      const res = doc.images[b.resource];
      return res ? <figure style={{ textAlign: 'center' }}><img alt={b.alt ?? ''} src={`data:${res.mime};base64,${res.data}`} style={{ maxWidth: '100%' }} />{b.caption && <figcaption>{b.caption}</figcaption>}</figure> : <p>[图片]</p>;
    }
    case 'pageBreak':
      return <hr style={{ borderStyle: 'dashed' }} title="分页" />;
  }
}

export function ItemScreen() {
  const app = useApp();
  const view = app.view!;
  const s = view.session;
  const id = app.itemId ?? s.sections.flatMap((x) => x.items)[0] ?? s.submissions[0]?.id ?? null;
  const sub = s.submissions.find((x) => x.id === id);
  const [doc, setDoc] = useState<SourceDoc | null>(null);
  const [loading, setLoading] = useState(false);
  const [form] = Form.useForm();

  useEffect(() => {
    if (!sub) return;
    form.setFieldsValue({ title: sub.title, authorLine: sub.authorLine, tocAuthor: sub.tocAuthor ?? '', kind: sub.kind, memberIds: sub.memberIds, status: sub.status, inToc: sub.options.inToc });
  }, [sub, form]);

  const sourceKey = sub ? `${sub.id}:${sub.source.sha256 ?? sub.source.file}` : '';
  useEffect(() => {
    if (!sub) return;
    setLoading(true);
    void app.call('submissions.preview', { sessionId: s.id, submissionId: sub.id }).then((r) => {
      setDoc(r.ok ? (r.value as SourceDoc) : null);
      setLoading(false);
    });
    // sourceKey changes exactly when a new version is imported.
  }, [sourceKey]);

  const sectionOf = useMemo(() => s.sections.find((x) => sub && x.items.includes(sub.id)), [s.sections, sub]);
  const pdfUrl = useMemo(() => (doc?.pdf ? URL.createObjectURL(new Blob([Uint8Array.from(atob(doc.pdf.data), (c) => c.charCodeAt(0))], { type: 'application/pdf' })) : null), [doc]);
  useEffect(() => () => { if (pdfUrl) URL.revokeObjectURL(pdfUrl); }, [pdfUrl]);

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

  if (!sub) {
    return <Empty description="请在“编排”或“材料收集”中选择一份材料。"><Button onClick={() => app.go('arrange')}>去编排</Button></Empty>;
  }

  const all = s.sections.flatMap((x) => x.items);
  const pos = all.indexOf(sub.id);
  const save = async () => {
    const v = await form.validateFields();
    await app.edit('submissions.update', {
      submissionId: sub.id,
      patch: { title: v.title.trim(), authorLine: v.authorLine.trim(), tocAuthor: v.tocAuthor?.trim() || undefined, kind: v.kind, memberIds: v.memberIds, status: v.status, options: { inToc: v.inToc } },
    });
  };
  const replace = async (file: File) => {
    const input = await app.transport.fileInput(file);
    const r = await app.edit('submissions.replace', { submissionId: sub.id, file: input }, { quiet: true });
    if (!r.ok) app.showError(r.error);
    else if (!r.value.report.ok) app.showError({ code: r.value.report.error?.code ?? 'import.failed', message: r.value.report.error?.message ?? '新版本未能导入。' });
    return false;
  };
  const warnings = [...itemWarnings(sub), ...(doc?.warnings ?? []).map((w) => w.message)];

  return (
    <div>
      <Space style={{ marginBottom: 12 }}>
        <Typography.Title level={4} style={{ margin: 0 }}>材料详情</Typography.Title>
        <Button size="small" disabled={pos <= 0} onClick={() => app.go('item', all[pos - 1])}>上一篇</Button>
        <Button size="small" disabled={pos < 0 || pos >= all.length - 1} onClick={() => app.go('item', all[pos + 1])}>下一篇</Button>
        <Typography.Text type="secondary">{sectionOf ? `${sectionOf.title} 第 ${sectionOf.items.indexOf(sub.id) + 1} 篇` : '未编排'}</Typography.Text>
      </Space>
      {warnings.length > 0 && <Alert type="warning" showIcon style={{ marginBottom: 12 }} title="请核对" description={warnings.join('；')} />}
      <Row gutter={16}>
        <Col span={10}>
          <Card size="small" title="标题与作者" extra={<Button type="primary" size="small" onClick={() => void save()} disabled={!!view.readOnly} data-testid="save-item">保存</Button>}>
            <Form form={form} layout="vertical">
              <Form.Item name="title" label="标题" rules={[{ required: true, whitespace: true, message: '标题不能为空' }]}><Input.TextArea autoSize data-testid="item-title" /></Form.Item>
              <Form.Item name="authorLine" label="署名（印在标题下）"><Input placeholder="市政协常委　张某某" /></Form.Item>
              <Form.Item name="tocAuthor" label="目录中的作者（可不填，默认取署名中的姓名）"><Input /></Form.Item>
              <Row gutter={8}>
                <Col span={12}><Form.Item name="kind" label="类别"><Select options={SUBMISSION_KINDS.map((k) => ({ value: k, label: SUBMISSION_KIND_NAMES[k] }))} /></Form.Item></Col>
                <Col span={12}><Form.Item name="status" label="状态"><Select options={[{ value: 'ok', label: '已核对' }, { value: 'review', label: '待核对' }]} /></Form.Item></Col>
              </Row>
              <Form.Item name="memberIds" label="对应委员"><Select mode="multiple" optionFilterProp="label" options={s.members.map((m) => ({ value: m.id, label: `${m.name}（${m.sector || m.unit || '—'}）` }))} placeholder="选择提交这份材料的委员" /></Form.Item>
              <Form.Item name="inToc" label="列入目录" valuePropName="checked"><Switch /></Form.Item>
            </Form>
          </Card>
          <Card size="small" title="来源文件" style={{ marginTop: 12 }}>
            <Descriptions size="small" column={1} items={[
              { key: 'f', label: '原文件名', children: sub.source.originalName ?? sub.source.file },
              { key: 't', label: '格式', children: sub.source.format.toUpperCase() },
              { key: 'r', label: '收到时间', children: sub.receivedAt ? new Date(sub.receivedAt).toLocaleString('zh-CN') : '—' },
              { key: 'w', label: '字数', children: doc ? docWords(doc).toLocaleString('zh-CN') : '…' },
            ]} />
            <Space style={{ marginTop: 8 }} wrap>
              <Upload showUploadList={false} accept=".docx,.doc,.wps,.txt,.md,.pdf,.rtf,.odt" beforeUpload={(f) => replace(f)}>
                <Button icon={<SwapOutlined />} disabled={!!view.readOnly}>换成新版本…</Button>
              </Upload>
              {pdfUrl && <Button href={pdfUrl} target="_blank">打开原 PDF</Button>}
              {!pdfUrl && <Button icon={<FileOutlined />} onClick={() => void openSource()} data-testid="open-source">{app.transport.native ? '在文件夹中显示原文件' : '下载原文件'}</Button>}
            </Space>
            {sub.versions.length > 0 && (
              <List size="small" header="以前的版本（已保留）" dataSource={sub.versions} renderItem={(v) => <List.Item>{v.format.toUpperCase()} · 替换于 {new Date(v.replacedAt).toLocaleString('zh-CN')}</List.Item>} />
            )}
          </Card>
        </Col>
        <Col span={14}>
          <Card size="small" title={<Space>导入的内容 {doc && <Tag>{doc.blocks.length} 段</Tag>} {doc?.pdf && <Tag color="blue">PDF 原样插入 {doc.pdf.pageCount} 页</Tag>}</Space>}>
            <Spin spinning={loading}>
              <div className="hb-doc-preview" data-testid="doc-preview">
                {doc ? (
                  <>
                    <h2 style={{ textAlign: 'center' }}>{sub.title}</h2>
                    <p style={{ textAlign: 'center' }}>{sub.authorLine}</p>
                    {doc.blocks.map((b, i) => <BlockView key={i} b={b} doc={doc} />)}
                    {doc.footnotes.length > 0 && <><hr />{doc.footnotes.map((f, i) => <p key={f.id} style={{ fontSize: 12 }}>[{i + 1}] {inlineText(f.inlines)}</p>)}</>}
                    {doc.blocks.length === 0 && !doc.pdf && <Empty description="这份材料没有正文。" />}
                  </>
                ) : !loading && <Empty description="无法显示内容。" />}
              </div>
            </Spin>
          </Card>
        </Col>
      </Row>
    </div>
  );
}
