// 编排, the board's pieces: a card per item (title, author, kind, pages, words, warnings, pin, select),
// a column of cards (a dnd-kit sortable list) and the column head with its sort rule and actions.
// Cards and heads redraw only when what they show changes (views are new objects on every edit).
import { memo } from 'react';
import { Button, Dropdown, Select, Typography } from 'antd';
import { DeleteOutlined, EditOutlined, PushpinFilled, PushpinOutlined } from '@ant-design/icons';
import { useDroppable } from '@dnd-kit/core';
import { SortableContext, useSortable, verticalListSortingStrategy } from '@dnd-kit/sortable';
import { CSS } from '@dnd-kit/utilities';
import { SORT_RULES, SUBMISSION_KIND_NAMES, type SortRule, type Submission } from '../../core/model/session';
import { useItemFacts } from '../state/item-facts';

export const SORT_RULE_NAMES: Record<SortRule, string> = {
  stroke: '按姓氏笔画',
  pinyin: '按姓名拼音',
  sector: '按界别',
  party: '按党派',
  rank: '按职务高低',
  roster: '按名单顺序',
  received: '按收到先后',
  manual: '手动排序',
};

export function itemWarnings(s: Submission): string[] {
  const w: string[] = [];
  if (!s.authorLine.trim()) w.push('缺少作者');
  if (s.status === 'review') w.push('待核对');
  if (s.memberIds.length === 0) w.push('未对应委员');
  return w;
}

export interface CardProps {
  s: Submission;
  words?: number;
  pages?: number;
  index: number;
  onOpen(id: string): void;
  onPin(s: Submission): void;
  selected: boolean;
  /** A click with modifiers (or on the checkbox: toggle) changes the selection. */
  onSelect(id: string, e: { shiftKey: boolean; ctrlKey: boolean; metaKey: boolean }, toggle?: boolean): boolean;
}

// Views are replaced on every edit (new objects), so cards compare what they show, not identity:
// after a drop only the cards whose content or position changed render again.
const sameCard = (a: CardProps, b: CardProps) =>
  a.index === b.index &&
  a.selected === b.selected &&
  a.onSelect === b.onSelect &&
  a.words === b.words &&
  a.pages === b.pages &&
  a.onOpen === b.onOpen &&
  a.onPin === b.onPin &&
  a.s.id === b.s.id &&
  a.s.title === b.s.title &&
  a.s.authorLine === b.s.authorLine &&
  a.s.kind === b.s.kind &&
  a.s.status === b.s.status &&
  a.s.memberIds.length === b.s.memberIds.length &&
  a.s.options.pinned === b.s.options.pinned;

export const Card = memo(function Card({ s, words, pages, index, onOpen, onPin, selected, onSelect }: CardProps) {
  const { attributes, listeners, setNodeRef, transform, transition, isDragging } = useSortable({ id: s.id });
  const warnings = itemWarnings(s);
  return (
    <div
      ref={setNodeRef}
      className="hb-card"
      data-dragging={isDragging}
      data-selected={selected}
      data-testid="card"
      data-id={s.id}
      style={{ transform: CSS.Transform.toString(transform), transition }}
      {...attributes}
      {...listeners}
      aria-label={`${s.title}，${s.authorLine}。按空格键拿起，用方向键移动，再按空格键放下。`}
      onDoubleClick={() => onOpen(s.id)}
      onClick={(e) => {
        if (onSelect(s.id, e)) e.preventDefault();
      }}
      onKeyDown={(e) => {
        if (e.key === 'Enter') onOpen(s.id);
        listeners?.onKeyDown?.(e);
      }}
    >
      <div className="hb-card-title">
        <input
          type="checkbox"
          checked={selected}
          aria-label={`选择“${s.title}”`}
          data-testid="card-check"
          style={{ marginRight: 6, verticalAlign: 'middle', cursor: 'pointer' }}
          onPointerDown={(e) => e.stopPropagation()}
          // Space / Enter belong to the checkbox, not to dragging; Delete still reaches the screen.
          onKeyDown={(e) => (e.key === ' ' || e.key === 'Enter') && e.stopPropagation()}
          onClick={(e) => {
            e.stopPropagation();
            onSelect(s.id, e, !e.shiftKey);
          }}
          onChange={() => undefined}
        />
        <span style={{ color: '#999', marginRight: 4 }}>{index + 1}.</span>
        {s.options.pinned && <PushpinFilled style={{ color: '#b71c1c', marginRight: 4 }} title="已固定位置" />}
        {s.title}
      </div>
      <div className="hb-card-meta">{s.authorLine || <span style={{ color: '#d4380d' }}>（无作者）</span>}</div>
      <div className="hb-card-meta hb-card-row">
        <span className="hb-tag">{SUBMISSION_KIND_NAMES[s.kind]}</span>
        <span>{pages !== undefined ? `${pages} 页` : '— 页'}</span>
        <span>{words !== undefined ? `${words.toLocaleString('zh-CN')} 字` : '… 字'}</span>
        {warnings.length > 0 && (
          <span className="hb-tag hb-tag-warn" title={warnings.join('；')}>
            ⚠ {warnings[0]}
          </span>
        )}
        <span style={{ flex: 1 }} />
        <button
          type="button"
          className="hb-pin"
          data-pinned={s.options.pinned}
          title={s.options.pinned ? '取消固定（排序时会参与排序）' : '固定位置（按规则排序时不动）'}
          aria-label={s.options.pinned ? '取消固定' : '固定位置'}
          onPointerDown={(e) => e.stopPropagation()}
          onKeyDown={(e) => e.stopPropagation()}
          onClick={(e) => {
            e.stopPropagation();
            onPin(s);
          }}
          data-testid="pin"
        >
          {s.options.pinned ? <PushpinFilled /> : <PushpinOutlined />}
        </button>
      </div>
    </div>
  );
}, sameCard);

