// 会议: the list of sessions (most recent first), create one (blank, from the sample, or copying an
// existing session's settings), open, duplicate, move to the trash and restore.
// It must never delete for good without the clerk asking (the trash is emptied explicitly).
import { useCallback, useEffect, useState } from 'react';
import {
  App as AntApp,
  Button,
  Card,
  Empty,
  Form,
  Input,
  List,
  Modal,
  Popconfirm,
  Radio,
  Select,
  Space,
  Tag,
  Typography,
  Upload,
} from 'antd';
import {
  DeleteOutlined,
  PlusOutlined,
  CopyOutlined,
  RollbackOutlined,
  HistoryOutlined,
  ExportOutlined,
  ImportOutlined,
  ExperimentOutlined,
} from '@ant-design/icons';
import { DateField } from '../components/date-field';
import type { SessionSummary, SnapshotInfo, TrashEntry } from '../../core/contract';
import { chineseYearMonth } from '../../core/model/session';
import { useApp } from '../state/app-state';

function today(): string {
  const d = new Date();
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
}

export function SessionsScreen() {
  const app = useApp();
  const { message } = AntApp.useApp();
  const [list, setList] = useState<SessionSummary[] | null>(null);
  const [trash, setTrash] = useState<TrashEntry[]>([]);
  const [creating, setCreating] = useState(false);
  const [snapshots, setSnapshots] = useState<{ session: SessionSummary; list: SnapshotInfo[] } | null>(null);
  const [form] = Form.useForm();

  const load = useCallback(async () => {
    const [r, t] = await Promise.all([
      app.call('sessions.list', {}),
      app.call('sessions.trash.list', {}, { quiet: true }),
    ]);
    if (r.ok) setList(r.value);
    if (t.ok) setTrash(t.value);
  }, [app]);
  useEffect(() => {
    void load();
  }, [load]);

  const open = async (id: string) => {
    if (await app.openSession(id)) app.go('arrange');
  };

  /** The sample session in one click: opens the one made before, or makes it. */
  const SAMPLE_NAME = '示例会议（齐文化传承与创新）';
  const openSample = async () => {
    const existing = list?.find((x) => x.name === SAMPLE_NAME && !x.damaged);
    if (existing) return open(existing.id);
    const r = await app.call('sessions.create', { name: SAMPLE_NAME, template: 'sample' });
    if (!r.ok) return;
    app.setView(r.value);
    message.success('已打开示例会议：名单、材料和栏目都已备好，可以直接到“预览与生成”生成汇编。');
    app.go('arrange');
  };

  const create = async () => {
    let values;
    try {
      values = await form.validateFields();
    } catch {
      return; // the form shows what is missing at the field
    }
    const r = await app.call('sessions.create', {
      name: values.name.trim(),
      date: values.date,
      theme: values.theme?.trim() || undefined,
      template: values.template,
      fromSessionId: values.template === 'copy' ? values.fromSessionId : undefined,
    });
    if (!r.ok) return;
    setCreating(false);
    form.resetFields();
    app.setView(r.value);
    message.success('会议已创建。');
    app.go(values.template === 'sample' ? 'arrange' : 'info');
  };

  const showSnapshots = async (s: SessionSummary) => {
    const r = await app.call('snapshots.list', { sessionId: s.id });
    if (r.ok) setSnapshots({ session: s, list: r.value });
  };
  const restore = async (s: SessionSummary, snap: SnapshotInfo) => {
    const open = app.view?.session.id === s.id ? app.view : null;
    const r = await app.call('snapshots.restore', { sessionId: s.id, snapshotId: snap.id, revision: open?.revision });
    if (!r.ok) return;
    app.setView(null);
    app.setView(r.value);
    setSnapshots(null);
    message.success(
      `已恢复到 ${new Date(snap.createdAt).toLocaleString('zh-CN')} 的版本（恢复前的状态也已保存为快照）。`,
    );
    app.go('arrange');
  };
  const exportBundle = async (s: SessionSummary) => {
    const native = app.transport.native;
    let targetPath: string | undefined;
    if (native) {
      const p = await native.pickSavePath({ defaultName: `${s.name}.huibian`, extensions: ['huibian', 'zip'] });
      if (!p.ok || !p.value) return;
      targetPath = p.value;
    }
    const r = await app.call('bundle.export', { sessionId: s.id, targetPath });
    if (!r.ok) return;
    // A large bundle: say so at export time (copying and importing it take a while).
    if (r.value.notice) message.warning(r.value.notice.message, 8);
    if (!native) {
      const bytes = await app.transport.fetchOutput(r.value);
      if (!bytes.ok) return app.showError(bytes.error);
      const url = URL.createObjectURL(new Blob([bytes.value as BlobPart], { type: 'application/zip' }));
      const a = document.createElement('a');
      a.href = url;
      a.download = r.value.name;
      a.click();
      setTimeout(() => URL.revokeObjectURL(url), 30_000);
    }
    message.success('会议包已导出，可以拷给同事在另一台电脑上导入。');
  };
  const importBundle = async (file: File) => {
    const r = await app.call('bundle.import', { file: await app.transport.fileInput(file) });
    if (r.ok) {
      message.success(`已导入会议“${r.value.name}”。`);
      void load();
    }
    return false;
  };

  return (
    <div style={{ maxWidth: 980 }}>
      <Space style={{ marginBottom: 16 }}>
        <Typography.Title level={4} style={{ margin: 0 }}>
          会议
        </Typography.Title>
        <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)} data-testid="new-session">
          新建会议
        </Button>
        <Button icon={<ExperimentOutlined />} onClick={() => void openSample()} data-testid="open-sample">
          打开示例会议
        </Button>
        <Upload accept=".huibian,.zip" showUploadList={false} beforeUpload={(f) => importBundle(f)}>
          <Button icon={<ImportOutlined />}>导入会议包…</Button>
        </Upload>
      </Space>
      <Card size="small" title="最近打开">
        {list && list.length === 0 ? (
          <Empty
            description={
              <span>
                还没有会议。点击“新建会议”开始，或先打开示例会议熟悉一下流程（新建会议 → 导入名单 → 收集材料 → 编排 →
                生成）。
              </span>
            }
          >
            <Space>
              <Button type="primary" onClick={() => setCreating(true)}>
                新建会议
              </Button>
              <Button icon={<ExperimentOutlined />} onClick={() => void openSample()} data-testid="empty-open-sample">
                打开示例会议
              </Button>
            </Space>
          </Empty>
        ) : (
          <List
            loading={!list}
            dataSource={list ?? []}
            renderItem={(s) => (
              <List.Item
                data-testid="session-row"
                actions={[
                  <Button key="open" type="link" onClick={() => void open(s.id)}>
                    打开
                  </Button>,
                  <Button
                    key="dup"
                    type="link"
                    icon={<CopyOutlined />}
                    onClick={async () => {
                      const r = await app.call('sessions.duplicate', { sessionId: s.id, name: `${s.name}（副本）` });
                      if (r.ok) {
                        message.success('已复制。');
                        void load();
                      }
                    }}
                  >
                    复制
                  </Button>,
                  <Button key="snap" type="link" icon={<HistoryOutlined />} onClick={() => void showSnapshots(s)}>
                    历史版本
                  </Button>,
                  <Button key="bundle" type="link" icon={<ExportOutlined />} onClick={() => void exportBundle(s)}>
                    导出会议包
                  </Button>,
                  <Popconfirm
                    key="del"
                    title="移到回收站？"
                    description="可以在下方“回收站”中恢复。"
                    okText="移到回收站"
                    cancelText="取消"
                    onConfirm={async () => {
                      const r = await app.call('sessions.delete', { sessionId: s.id });
                      if (r.ok) {
                        if (app.view?.session.id === s.id) app.setView(null);
                        void load();
                      }
                    }}
                  >
                    <Button type="link" danger icon={<DeleteOutlined />}>
                      删除
                    </Button>
                  </Popconfirm>,
                ]}
              >
                <List.Item.Meta
                  title={
                    <a onClick={() => void open(s.id)}>
                      {s.name} {s.damaged && <Tag color="error">文件损坏，可从快照恢复</Tag>}{' '}
                      {s.readOnly && <Tag>只读</Tag>}
                      {app.view?.session.id === s.id && <Tag color="red">当前</Tag>}
                    </a>
                  }
                  description={`${s.theme ? `${s.theme} · ` : ''}${/^\d{4}-\d{2}-\d{2}$/.test(s.date) ? chineseYearMonth(s.date) : s.date} · ${s.submissionCount} 份材料 · ${s.memberCount} 位委员${s.openedAt ? ` · 上次打开 ${new Date(s.openedAt).toLocaleString('zh-CN')}` : ''}`}
                />
              </List.Item>
            )}
          />
        )}
      </Card>
      {trash.length > 0 && (
        <Card
          size="small"
          title="回收站"
          style={{ marginTop: 16 }}
          extra={
            <Popconfirm
              title="永久删除回收站中的全部会议？"
              description="此操作不能撤销。"
              okText="永久删除"
              okButtonProps={{ danger: true }}
              cancelText="取消"
              onConfirm={async () => {
                const r = await app.call('sessions.trash.empty', {});
                if (r.ok) void load();
              }}
            >
              <Button size="small" danger>
                清空回收站
              </Button>
            </Popconfirm>
          }
        >
          <List
            size="small"
            dataSource={trash}
            renderItem={(t) => (
              <List.Item
                actions={[
                  <Button
                    key="r"
                    type="link"
                    icon={<RollbackOutlined />}
                    onClick={async () => {
                      const r = await app.call('sessions.trash.restore', { trashId: t.trashId });
                      if (r.ok) void load();
                    }}
                  >
                    恢复
                  </Button>,
                ]}
              >
                {t.name}{' '}
                <Typography.Text type="secondary">
                  （删除于 {new Date(t.deletedAt).toLocaleString('zh-CN')}）
                </Typography.Text>
              </List.Item>
            )}
          />
        </Card>
      )}
      <Modal
        title={`历史版本：${snapshots?.session.name ?? ''}`}
        open={!!snapshots}
        footer={null}
        onCancel={() => setSnapshots(null)}
        width={640}
      >
        <Typography.Paragraph type="secondary">
          汇编会自动保留最近 20
          次保存以及一周内每天一份。恢复某个版本时，当前内容也会先保存为一个版本，随时可以再恢复回来。
        </Typography.Paragraph>
        <List
          size="small"
          dataSource={snapshots?.list ?? []}
          locale={{ emptyText: '还没有历史版本。' }}
          renderItem={(snap) => (
            <List.Item
              actions={[
                <Popconfirm
                  key="r"
                  title="恢复到这个版本？"
                  okText="恢复"
                  cancelText="取消"
                  onConfirm={() => snapshots && restore(snapshots.session, snap)}
                >
                  <Button type="link">恢复</Button>
                </Popconfirm>,
              ]}
            >
              {new Date(snap.createdAt).toLocaleString('zh-CN')} · {snap.submissionCount} 份材料 ·{' '}
              {
                {
                  auto: '自动',
                  daily: '每日',
                  'before-migration': '升级前',
                  'before-restore': '恢复前',
                  'before-import': '导入前',
                  manual: '手动',
                  edits: '自动（每 20 次修改）',
                  'before-change': '删除或排序前',
                }[snap.reason]
              }
            </List.Item>
          )}
        />
      </Modal>
      <Modal
        title="新建会议"
        open={creating}
        onOk={() => void create()}
        onCancel={() => setCreating(false)}
        okText="创建"
        cancelText="取消"
        destroyOnHidden
      >
        <Form form={form} layout="vertical" initialValues={{ template: 'blank', date: today() }} preserve={false}>
          <Form.Item name="template" label="创建方式">
            <Radio.Group>
              <Radio.Button value="blank">空白会议</Radio.Button>
              <Radio.Button value="sample" data-testid="template-sample">
                示例会议
              </Radio.Button>
              <Radio.Button value="copy" disabled={!list?.length}>
                沿用已有会议的设置
              </Radio.Button>
            </Radio.Group>
          </Form.Item>
          <Form.Item noStyle shouldUpdate={(a, b) => a.template !== b.template}>
            {({ getFieldValue }) =>
              getFieldValue('template') === 'copy' ? (
                <Form.Item
                  name="fromSessionId"
                  label="沿用哪个会议的设置和栏目"
                  rules={[{ required: true, message: '请选择一个会议' }]}
                >
                  <Select options={(list ?? []).map((s) => ({ value: s.id, label: s.name }))} />
                </Form.Item>
              ) : null
            }
          </Form.Item>
          <Form.Item
            name="name"
            label="会议名称"
            rules={[{ required: true, whitespace: true, message: '请填写会议名称' }]}
          >
            <Input placeholder="政协××市第十三届委员会常务委员会第九次会议" data-testid="session-name" autoFocus />
          </Form.Item>
          <Form.Item name="theme" label="会议主题（可不填）">
            <Input placeholder="例如：齐文化传承与创新" />
          </Form.Item>
          <Form.Item
            name="date"
            label="会议日期"
            rules={[{ required: true, pattern: /^\d{4}-\d{2}-\d{2}$/, message: '请选择会议日期' }]}
          >
            <DateField />
          </Form.Item>
        </Form>
      </Modal>
    </div>
  );
}
