// 网上报送 (the clerk's side): turn the members' portal on with a deadline, the kinds members may
// submit and the office-network address; hand out the personal links (copy a notice for WeChat /
// SMS, print the QR sheet), withdraw and reissue one link, and watch uploads arrive (the log).
// Everything goes through the contract (portal.*); it never talks to the portal listener itself.
import { useCallback, useEffect, useState } from 'react';
import {
  Alert,
  App as AntApp,
  Button,
  Card,
  Checkbox,
  DatePicker,
  Descriptions,
  Form,
  InputNumber,
  Popconfirm,
  Select,
  Space,
  Switch,
  Table,
  Tag,
  Typography,
} from 'antd';
import { CopyOutlined, PrinterOutlined, ReloadOutlined } from '@ant-design/icons';
import dayjs, { type Dayjs } from 'dayjs';
import type { Out } from '../../core/contract';
import { SUBMISSION_KIND_NAMES } from '../../core/model/session';
import { PORTAL_KINDS } from '../../core/model/portal';
import { useApp } from '../state/app-state';
import { saveBlob } from '../components/save-blob';

type State = Out<'portal.state'>;
type Links = Out<'portal.links'>;
type Log = Out<'portal.log'>;
const ACTION: Record<Log[number]['action'], string> = { upload: '上传', replace: '更换文件', amend: '修改标题/署名' };