export function Column({
  id,
  title,
  items,
  subs,
  facts,
  onOpen,
  onPin,
  selected,
  onSelect,
  children,
}: {
  id: string;
  title: React.ReactNode;
  items: string[];
  subs: Map<string, Submission>;
  facts: ReturnType<typeof useItemFacts>;
  onOpen(id: string): void;
  onPin(s: Submission): void;
  selected: ReadonlySet<string>;
  onSelect: CardProps['onSelect'];
  children?: React.ReactNode;
}) {
  const { setNodeRef, isOver } = useDroppable({ id });
  return (
    <div className="hb-column" ref={setNodeRef} data-over={isOver} data-testid="column" data-section={id}>
      {title}
      {children}
      <SortableContext id={id} items={items} strategy={verticalListSortingStrategy}>
        {items.length === 0 && (
          <div
            style={{
              color: '#999',
              fontSize: 12,
              padding: 12,
              textAlign: 'center',
              border: '1px dashed #ddd',
              borderRadius: 4,
            }}
          >
            把材料拖到这里
          </div>
        )}
        {items.map((sid, i) => {
          const s = subs.get(sid);
          return s ? (
            <Card
              key={sid}
              s={s}
              index={i}
              words={facts.words.get(sid)}
              pages={facts.pages.get(sid)}
              onOpen={onOpen}
              onPin={onPin}
              selected={selected.has(sid)}
              onSelect={onSelect}
            />
          ) : null;
        })}
      </SortableContext>
    </div>
  );
}

interface SectionTitleProps {
  id: string;
  title: string;
  sortRule: SortRule;
  index: number;
  count: number;
  last: boolean;
  onAction(key: string, sectionId: string, index: number, title: string): void;
  onSort(sectionId: string, rule: SortRule): void;
}

// The column head (antd Dropdown + Select, the costliest part of a column): drawn again only when
// what it shows changes, not on every saved edit.
export const SectionTitle = memo(function SectionTitle({
  id,
  title,
  sortRule,
  index,
  count,
  last,
  onAction,
  onSort,
}: SectionTitleProps) {
  return (
    <div style={{ marginBottom: 8 }}>
      <div style={{ display: 'flex', alignItems: 'center', gap: 4 }}>
        <Typography.Text strong style={{ flex: 1 }}>
          {['一', '二', '三', '四', '五', '六', '七', '八', '九', '十'][index] ?? index + 1}、{title}
        </Typography.Text>
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
          {count} 篇
        </Typography.Text>
        <Dropdown
          trigger={['click']}
          menu={{
            items: [
              { key: 'rename', icon: <EditOutlined />, label: '改名' },
              { key: 'left', label: '左移', disabled: index === 0 },
              { key: 'right', label: '右移', disabled: last },
              { key: 'remove', icon: <DeleteOutlined />, danger: true, label: '删除栏目（材料移到“未编排”）' },
            ],
            onClick: ({ key }) => onAction(key, id, index, title),
          }}
        >
          <Button size="small" type="text" aria-label="栏目操作">
            ⋯
          </Button>
        </Dropdown>
      </div>
      <Select<SortRule>
        size="small"
        style={{ width: '100%', marginTop: 4 }}
        value={sortRule}
        aria-label="排序规则"
        data-testid="sort-rule"
        onChange={(rule) => onSort(id, rule)}
        options={SORT_RULES.map((r) => ({ value: r, label: SORT_RULE_NAMES[r] }))}
      />
    </div>
  );
});
