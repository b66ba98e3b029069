// 材料收集: drop or pick files (or a folder), see the per-file import report, and watch the
// expected-vs-received board (one slot per member: received / missing / needs review) with a
// copyable list of who is still missing. One bad file never hides the others' results. The last
// import report stays (kept by the service); every item is listed for bulk actions below.
import { useMemo, useRef, useState } from 'react';
import {
  Alert,
  App as AntApp,
  Button,
  Card,
  Col,
  Empty,
  Input,
  Row,
  Space,
  Statistic,
  Tag,
  Tooltip,
  Typography,
  Upload,
} from 'antd';
import { CopyOutlined, FolderOpenOutlined, InboxOutlined } from '@ant-design/icons';
import type { FileInput } from '../../core/contract';
import type { Member, Submission } from '../../core/model/session';
import { useApp } from '../state/app-state';
import { ImportReport } from '../components/import-report';
import { ItemTable } from '../components/item-table';
import { memberLabels, membersInSessionOrder } from '../state/member-order';

export type SlotState = 'received' | 'missing' | 'review';

/** One slot per expected (standing) member, from the session's submissions. */
export function memberSlots(
  members: Member[],
  submissions: Submission[],
): { member: Member; state: SlotState; items: Submission[] }[] {
  const byMember = new Map<string, Submission[]>();
  for (const s of submissions) for (const id of s.memberIds) byMember.set(id, [...(byMember.get(id) ?? []), s]);
  return members
    .filter((m) => m.standing)
    .map((member) => {
      const items = byMember.get(member.id) ?? [];
      const state: SlotState =
        items.length === 0 ? 'missing' : items.some((s) => s.status === 'review') ? 'review' : 'received';
      return { member, state, items };
    });
}

const STATE_NAMES: Record<SlotState, string> = { received: '已收到', missing: '未收到', review: '待核对' };

