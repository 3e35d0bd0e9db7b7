import { describe, expect, it } from 'vitest';
import type { TargetGridDto } from '@toso/domain/campaigns';
import {
  applySuggestion,
  cellKey,
  changesOf,
  hasInvalid,
  liveBalance,
  parseClipboard,
  parseTarget,
  pasteBlock,
} from './grid-model';

const grid: TargetGridDto = {
  campaignId: 'c',
  unit: { id: 'u', name: 'Xã A', code: '1', level: 'commune', parentId: null },
  canEditRows: true,
  canEditUnit: false,
  weightBy: 'working_age',
  indicators: [
    {
      id: 'i1',
      kind: 'platform_outcome',
      platformId: 'p',
      platformName: 'VNeID',
      outcome: 'installed',
    },
    { id: 'i2', kind: 'working_age_share', platformId: null, platformName: null, outcome: null },
  ],
  parent: [
    { indicatorId: 'i1', target: 10, count: 0 },
    { indicatorId: 'i2', target: null, count: 0 },
  ],
  rows: ['h1', 'h2'].map((id, n) => ({
    unitId: id,
    unitName: id,
    code: null,
    hasChildren: false,
    weight: n + 1,
    cells: [
      { indicatorId: 'i1', target: n === 0 ? 5 : null, suggested: n === 0 ? 3 : 7, count: 0 },
      { indicatorId: 'i2', target: null, suggested: null, count: 0 },
    ],
  })),
  balance: [],
};
const cells = grid.rows.map((r) =>
  r.cells.map((c) => ({ unitId: r.unitId, indicatorId: c.indicatorId, saved: c.target })),
);

describe('targets grid model', () => {
  it('reads whole numbers only, empty as no target', () => {
    expect(parseTarget(' 1 200 ')).toEqual({ ok: true, value: 1200 });
    expect(parseTarget('')).toEqual({ ok: true, value: null });
    expect(parseTarget('-1').ok).toBe(false);
    expect(parseTarget('2.5').ok).toBe(false);
    expect(parseTarget('abc').ok).toBe(false);
  });

  it('pastes an Excel block from the chosen cell and drops what falls outside', () => {
    const block = parseClipboard('1\t2\t3\r\n4\t5\t6\r\n7\t8\t9\r\n');
    expect(block).toEqual([
      ['1', '2', '3'],
      ['4', '5', '6'],
      ['7', '8', '9'],
    ]);
    const { drafts, filled } = pasteBlock(new Map(), cells, 0, 0, block);
    expect(filled).toBe(4);
    expect(changesOf(drafts).sort((a, b) => a.unitId.localeCompare(b.unitId))).toEqual([
      { unitId: 'h1', indicatorId: 'i1', value: 1 },
      { unitId: 'h1', indicatorId: 'i2', value: 2 },
      { unitId: 'h2', indicatorId: 'i1', value: 4 },
      { unitId: 'h2', indicatorId: 'i2', value: 5 },
    ]);
  });

  it('forgets an edit that returns to the saved value and flags bad text', () => {
    const { drafts } = pasteBlock(new Map(), cells, 0, 0, [['5', 'x']]);
    expect(drafts.has(cellKey('h1', 'i1'))).toBe(false);
    expect(hasInvalid(drafts, grid)).toBe(true);
    // The second column is a share: a percentage up to 100.
    expect(hasInvalid(pasteBlock(new Map(), cells, 0, 1, [['100']]).drafts, grid)).toBe(false);
    expect(hasInvalid(pasteBlock(new Map(), cells, 0, 1, [['101']]).drafts, grid)).toBe(true);
  });

  it('shows the live balance and fills a column with the suggested split', () => {
    expect(liveBalance(grid, new Map())[0]).toMatchObject({ sum: 5, difference: -5, missing: 1 });
    const drafts = applySuggestion(new Map(), grid, 0);
    expect(liveBalance(grid, drafts)[0]).toMatchObject({ sum: 10, difference: 0, missing: 0 });
    // A share (a percentage) is not a sum: no difference, only missing cells.
    expect(liveBalance(grid, drafts)[1]).toMatchObject({ difference: null, missing: 2 });
  });
});
