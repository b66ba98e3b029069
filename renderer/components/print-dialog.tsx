// 印刷与分发: the export dialog for everything the print room and the mail room need (issue 7) —
// printed edition, saddle-stitch booklet, numbered copies with their return register, handouts,
// screen and phone editions, the print sheet. It only calls 'export.print' / 'export.items' /
// 'export.cancel'; it must never build a product itself, nor change the session except the
// binding (单面/双面), which is a session setting the clerk changes knowingly here.
import { useEffect, useMemo, useRef, useState } from 'react';
import { Button, Checkbox, Col, Input, InputNumber, Modal, Radio, Row, Select, Space, Typography } from 'antd';
import { PrinterOutlined, StopOutlined } from '@ant-design/icons';
import type { ExportPrintOutput, In, Out } from '../../core/contract';
import type { AppError } from '../../core/result';
import { useApp } from '../state/app-state';
import { saveBlob } from './save-blob';
import { PrintOutcome } from './print-outcome';
import { Field, HandoutFields, handoutOptions, ProductChoice } from './print-fields';
import { parseNames, printExplain, PRODUCTS, sessionFileName, type ProductKind } from './print-products';
import { memberLabels, membersInSessionOrder } from '../state/member-order';

type Item = Out<'export.items'>[number];

export function PrintDialog({ open, onClose }: { open: boolean; onClose(): void }) {
  const app = useApp();
  const s = app.view!.session;
  const memberOrder = app.view!.memberOrder;
  const [kind, setKind] = useState<ProductKind>('print');
  // Options, one state per control; only those of the chosen product are sent.
  const [binding, setBinding] = useState<'single' | 'duplex'>(s.layout.binding ?? 'single');
  const [sheet, setSheet] = useState<'A3' | 'A4'>('A3');
  const [creep, setCreep] = useState(0.2);
  const [copies, setCopies] = useState(s.members.length || 10);
  const [startNumber, setStartNumber] = useState(1);
  const [digits, setDigits] = useState(6);
  const [recSource, setRecSource] = useState<'none' | 'roster' | 'pasted'>(s.members.length ? 'roster' : 'none');
  const [pasted, setPasted] = useState('');
  const [recipientMark, setRecipientMark] = useState<'none' | 'footer' | 'watermark'>('footer');
  const [withRegister, setWithRegister] = useState(true);
  const [selKind, setSelKind] = useState<'item' | 'section' | 'member'>('item');
  const [selValue, setSelValue] = useState<string | undefined>();
  const [renumber, setRenumber] = useState(false);
  const [batch, setBatch] = useState(false);
  const [twoUp, setTwoUp] = useState(false);
  const [watermark, setWatermark] = useState('');
  const [items, setItems] = useState<Item[]>([]);
  // The run.
  const [running, setRunning] = useState<string | null>(null);
  const [step, setStep] = useState('');
  const [result, setResult] = useState<ExportPrintOutput | null>(null);
  const [error, setError] = useState<AppError | null>(null);
  const runId = useRef<string | null>(null);

  useEffect(() => {
    if (!open) return;
    void app.transport.call('export.items', { sessionId: s.id }).then((r) => r.ok && setItems(r.value));
  }, [open, app.transport, s.id]);

  /** The run was cancelled: the dialog is free at once; the run's late answer is ignored. */
  const stopped = () => {
    runId.current = null;
    setRunning(null);
    setStep('已取消');
  };

  useEffect(
    () =>
      app.transport.on('export.progress', (p) => {
        if (p.exportId !== runId.current) return;
        if (p.state === 'running') setStep(p.message);
        if (p.state === 'cancelled') stopped();
      }),
    [app.transport],
  );

  const names = useMemo(() => parseNames(pasted), [pasted]);
  const rosterNames = useMemo(() => {
    const labels = memberLabels(s.members);
    return membersInSessionOrder({ session: s, memberOrder }).map((m) => labels.get(m.id) ?? m.name);
  }, [s, memberOrder]);
  const recipientCount = recSource === 'roster' ? s.members.length : recSource === 'pasted' ? names.length : 0;
  const product = PRODUCTS.find((p) => p.kind === kind)!;
  // One copy per recipient unless the clerk asks for more (extra copies carry no name).
  useEffect(() => {
    if (recipientCount > 0) setCopies(recipientCount);
  }, [recipientCount]);

  const selectionOptions = useMemo(
    () => handoutOptions(selKind, items, s.sections, s.members),
    [selKind, items, s.sections, s.members],
  );

  const copiesInput = (label: string) => (
    <InputNumber
      min={1}
      max={5000}
      value={copies}
      onChange={(v) => setCopies(v ?? 1)}
      aria-label={label}
      data-testid="print-copies"
    />
  );

  /** Why the button is disabled, in words a clerk understands (null = ready). */
  const blocker = (() => {
    if (s.sections.every((x) => x.items.length === 0)) return '还没有编入任何材料，请先在“编排”中把材料放入栏目。';
    if ((kind === 'copies' || kind === 'register') && recSource === 'pasted' && names.length === 0)
      return '请粘贴领取人名单（每行一个姓名），或改为“按委员名单”。';
    if (kind === 'register' && recSource === 'none') return '清退登记表需要领取人：请选择“按委员名单”或粘贴名单。';
    if (kind === 'handouts' && !batch && !selValue) return '请选择要做成分发材料的材料、栏目或委员。';
    return null;
  })();

  const request = (): In<'export.print'> => {
    const exportId = `ui-${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 6)}`;
    // 按委员名单: in the session's order (stroke order), namesakes with their 界别 — not roster row order.
    const recipients = recSource === 'roster' ? rosterNames : recSource === 'pasted' ? names : undefined;
    const marks = watermark ? { watermark } : undefined;
    switch (kind) {
      case 'print':
        return { sessionId: s.id, exportId, as: 'print', ...(marks ? { marks } : {}) };
      case 'booklet':
        return { sessionId: s.id, exportId, as: 'booklet', sheet, creepMm: creep, ...(marks ? { marks } : {}) };
      case 'copies':
        return {
          sessionId: s.id,
          exportId,
          as: 'copies',
          copies: recSource === 'none' ? copies : Math.max(copies, 1),
          startNumber,
          digits,
          ...(recipients ? { recipients, recipientMark } : {}),
          withRegister,
          ...(marks ? { marks } : {}),
        };
      case 'register':
        return {
          sessionId: s.id,
          exportId,
          as: 'register',
          startNumber,
          digits,
          ...(recipients ? { recipients } : {}),
        };
      case 'handouts': {
        const selection =
          batch && !selValue
            ? undefined
            : selKind === 'item'
              ? { items: [selValue!] }
              : selKind === 'section'
                ? { sectionId: selValue }
                : { memberId: selValue };
        return {
          sessionId: s.id,
          exportId,
          as: 'handouts',
          renumber,
          batch,
          ...(batch ? { zip: true } : {}),
          twoUp,
          ...(selection ? { selection } : {}),
        };
      }
      case 'printsheet':
        return { sessionId: s.id, exportId, as: 'printsheet', copies };
      default:
        return { sessionId: s.id, exportId, as: kind };
    }
  };

  const produce = async () => {
    setError(null);
    setResult(null);
    if (kind === 'print' && binding !== (s.layout.binding ?? 'single')) {
      const e = await app.edit('settings.update', { layout: { binding } });
      if (!e.ok) return;
    }
    const req = request();
    runId.current = req.exportId!;
    setRunning(req.exportId!);
    setStep('正在准备…');
    const started = performance.now();
    const r = await app.transport.call('export.print', req);
    if (runId.current !== req.exportId) return; // cancelled meanwhile: already shown as such
    runId.current = null;
    setRunning(null);
    if (r.ok) {
      setResult(r.value);
      (window as unknown as { __hbPrintMs?: number }).__hbPrintMs = performance.now() - started;
    } else if (r.error.code !== 'export.cancelled') setError(r.error);
    else setStep('已取消');
  };

  const cancel = async () => {
    if (!running) return;
    const r = await app.transport.call('export.cancel', { exportId: running });
    // The 'cancelled' event may be lost (a proxy, a sleeping laptop): the answer says it too.
    if (r.ok && r.value.cancelled > 0 && runId.current === running) stopped();
  };

  const download = async (f: ExportPrintOutput['files'][number]) => {
    const native = app.transport.native;
    if (native && f.path) return void native.openFolder(f.path);
    const bytes = await app.transport.fetchOutput(f);
    if (!bytes.ok) return app.showError(bytes.error);
    saveBlob(
      bytes.value,
      sessionFileName(s.name, f.name),
      f.name.endsWith('.zip') ? 'application/zip' : 'application/pdf',
    );
  };

  return (
    <Modal
      open={open}
      onCancel={() => !running && onClose()}
      title={
        <Space>
          <PrinterOutlined />
          印刷与分发
        </Space>
      }
      width={920}
      footer={
        <Space>
          <Button onClick={onClose} disabled={!!running}>
            关闭
          </Button>
          {running ? (
            <Button danger icon={<StopOutlined />} onClick={() => void cancel()} data-testid="print-cancel">
              取消
            </Button>
          ) : (
            <Button
              type="primary"
              icon={<PrinterOutlined />}
              disabled={!!blocker}
              onClick={() => void produce()}
              data-testid="print-produce"
            >
              生成{product.label}
            </Button>
          )}
        </Space>
      }
      destroyOnHidden={false}
      data-testid="print-dialog"
    >
      <Row gutter={16} wrap={false}>
        <Col flex="280px">
          <ProductChoice
            kind={kind}
            disabled={!!running}
            onChange={(k) => {
              setKind(k);
              setResult(null);
              setError(null);
            }}
          />
        </Col>
        <Col flex="auto">
          <Typography.Paragraph style={{ marginTop: 0 }} data-testid="print-explain">
            {product.explain}
          </Typography.Paragraph>
          <Space direction="vertical" style={{ width: '100%' }} size={10}>
            {kind === 'print' && (
              <Field label="印刷方式">
                <Radio.Group value={binding} onChange={(e) => setBinding(e.target.value)} data-testid="print-binding">
                  <Radio.Button value="duplex">双面印刷</Radio.Button>
                  <Radio.Button value="single">单面印刷</Radio.Button>
                </Radio.Group>
                <div
                  style={{ fontSize: 12, color: '#666', marginLeft: 96, marginTop: 4 }}
                  data-testid="print-binding-explain"
                >
                  {printExplain(binding, s.layout.itemStart ?? 'newPage')}
                  {binding !== (s.layout.binding ?? 'single') && '（将同时修改会议信息中的印刷方式）'}
                  {binding === 'duplex' && (s.layout.itemStart ?? 'newPage') === 'newPage' && (
                    <Button
                      type="link"
                      size="small"
                      style={{ padding: '0 4px', height: 'auto', fontSize: 12 }}
                      data-testid="print-odd-start"
                      onClick={() => void app.edit('settings.update', { layout: { itemStart: 'oddPage' } })}
                    >
                      改为每篇从右页开始
                    </Button>
                  )}
                </div>
              </Field>
            )}
            {kind === 'booklet' && (
              <>
                <Field label="纸张">
                  <Radio.Group value={sheet} onChange={(e) => setSheet(e.target.value)} data-testid="print-sheet">
                    <Radio.Button value="A3">A3 对折（A4 成品）</Radio.Button>
                    <Radio.Button value="A4">A4 对折（A5 成品）</Radio.Button>
                  </Radio.Group>
                </Field>
                <Field
                  label="爬移补偿"
                  help="厚册子对折后内页会向外“爬出”，每张纸向订口方向补偿的毫米数；不足 20 张纸可设为 0。"
                >
                  <InputNumber
                    min={0}
                    max={5}
                    step={0.1}
                    value={creep}
                    onChange={(v) => setCreep(v ?? 0)}
                    addonAfter="毫米"
                    aria-label="爬移补偿（毫米）"
                    data-testid="print-creep"
                  />
                </Field>
              </>
            )}
            {(kind === 'copies' || kind === 'register') && (
              <>
                <Field label="领取人">
                  <Radio.Group
                    value={recSource}
                    onChange={(e) => setRecSource(e.target.value)}
                    data-testid="print-recipients"
                  >
                    {kind === 'copies' && <Radio value="none">不写姓名</Radio>}
                    <Radio value="roster" disabled={!s.members.length}>
                      按委员名单（{s.members.length} 人）
                    </Radio>
                    <Radio value="pasted">粘贴名单</Radio>
                  </Radio.Group>
                </Field>
                {recSource === 'pasted' && (
                  <Field label="名单" help={`每行一个姓名，也可用顿号、逗号分隔；已识别 ${names.length} 人。`}>
                    <Input.TextArea
                      rows={4}
                      value={pasted}
                      onChange={(e) => setPasted(e.target.value)}
                      placeholder={'张三\n李四\n王五'}
                      aria-label="领取人名单"
                      data-testid="print-names"
                    />
                  </Field>
                )}
                {kind === 'copies' && (
                  <Field
                    label="份数"
                    help={
                      recSource !== 'none'
                        ? `按领取人编号时每人一份（${recipientCount} 份）；份数多于人数时，多出的份不写姓名。`
                        : undefined
                    }
                  >
                    {copiesInput('份数')}
                  </Field>
                )}
                <Field label="份号">
                  <Space>
                    从{' '}
                    <InputNumber
                      min={1}
                      max={999999}
                      value={startNumber}
                      onChange={(v) => setStartNumber(v ?? 1)}
                      aria-label="起始份号"
                      data-testid="print-start"
                    />{' '}
                    开始，
                    <Select
                      value={digits}
                      onChange={setDigits}
                      style={{ width: 90 }}
                      aria-label="份号位数"
                      options={[3, 4, 5, 6].map((d) => ({ value: d, label: `${d} 位` }))}
                    />
                    <Typography.Text type="secondary">例：{String(startNumber).padStart(digits, '0')}</Typography.Text>
                  </Space>
                </Field>
                {kind === 'copies' && recSource !== 'none' && (
                  <Field label="标注领取人" help="在每页标注领取人姓名，便于追查外传的复印件。">
                    <Radio.Group value={recipientMark} onChange={(e) => setRecipientMark(e.target.value)}>
                      <Radio value="none">不标注</Radio>
                      <Radio value="footer">页脚浅色小字</Radio>
                      <Radio value="watermark">斜向水印</Radio>
                    </Radio.Group>
                  </Field>
                )}
                {kind === 'copies' && (
                  <Checkbox
                    checked={withRegister}
                    onChange={(e) => setWithRegister(e.target.checked)}
                    data-testid="print-with-register"
                  >
                    同时生成清退登记表（份号、领取人、签收、退回日期）
                  </Checkbox>
                )}
              </>
            )}
            {kind === 'handouts' && (
              <HandoutFields
                selKind={selKind}
                setSelKind={setSelKind}
                selValue={selValue}
                setSelValue={setSelValue}
                options={selectionOptions}
                renumber={renumber}
                setRenumber={setRenumber}
                batch={batch}
                setBatch={setBatch}
                twoUp={twoUp}
                setTwoUp={setTwoUp}
              />
            )}
            {kind === 'printsheet' && <Field label="印制份数">{copiesInput('印制份数')}</Field>}
            {(kind === 'print' || kind === 'booklet' || kind === 'copies') && (
              <Field label="水印">
                <Select
                  value={watermark}
                  onChange={setWatermark}
                  style={{ width: 200 }}
                  aria-label="水印"
                  options={[
                    { value: '', label: '按会议信息设置' },
                    { value: '草稿', label: '草稿' },
                    { value: '送审稿', label: '送审稿' },
                  ]}
                />
              </Field>
            )}
          </Space>

          <PrintOutcome
            running={!!running}
            step={step}
            blocker={blocker}
            error={error}
            result={result}
            showPath={!!app.transport.native}
            sessionName={s.name}
            onDownload={(f) => void download(f)}
          />
        </Col>
      </Row>
    </Modal>
  );
}