export function IntakeScreen() {
  const app = useApp();
  const { message } = AntApp.useApp();
  const view = app.view!;
  const s = view.session;
  const [filter, setFilter] = useState<SlotState | 'all'>('all');
  const [pending, setPending] = useState(0);

  // The session's order (stroke order by default), never the roster file's row order.
  const memberOrder = view.memberOrder;
  const slots = useMemo(
    () => memberSlots(membersInSessionOrder({ session: s, memberOrder }), s.submissions),
    [s, memberOrder],
  );
  const labels = useMemo(() => memberLabels(s.members), [s.members]);
  const counts = {
    received: slots.filter((x) => x.state === 'received').length,
    review: slots.filter((x) => x.state === 'review').length,
    missing: slots.filter((x) => x.state === 'missing').length,
  };
  const missingText = slots
    .filter((x) => x.state === 'missing')
    .map((x) => labels.get(x.member.id) ?? x.member.name)
    .join('、');
  const unmatched = s.submissions.filter((x) => x.memberIds.length === 0);

  const importBatch = async (files: File[]) => {
    setPending((p) => p + files.length);
    try {
      const inputs: FileInput[] = await Promise.all(files.map((f) => app.transport.fileInput(f)));
      await app.importFiles(inputs);
    } finally {
      setPending((p) => p - files.length);
    }
  };

  const pickFolder = async () => {
    const native = app.transport.native;
    if (!native) return;
    const r = await native.pickFiles({ folder: true });
    if (!r.ok || !r.value.length) return;
    const files = await native.expandPaths(r.value);
    if (files.ok && files.value.length) await app.importFiles(files.value.map((path) => ({ path })));
    else app.showError({ code: 'import.nothing', message: '这个文件夹里没有可导入的文件（Word、WPS、PDF、文本）。' });
  };

  const copyMissing = async () => {
    const text = `截至 ${new Date().toLocaleString('zh-CN')}，尚未提交材料的委员（${counts.missing} 人）：${missingText}`;
    try {
      await navigator.clipboard.writeText(text);
      message.success('未交名单已复制，可以直接粘贴到微信或短信中。');
    } catch {
      message.info('请选中文本框中的名单后按 Ctrl+C 复制。');
    }
  };

  return (
    <div>
      <Typography.Title level={4} style={{ marginTop: 0 }}>
        材料收集
      </Typography.Title>
      <Row gutter={16}>
        <Col span={10}>
          <div data-dropzone>
            <Upload.Dragger
              multiple
              showUploadList={false}
              accept=".docx,.doc,.wps,.txt,.md,.pdf,.rtf,.odt"
              beforeUpload={(file, list) => {
                if (file === list[list.length - 1]) void importBatch(list as unknown as File[]);
                return false;
              }}
              disabled={!!view.readOnly}
              data-testid="dropzone"
            >
              <p className="ant-upload-drag-icon">
                <InboxOutlined />
              </p>
              <p className="ant-upload-text">把委员的发言材料拖到这里，或点击选择文件</p>
              <p className="ant-upload-hint">
                支持 Word（.docx .doc）、WPS、PDF、文本文件；可一次选择多个。
                {pending > 0 && !app.importing ? `正在准备 ${pending} 个文件…` : ''}
              </p>
            </Upload.Dragger>
          </div>
          {app.transport.native ? (
            <Button style={{ marginTop: 8 }} icon={<FolderOpenOutlined />} onClick={() => void pickFolder()}>
              导入整个文件夹…
            </Button>
          ) : (
            <FolderPicker
              disabled={!!view.readOnly}
              onFiles={(files) => void importBatch(files)}
              onEmpty={() =>
                app.showError({
                  code: 'import.nothing',
                  message: '这个文件夹里没有可导入的文件（Word、WPS、PDF、文本）。',
                })
              }
            />
          )}
        </Col>
        <Col span={14}>
          <Card
            size="small"
            title="应交与已交"
            data-testid="board"
            extra={
              <Space>
                {(['all', 'received', 'review', 'missing'] as const).map((f) => (
                  <Tag.CheckableTag key={f} checked={filter === f} onChange={() => setFilter(f)}>
                    {f === 'all' ? '全部' : STATE_NAMES[f]}
                  </Tag.CheckableTag>
                ))}
              </Space>
            }
          >
            {slots.length === 0 ? (
              <Empty description="还没有委员名单。先在“委员名单”中导入，才能看出谁已交、谁未交。">
                <Button onClick={() => app.go('roster')}>去导入名单</Button>
              </Empty>
            ) : (
              <>
                <Row gutter={8} style={{ marginBottom: 12 }}>
                  <Col span={6}>
                    <Statistic title="应交" value={slots.length} />
                  </Col>
                  <Col span={6}>
                    <Statistic
                      title="已收到"
                      value={counts.received}
                      styles={{ content: { color: '#389e0d' } }}
                      data-testid="count-received"
                    />
                  </Col>
                  <Col span={6}>
                    <Statistic title="待核对" value={counts.review} styles={{ content: { color: '#d48806' } }} />
                  </Col>
                  <Col span={6}>
                    <Statistic title="未收到" value={counts.missing} data-testid="count-missing" />
                  </Col>
                </Row>
                <div className="hb-board">
                  {slots
                    .filter((x) => filter === 'all' || x.state === filter)
                    .map((x) => (
                      <Tooltip
                        key={x.member.id}
                        title={
                          x.items.length
                            ? x.items.map((i) => i.title).join('；')
                            : `${x.member.sector} ${x.member.title}`
                        }
                      >
                        <div
                          className="hb-slot"
                          data-state={x.state}
                          data-testid="slot"
                          tabIndex={0}
                          role="button"
                          onClick={() => x.items[0] && app.go('item', x.items[0].id)}
                          onKeyDown={(e) => e.key === 'Enter' && x.items[0] && app.go('item', x.items[0].id)}
                        >
                          <div>
                            <b data-testid="slot-name">{labels.get(x.member.id) ?? x.member.name}</b>{' '}
                            <span style={{ float: 'right', fontSize: 12 }}>
                              {x.items.some((i) => i.receivedVia === 'portal') && (
                                <Tag
                                  color="blue"
                                  style={{ marginInlineEnd: 4, fontSize: 11, lineHeight: '16px' }}
                                  data-testid="via-portal"
                                >
                                  网上报送
                                </Tag>
                              )}
                              {STATE_NAMES[x.state]}
                            </span>
                          </div>
                          <div
                            style={{
                              fontSize: 12,
                              color: '#888',
                              overflow: 'hidden',
                              whiteSpace: 'nowrap',
                              textOverflow: 'ellipsis',
                            }}
                          >
                            {x.items[0]?.title ?? x.member.sector}
                          </div>
                        </div>
                      </Tooltip>
                    ))}
                </div>
                {counts.missing > 0 && (
                  <div style={{ marginTop: 12 }}>
                    <Space style={{ marginBottom: 4 }}>
                      <Typography.Text strong>尚未提交（{counts.missing} 人）</Typography.Text>
                      <Button
                        size="small"
                        icon={<CopyOutlined />}
                        onClick={() => void copyMissing()}
                        data-testid="copy-missing"
                      >
                        复制名单
                      </Button>
                    </Space>
                    <Input.TextArea
                      readOnly
                      value={missingText}
                      autoSize={{ minRows: 1, maxRows: 4 }}
                      data-testid="missing-list"
                    />
                  </div>
                )}
              </>
            )}
          </Card>
          {unmatched.length > 0 && (
            <Alert
              style={{ marginTop: 12 }}
              type="info"
              showIcon
              title={`${unmatched.length} 份材料没有对应到名单中的委员`}
              description={
                <span>
                  {unmatched.slice(0, 8).map((u) => (
                    <a key={u.id} onClick={() => app.go('item', u.id)} style={{ marginRight: 8 }}>
                      {u.title}
                    </a>
                  ))}
                  {unmatched.length > 8 ? '…' : ''}（可在“材料详情”中指定作者）
                </span>
              }
            />
          )}
        </Col>
      </Row>
      <ImportReport />
      <ItemTable />
    </div>
  );
}

const DOC_EXT = /\.(docx|doc|wps|txt|md|pdf|rtf|odt)$/i;

/** Browser build: a whole folder through webkitdirectory; documents only, no Word lock files. */
function FolderPicker({
  onFiles,
  onEmpty,
  disabled,
}: {
  onFiles(files: File[]): void;
  onEmpty(): void;
  disabled?: boolean;
}) {
  const pick = (list: FileList | null) => {
    const files = [...(list ?? [])]
      .filter((f) => DOC_EXT.test(f.name) && !f.name.startsWith('~$') && !f.name.startsWith('.'))
      .sort((a, b) => (a.webkitRelativePath || a.name).localeCompare(b.webkitRelativePath || b.name, 'zh-CN'));
    if (files.length) onFiles(files);
    else onEmpty();
  };
  const input = useRef<HTMLInputElement>(null);
  return (
    <>
      <Button
        style={{ marginTop: 8 }}
        icon={<FolderOpenOutlined />}
        disabled={disabled}
        onClick={() => input.current?.click()}
        data-testid="folder-pick"
      >
        导入整个文件夹…
      </Button>
      <input
        ref={input}
        type="file"
        style={{ display: 'none' }}
        // webkitdirectory is not in React's types; every browser we support has it.
        {...({ webkitdirectory: '', directory: '' } as Record<string, string>)}
        multiple
        onChange={(e) => {
          pick(e.target.files);
          e.target.value = '';
        }}
        data-testid="folder-input"
      />
    </>
  );
}
