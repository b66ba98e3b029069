// 编排: sections as columns; drag items within and across sections (mouse or keyboard, via
// dnd-kit); sort a section by a rule; pin items; cards show title, author, kind, pages, words and
// warnings. A drop becomes one sections.moveItem call; the board then shows the saved order,
// never a local guess that could differ from what will be printed. Several cards can be selected
// (checkbox, Ctrl/Shift-click) and moved, re-typed or deleted in one action (components/bulk-bar).
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { App as AntApp, Button, Empty, Input, Modal, Space, Typography } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import {
  closestCorners,
  DndContext,
  DragOverlay,
  KeyboardSensor,
  PointerSensor,
  useSensor,
  useSensors,
  type DragEndEvent,
  type DragOverEvent,
  type DragStartEvent,
} from '@dnd-kit/core';
import { sortableKeyboardCoordinates } from '@dnd-kit/sortable';
import { type SortRule, type Submission } from '../../core/model/session';
import { useApp } from '../state/app-state';
import { useItemFacts } from '../state/item-facts';
import { useSelection } from '../state/selection';
import { BulkBar, TrashButton } from '../components/bulk-bar';
import { Column, SectionTitle } from './arrange-columns';

export { itemWarnings, SORT_RULE_NAMES } from './arrange-columns';

const UNPLACED = '__unplaced';
type Columns = Record<string, string[]>;

function columnsOf(sections: { id: string; items: string[] }[], submissions: Submission[]): Columns {
  const cols: Columns = {};
  const placed = new Set<string>();
  for (const s of sections) {
    cols[s.id] = [...s.items];
    s.items.forEach((id) => placed.add(id));
  }
  cols[UNPLACED] = submissions.filter((s) => !placed.has(s.id)).map((s) => s.id);
  return cols;
}

function findColumn(cols: Columns, id: string): string | undefined {
  if (id in cols) return id;
  return Object.keys(cols).find((k) => cols[k].includes(id));
}

