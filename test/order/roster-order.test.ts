// Recipients "from the roster" (numbered copies, the 清退 register) follow the official order, not
// the order the roster file had.
import { describe, expect, it } from 'vitest';
import { rosterNamesInOrder } from '../../core/order/roster-order';
import type { Member } from '../../core/model/session';

const m = (name: string): Member => ({ id: name, name, sector: '', title: '', unit: '', standing: true });

describe('rosterNamesInOrder', () => {
  it('puts the roster in 姓氏笔画 order with the single-given-name convention of the session', () => {
    const members = ['王五', '田大利', '丁一', '田富', '欧阳明'].map(m);
    expect(rosterNamesInOrder({ members })).toEqual(['丁一', '王五', '田富', '田大利', '欧阳明']);
    expect(rosterNamesInOrder({ members, ordering: { givenNameBlank: false } })).toEqual([
      '丁一',
      '王五',
      '田大利',
      '田富',
      '欧阳明',
    ]);
  });
});