export function PortalScreen() {
  const app = useApp();
  const { message } = AntApp.useApp();
  const view = app.view!;
  const sessionId = view.session.id;
  const [state, setState] = useState<State | null>(null);
  const [links, setLinks] = useState<Links>([]);
  const [log, setLog] = useState<Log>([]);
  const [busy, setBusy] = useState(false);
  const [deadline, setDeadline] = useState<Dayjs | null>(null);
  const [kinds, setKinds] = useState<string[]>(['speech', 'written', 'report']);
  const [host, setHost] = useState('0.0.0.0');
  const [port, setPort] = useState<number | null>(8790);

  const load = useCallback(async () => {
    const [s, l, g] = await Promise.all([
      app.call('portal.state', { sessionId }, { quiet: true }),
      app.call('portal.links', { sessionId }, { quiet: true }),
      app.call('portal.log', { sessionId }, { quiet: true }),
    ]);
    if (s.ok) setState(s.value);
    if (l.ok) setLinks(l.value);
    if (g.ok) setLog(g.value);
  }, [app, sessionId]);

  // First load fills the form; later loads (every saved change: uploads arrive live) refresh lists.
  useEffect(() => {
    void load();
  }, [load, view.revision]);
  useEffect(() => {
    const p = view.session.portal;
    setDeadline(p?.deadline ? dayjs(p.deadline) : dayjs(view.session.date).subtract(1, 'day').hour(18).minute(0));
    if (p) {
      setKinds(p.kinds);
      setHost(p.host);
      setPort(p.port);
    }
    // Only when another session is opened: the clerk's unsaved choices stay while uploads arrive.
  }, [sessionId]);

  const toggle = async (on: boolean) => {
    setBusy(true);
    try {
      if (on) {
        if (!deadline) return void message.error('请先选择截止时间');
        if (!kinds.length) return void message.error('请至少选择一种材料类别');
        const r = await app.call('portal.open', {
          sessionId,
          deadline: deadline.toISOString(),
          kinds: kinds as (typeof PORTAL_KINDS)[number][],
          host,
          port: port ?? 8790,
        });
        if (r.ok) message.success(`网上报送已开启：${r.value.baseUrl ?? ''}`);
      } else {
        const r = await app.call('portal.close', { sessionId });
        if (r.ok) message.success('网上报送已关闭');
      }
      await load();
    } finally {
      setBusy(false);
    }
  };

  const copy = async (text: string, what: string) => {
    try {
      await navigator.clipboard.writeText(text);
      message.success(`已复制${what}`);
    } catch {
      message.error('无法写入剪贴板，请手动选中复制');
    }
  };

  const printSheet = async () => {
    const r = await app.call('portal.qrSheet', { sessionId });
    if (!r.ok) return;
    const bytes = await app.transport.fetchOutput(r.value);
    if (bytes.ok) saveBlob(bytes.value, r.value.name, 'application/pdf');
  };

  const setOrganisations = async (names: string[]) => {
    const r = await app.call('portal.organisations', { sessionId, names });
    if (r.ok) setLinks(r.value);
  };
  const orgNames = links.filter((l) => l.kind === 'org').map((l) => l.name);

  const revoke = async (memberId: string) => {
    const r = await app.call('portal.revoke', { sessionId, memberId, reissue: true });
    if (r.ok) {
      setLinks(r.value);
      message.success('原链接已收回，新链接已生成，请把新链接发给这位委员');
    }
  };

  const enabled = !!state?.enabled;
  const addressOptions = [
    { value: '0.0.0.0', label: '本机所有网络地址' },
    ...(state?.addresses ?? []).map((a) => ({ value: a, label: a })),
    { value: '127.0.0.1', label: '仅本机（测试用）' },
  ];

  return (
    <div style={{ maxWidth: 1100 }} data-testid="portal-screen">
      <Typography.Title level={4} style={{ marginTop: 0 }}>
        网上报送
      </Typography.Title>
      <Typography.Paragraph type="secondary">
        开启后，每位委员用自己的专用链接（或扫二维码）在手机或电脑上提交材料，收到的材料直接出现在“材料收集”中，标为“网上报送”。只在单位内网中可用，不经过任何外部服务器。
      </Typography.Paragraph>
      <Card size="small" title="设置" style={{ marginBottom: 12 }}>
        <Form layout="vertical" disabled={busy}>
          <Space wrap size={24} align="start">
            <Form.Item label="截止时间" required>
              <DatePicker
                showTime={{ format: 'HH:mm' }}
                format="YYYY年M月D日 HH:mm"
                value={deadline}
                onChange={setDeadline}
                data-testid="portal-deadline"
              />
            </Form.Item>
            <Form.Item label="委员可提交的类别" required>
              <Checkbox.Group
                value={kinds}
                onChange={(v) => setKinds(v as string[])}
                options={PORTAL_KINDS.map((k) => ({ value: k, label: SUBMISSION_KIND_NAMES[k] }))}
              />
            </Form.Item>
            <Form.Item label="监听地址" tooltip="委员的手机或电脑要连在同一个单位网络上">
              <Select style={{ width: 200 }} value={host} onChange={setHost} options={addressOptions} />
            </Form.Item>
            <Form.Item label="端口">
              <InputNumber min={1} max={65535} value={port} onChange={(v) => setPort(v)} />
            </Form.Item>
          </Space>
          <Space>
            <Switch checked={enabled} loading={busy} onChange={(on) => void toggle(on)} data-testid="portal-switch" />
            <span>{enabled ? '已开启' : '未开启'}</span>
            {enabled && (
              <Button size="small" onClick={() => void toggle(true)}>
                应用新设置
              </Button>
            )}
          </Space>
        </Form>
        {state && (
          <Descriptions size="small" column={2} style={{ marginTop: 12 }}>
            <Descriptions.Item label="状态">
              {state.running ? <Tag color="success">正在接收</Tag> : <Tag>未在接收</Tag>}
            </Descriptions.Item>
            <Descriptions.Item label="地址">{state.baseUrl ?? '—'}</Descriptions.Item>
          </Descriptions>
        )}
        {state?.problem && <Alert type="warning" showIcon title={state.problem} style={{ marginTop: 8 }} />}
      </Card>
      <Card
        size="small"
        title={`个人与单位链接（${links.length} 个）`}
        style={{ marginBottom: 12 }}
        extra={
          <Space>
            <Button icon={<PrinterOutlined />} onClick={() => void printSheet()} data-testid="portal-qr">
              打印二维码表
            </Button>
            <Button
              icon={<CopyOutlined />}
              onClick={() => void copy(links.map((l) => l.notice).join('\n\n'), '全部通知')}
            >
              复制全部通知
            </Button>
          </Space>
        }
      >
        <Space style={{ marginBottom: 8 }} wrap>
          <span>报送单位（以单位名义提交的，如民主党派市委会、专委会）：</span>
          <Select
            mode="tags"
            style={{ minWidth: 360 }}
            placeholder="输入单位名称后回车"
            value={orgNames}
            onChange={(v: string[]) => void setOrganisations(v.map((x) => x.trim()).filter(Boolean))}
            data-testid="portal-orgs"
          />
        </Space>
        <Table
          size="small"
          rowKey="memberId"
          dataSource={links}
          pagination={{ pageSize: 20, hideOnSinglePage: true }}
          columns={[
            {
              title: '姓名 / 单位',
              dataIndex: 'name',
              width: 140,
              render: (n: string, l: Links[number]) =>
                l.kind === 'org' ? (
                  <span>
                    {n} <Tag>单位</Tag>
                  </span>
                ) : (
                  n
                ),
            },
            { title: '界别', dataIndex: 'sector', width: 140, ellipsis: true },
            { title: '已交', dataIndex: 'received', width: 60, align: 'right' },
            {
              title: '链接',
              dataIndex: 'url',
              ellipsis: true,
              render: (u: string) => (
                <Typography.Text code style={{ fontSize: 12 }}>
                  {u}
                </Typography.Text>
              ),
            },
            {
              title: '操作',
              width: 230,
              render: (_: unknown, l: Links[number]) => (
                <Space size={4}>
                  <Button size="small" onClick={() => void copy(l.notice, `${l.name}的通知`)} data-testid="copy-notice">
                    复制通知
                  </Button>
                  <Popconfirm
                    title={`收回${l.name}的旧链接并生成新链接？`}
                    description="旧链接立即失效。"
                    okText="收回并重发"
                    cancelText="取消"
                    onConfirm={() => void revoke(l.memberId)}
                  >
                    <Button size="small">收回并重发</Button>
                  </Popconfirm>
                </Space>
              ),
            },
          ]}
        />
      </Card>
      <Card
        size="small"
        title="提交记录"
        extra={
          <Button size="small" icon={<ReloadOutlined />} onClick={() => void load()}>
            刷新
          </Button>
        }
      >
        <Table
          size="small"
          rowKey={(e) => `${e.at}-${e.memberId}-${e.action}`}
          dataSource={log}
          pagination={{ pageSize: 20, hideOnSinglePage: true }}
          locale={{ emptyText: '还没有委员提交' }}
          columns={[
            { title: '时间', dataIndex: 'at', width: 170, render: (t: string) => new Date(t).toLocaleString('zh-CN') },
            { title: '提交人', dataIndex: 'name', width: 120 },
            { title: '操作', dataIndex: 'action', width: 110, render: (a: Log[number]['action']) => ACTION[a] },
            { title: '文件', dataIndex: 'file', ellipsis: true },
            { title: '回执编号', dataIndex: 'receipt', width: 110 },
            {
              title: '',
              width: 80,
              render: (_: unknown, e: Log[number]) =>
                e.submissionId ? <a onClick={() => app.go('item', e.submissionId)}>查看</a> : null,
            },
          ]}
        />
      </Card>
    </div>
  );
}