export function ArrangeScreen() {
  const app = useApp();
  const view = app.view!;
  const session = view.session;
  const facts = useItemFacts();
  const subs = useMemo(() => new Map(session.submissions.map((s) => [s.id, s])), [session.submissions]);
  const saved = useMemo(
    () => columnsOf(session.sections, session.submissions),
    [session.sections, session.submissions],
  );
  const [cols, setCols] = useState<Columns>(saved);
  const [active, setActive] = useState<string | null>(null);
  const [origin, setOrigin] = useState<{ col: string; index: number } | null>(null);
  const [renaming, setRenaming] = useState<{ id: string; title: string } | null>(null);
  useEffect(() => setCols(saved), [saved]);
  const { go, edit } = app;
  const onOpen = useCallback((id: string) => go('item', id), [go]);
  const onPin = useCallback(
    (s: Submission) =>
      void edit('submissions.update', { submissionId: s.id, patch: { options: { pinned: !s.options.pinned } } }),
    [edit],
  );
  const order = useMemo(
    () => [...session.sections.flatMap((x) => x.items), ...saved[UNPLACED]],
    [session.sections, saved],
  );
  const selection = useSelection(order);
  const onSelect = selection.click;
  const { modal } = AntApp.useApp();
  // Delete (or Backspace) with cards selected: to the trash after a confirmation (undoable).
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if ((e.key !== 'Delete' && e.key !== 'Backspace') || !selection.ids.length || view.readOnly) return;
      const el = document.activeElement as HTMLElement | null;
      if (
        el &&
        ((el.tagName === 'INPUT' && (el as HTMLInputElement).type !== 'checkbox') ||
          el.tagName === 'TEXTAREA' ||
          el.isContentEditable)
      )
        return;
      e.preventDefault();
      const ids = selection.ids;
      modal.confirm({
        title: `删除选中的 ${ids.length} 份材料？`,
        content: '材料移到回收站，可以恢复，也可以按 Ctrl+Z 撤销。',
        okText: '删除',
        okButtonProps: { danger: true },
        cancelText: '取消',
        onOk: async () => {
          if ((await edit('submissions.trash', { submissionIds: ids })).ok) selection.clear();
        },
      });
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [selection, modal, edit, view.readOnly]);

  const sensors = useSensors(
    useSensor(PointerSensor, { activationConstraint: { distance: 4 } }),
    useSensor(KeyboardSensor, { coordinateGetter: sortableKeyboardCoordinates }),
  );

  const onDragStart = (e: DragStartEvent) => {
    const id = String(e.active.id);
    const col = findColumn(cols, id)!;
    setActive(id);
    setOrigin({ col, index: cols[col].indexOf(id) });
  };

  const onDragOver = (e: DragOverEvent) => {
    if (!e.over) return;
    const id = String(e.active.id);
    const from = findColumn(cols, id);
    const to = findColumn(cols, String(e.over.id));
    if (!from || !to || from === to) return;
    setCols((c) => {
      const target = [...c[to]];
      const overIndex = target.indexOf(String(e.over!.id));
      target.splice(overIndex >= 0 ? overIndex : target.length, 0, id);
      return { ...c, [from]: c[from].filter((x) => x !== id), [to]: target };
    });
  };

  const onDragEnd = (e: DragEndEvent) => {
    const id = String(e.active.id);
    setActive(null);
    const start = origin;
    setOrigin(null);
    if (!e.over || !start) return setCols(saved);
    const col = findColumn(cols, id)!;
    const list = cols[col];
    let index = list.indexOf(id);
    const overId = String(e.over.id);
    if (overId !== col && overId !== id) {
      const overIndex = list.indexOf(overId);
      if (overIndex >= 0) index = overIndex;
    }
    if (col === start.col && index === start.index) return setCols(saved);
    const next = list.filter((x) => x !== id);
    next.splice(index, 0, id);
    setCols({ ...cols, [col]: next });
    // Mark for the benchmark and E2E: the drop time, so "drop → saved → UI updated" can be timed.
    (window as unknown as { __hbDropAt?: number }).__hbDropAt = performance.now();
    void app
      .edit('sections.moveItem', { submissionId: id, toSectionId: col === UNPLACED ? null : col, index })
      .then((r) => {
        if (!r.ok) setCols(saved);
      });
  };

  // Section menus read the latest order through a ref, so the memoised titles keep stable callbacks.
  const sectionsRef = useRef(session.sections);
  sectionsRef.current = session.sections;
  const onSectionAction = useCallback(
    (key: string, sectionId: string, i: number, title: string) => {
      if (key === 'rename') setRenaming({ id: sectionId, title });
      if (key === 'remove') void edit('sections.remove', { sectionId });
      if (key === 'left' || key === 'right') {
        const ids = sectionsRef.current.map((s) => s.id);
        const j = key === 'left' ? i - 1 : i + 1;
        [ids[i], ids[j]] = [ids[j], ids[i]];
        void edit('sections.reorder', { sectionIds: ids });
      }
    },
    [edit],
  );
  const onSort = useCallback(
    (sectionId: string, rule: SortRule) => void edit('sections.sort', { sectionId, rule }),
    [edit],
  );

  // 新建栏目 / 改名: Enter or 确定; a new section is scrolled into view (four columns overflow the screen).
  const submitSection = async () => {
    if (!renaming || !renaming.title.trim()) return;
    const isNew = !renaming.id;
    const r = isNew
      ? await app.edit('sections.create', { title: renaming.title.trim() })
      : await app.edit('sections.rename', { sectionId: renaming.id, title: renaming.title.trim() });
    if (!r.ok) return;
    setRenaming(null);
    if (isNew) {
      const id = r.value.session.sections.at(-1)?.id;
      // Sideways only: scrollIntoView would also move the page and tuck the header under the top bar.
      requestAnimationFrame(() => {
        const col = document.querySelector<HTMLElement>(`[data-testid=column][data-section="${id}"]`);
        const strip = col?.closest<HTMLElement>('.hb-columns');
        if (!col || !strip) return;
        const c = col.getBoundingClientRect();
        const s = strip.getBoundingClientRect();
        if (c.right > s.right) strip.scrollLeft += c.right - s.right;
        else if (c.left < s.left) strip.scrollLeft -= s.left - c.left;
      });
    }
  };

  const activeSub = active ? subs.get(active) : undefined;
  // What every column (the sections and 未编排) gets alike.
  const columnProps = { subs, facts, onOpen, onPin, selected: selection.selected, onSelect };
  return (
    <div>
      <Space style={{ marginBottom: 12 }} align="center">
        <Typography.Title level={4} style={{ margin: 0, whiteSpace: 'nowrap' }}>
          编排
        </Typography.Title>
        <Button icon={<PlusOutlined />} onClick={() => setRenaming({ id: '', title: '' })} data-testid="new-section">
          新建栏目
        </Button>
        <Typography.Text type="secondary">
          拖动卡片调整顺序，也可以用 Tab 选中卡片后按空格键拿起、方向键移动、空格键放下；双击或回车查看详情；勾选或
          Ctrl/Shift+单击可选中多份批量操作。
        </Typography.Text>
        <TrashButton />
      </Space>
      <BulkBar selection={selection} />
      {session.submissions.length === 0 && session.sections.length === 0 ? (
        <Empty description="还没有栏目和材料。先到“材料收集”导入委员的材料。">
          <Button type="primary" onClick={() => app.go('intake')}>
            去导入材料
          </Button>
        </Empty>
      ) : (
        <DndContext
          sensors={sensors}
          collisionDetection={closestCorners}
          onDragStart={onDragStart}
          onDragOver={onDragOver}
          onDragEnd={onDragEnd}
          onDragCancel={() => {
            setActive(null);
            setCols(saved);
          }}
          accessibility={{
            screenReaderInstructions: { draggable: '按空格键拿起材料，用方向键移动，再按空格键放下，按 Esc 取消。' },
          }}
        >
          <div className="hb-columns">
            {session.sections.map((sec, i) => (
              <Column
                key={sec.id}
                id={sec.id}
                title={
                  <SectionTitle
                    id={sec.id}
                    title={sec.title}
                    sortRule={sec.sortRule}
                    index={i}
                    count={cols[sec.id]?.length ?? 0}
                    last={i === session.sections.length - 1}
                    onAction={onSectionAction}
                    onSort={onSort}
                  />
                }
                items={cols[sec.id] ?? []}
                {...columnProps}
              />
            ))}
            {(cols[UNPLACED]?.length ?? 0) > 0 && (
              <Column
                id={UNPLACED}
                title={
                  <Typography.Text strong style={{ display: 'block', marginBottom: 8 }}>
                    未编排（{cols[UNPLACED].length}）
                    <Typography.Text type="secondary" style={{ fontSize: 12, fontWeight: 400 }}>
                      {' '}
                      不会印入汇编
                    </Typography.Text>
                  </Typography.Text>
                }
                items={cols[UNPLACED]}
                {...columnProps}
              />
            )}
            <div style={{ flex: '0 0 160px' }}>
              <Button icon={<PlusOutlined />} block onClick={() => setRenaming({ id: '', title: '' })}>
                新建栏目
              </Button>
            </div>
          </div>
          <DragOverlay>
            {activeSub ? (
              <div className="hb-card" style={{ width: 280 }}>
                <div className="hb-card-title">{activeSub.title}</div>
                <div className="hb-card-meta">{activeSub.authorLine}</div>
              </div>
            ) : null}
          </DragOverlay>
        </DndContext>
      )}
      <Modal
        title={renaming?.id ? '栏目改名' : '新建栏目'}
        open={!!renaming}
        okText="确定"
        cancelText="取消"
        onCancel={() => setRenaming(null)}
        onOk={() => void submitSection()}
        okButtonProps={{ disabled: !renaming?.title.trim() }}
      >
        <Input
          autoFocus
          value={renaming?.title ?? ''}
          placeholder="例如：大会发言、书面发言"
          onChange={(e) => setRenaming((r) => (r ? { ...r, title: e.target.value } : r))}
          onPressEnter={() => void submitSection()}
          data-testid="section-title-input"
        />
      </Modal>
      {facts.pagesRevision !== undefined && facts.pagesRevision !== view.revision && (
        <Typography.Paragraph type="secondary" style={{ fontSize: 12, marginTop: 8 }}>
          页数来自上一次生成，编排改动后请重新生成以更新页数。
        </Typography.Paragraph>
      )}
    </div>
  );
}
