import { Button, Group, Text, Tooltip, UnstyledButton } from '@mantine/core';
import { IconArrowsSplit, IconCheck, IconChevronRight } from '@tabler/icons-react';
import { useRef, type ClipboardEvent, type KeyboardEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { TargetGridDto } from '@toso/domain/campaigns';
import {
  applySuggestion,
  cellKey,
  indicatorLabel,
  liveBalance,
  parseClipboard,
  maxFor,
  parseTarget,
  pasteBlock,
  setDraft,
  type Drafts,
  type GridCellRef,
} from './grid-model';
import classes from './target-grid.module.css';
import { useIndicatorWords } from './use-indicator-words';

interface Props {
  grid: TargetGridDto;
  drafts: Drafts;
  onDrafts: (next: Map<string, string>) => void;
  onOpenUnit: (unitId: string) => void;
  onPasted: (filled: number) => void;
}

const fmt = (n: number | null) => (n === null ? '' : n.toLocaleString('vi-VN'));

/**
 * The targets of a unit's children as a spreadsheet: arrows, Tab and Enter move between cells,
 * typing replaces a cell's value, a block pasted from Excel fills many cells. Edited cells are
 * highlighted until saved. The last two rows compare the rows' sum with the unit's own target.
 */
export function TargetGrid(props: Props) {
  const { t } = useTranslation();
  const { grid, drafts } = props;
  const table = useRef<HTMLTableElement>(null);
  const justFocused = useRef(false);
  const { outcomeLabel, kindLabel } = useIndicatorWords();
  const title = (c: number) => indicatorLabel(grid.indicators[c], outcomeLabel, kindLabel);
  const isShare = (c: number) => grid.indicators[c].kind === 'working_age_share';
  const reached = (c: number, count: number | null) =>
    count === null
      ? t('targets.reachedPending')
      : t(isShare(c) ? 'targets.reachedShare' : 'targets.reached', { count });

  // Editable cells by [row][column]; the unit's own row comes last when the user may edit it.
  const cells: GridCellRef[][] = grid.rows.map((r) =>
    r.cells.map((c) => ({ unitId: r.unitId, indicatorId: c.indicatorId, saved: c.target })),
  );
  const ownRow: GridCellRef[] = grid.indicators.map((ind, c) => ({
    unitId: grid.unit.id,
    indicatorId: ind.id,
    saved: grid.parent[c].target,
  }));
  const editable = grid.canEditUnit ? [...cells, ownRow] : cells;
  const balance = liveBalance(grid, drafts);

  const focusCell = (r: number, c: number) => {
    const el = table.current?.querySelector<HTMLInputElement>(`input[data-cell="${r}:${c}"]`);
    if (el) {
      el.focus();
      el.select();
    }
    return Boolean(el);
  };

  const onKeyDown = (e: KeyboardEvent<HTMLInputElement>, r: number, c: number) => {
    const input = e.currentTarget;
    const all = input.selectionStart === 0 && input.selectionEnd === input.value.length;
    const atStart = all || input.selectionEnd === 0;
    const atEnd = all || input.selectionStart === input.value.length;
    const cols = grid.indicators.length;
    let moved = false;
    if (e.key === 'ArrowUp') moved = focusCell(r - 1, c);
    else if (e.key === 'ArrowDown') moved = focusCell(r + 1, c);
    else if (e.key === 'ArrowLeft' && atStart) moved = focusCell(r, c - 1);
    else if (e.key === 'ArrowRight' && atEnd) moved = focusCell(r, c + 1);
    else if (e.key === 'Enter') moved = focusCell(e.shiftKey ? r - 1 : r + 1, c);
    else if (e.key === 'Tab') {
      const next = e.shiftKey
        ? c > 0
          ? [r, c - 1]
          : [r - 1, cols - 1]
        : c < cols - 1
          ? [r, c + 1]
          : [r + 1, 0];
      moved = focusCell(next[0], next[1]);
    } else if (e.key === 'Escape') {
      const next = new Map(drafts);
      next.delete(cellKey(editable[r][c].unitId, editable[r][c].indicatorId));
      props.onDrafts(next);
      moved = true;
    }
    if (moved || e.key === 'Enter') e.preventDefault();
  };

  const onPaste = (e: ClipboardEvent<HTMLInputElement>, r: number, c: number) => {
    const text = e.clipboardData.getData('text/plain');
    if (!/[\t\n\r]/.test(text)) return; // one value: the input takes it as typed text
    e.preventDefault();
    const { drafts: next, filled } = pasteBlock(drafts, editable, r, c, parseClipboard(text));
    props.onDrafts(next);
    props.onPasted(filled);
  };

  const input = (cell: GridCellRef, r: number, c: number, label: string) => {
    const key = cellKey(cell.unitId, cell.indicatorId);
    const draft = drafts.get(key);
    const invalid = draft !== undefined && !parseTarget(draft, maxFor(grid, cell.indicatorId)).ok;
    return (
      <input
        className={classes.input}
        data-cell={`${r}:${c}`}
        data-changed={draft !== undefined || undefined}
        data-invalid={invalid || undefined}
        aria-invalid={invalid || undefined}
        aria-label={label}
        inputMode="numeric"
        autoComplete="off"
        value={draft ?? (cell.saved === null ? '' : String(cell.saved))}
        onFocus={(e) => {
          justFocused.current = true;
          e.currentTarget.select();
        }}
        onMouseUp={(e) => {
          // Keep the whole value selected after a click, so typing replaces it.
          if (justFocused.current) e.preventDefault();
          justFocused.current = false;
        }}
        onChange={(e) => {
          const next = new Map(drafts);
          setDraft(next, cell, e.currentTarget.value);
          props.onDrafts(next);
        }}
        onKeyDown={(e) => onKeyDown(e, r, c)}
        onPaste={(e) => onPaste(e, r, c)}
      />
    );
  };

  const weightLabel =
    grid.weightBy === 'households' ? t('targets.weightHouseholds') : t('targets.weightWorkingAge');

  return (
    <div className={classes.scroller} data-testid="target-grid-scroller">
      <table ref={table} className={classes.table} aria-label={t('targets.gridLabel')}>
        <thead>
          <tr>
            <th className={classes.sticky} scope="col">
              {t('targets.unitColumn')}
            </th>
            <th scope="col" className={classes.weight}>
              {weightLabel}
            </th>
            {grid.indicators.map((ind, c) => {
              const canSuggest =
                grid.canEditRows && grid.rows.some((r) => r.cells[c].suggested !== null);
              return (
                <th key={ind.id} scope="col" className={classes.indicator}>
                  <Text size="xs" fw={600} className="toso-break">
                    {title(c)}
                  </Text>
                  {isShare(c) && (
                    <Text size="xs" c="dimmed">
                      {t('targets.shareNote')}
                    </Text>
                  )}
                  {grid.canEditRows && (
                    <Tooltip
                      label={
                        canSuggest
                          ? t('targets.suggestHint', { name: grid.unit.name, weight: weightLabel })
                          : t('targets.suggestUnavailable', { name: grid.unit.name })
                      }
                      multiline
                      w={240}
                    >
                      <Button
                        size="compact-xs"
                        variant="light"
                        mt={4}
                        leftSection={<IconArrowsSplit size={12} />}
                        disabled={!canSuggest}
                        data-testid={`suggest-${c}`}
                        onClick={() => props.onDrafts(applySuggestion(drafts, grid, c))}
                      >
                        {t('targets.suggest')}
                      </Button>
                    </Tooltip>
                  )}
                </th>
              );
            })}
          </tr>
        </thead>
        <tbody>
          {grid.rows.map((row, r) => (
            <tr key={row.unitId} data-testid="target-row">
              <th scope="row" className={classes.sticky}>
                {row.hasChildren ? (
                  <UnstyledButton
                    className={classes.unitLink}
                    onClick={() => props.onOpenUnit(row.unitId)}
                    aria-label={t('targets.openUnit', { name: row.unitName })}
                  >
                    <span className="toso-break">{row.unitName}</span>
                    <IconChevronRight size={14} aria-hidden />
                  </UnstyledButton>
                ) : (
                  <span className="toso-break">{row.unitName}</span>
                )}
              </th>
              <td className={classes.weight}>{fmt(row.weight)}</td>
              {row.cells.map((cell, c) => (
                <td key={cell.indicatorId}>
                  {grid.canEditRows ? (
                    input(cells[r][c], r, c, `${row.unitName} — ${title(c)}`)
                  ) : (
                    <span className={classes.readOnly}>{fmt(cell.target) || '—'}</span>
                  )}
                  <Text size="xs" c="dimmed" data-testid="reached">
                    {reached(c, cell.count)}
                  </Text>
                </td>
              ))}
            </tr>
          ))}
        </tbody>
        <tfoot>
          <tr className={classes.sumRow}>
            <th scope="row" className={classes.sticky}>
              {t('targets.sumOfRows')}
            </th>
            <td className={classes.weight}>{fmt(grid.rows.reduce((s, r) => s + r.weight, 0))}</td>
            {balance.map((b, c) => (
              <td key={b.indicatorId} data-testid="sum-cell">
                <Text size="sm" fw={600}>
                  {isShare(c) ? '—' : fmt(b.sum)}
                </Text>
                {b.missing > 0 && (
                  <Text size="xs" c="dimmed">
                    {t('targets.missing', { count: b.missing })}
                  </Text>
                )}
              </td>
            ))}
          </tr>
          <tr>
            <th scope="row" className={classes.sticky}>
              {t('targets.ownTarget', { name: grid.unit.name })}
            </th>
            <td className={classes.weight} />
            {grid.indicators.map((ind, c) => {
              const b = balance[c];
              return (
                <td key={ind.id}>
                  {grid.canEditUnit ? (
                    input(ownRow[c], cells.length, c, `${grid.unit.name} — ${title(c)}`)
                  ) : (
                    <span className={classes.readOnly}>{fmt(b.parent) || '—'}</span>
                  )}
                  <Text size="xs" c="dimmed">
                    {reached(c, grid.parent[c].count)}
                  </Text>
                  {isShare(c) ? (
                    b.missing > 0 && (
                      <Text size="xs" c="dimmed">
                        {t('targets.missing', { count: b.missing })}
                      </Text>
                    )
                  ) : (
                    <BalanceNote difference={b.difference} />
                  )}
                </td>
              );
            })}
          </tr>
        </tfoot>
      </table>
    </div>
  );
}

function BalanceNote(props: { difference: number | null }) {
  const { t } = useTranslation();
  const d = props.difference;
  if (d === null)
    return (
      <Text size="xs" c="dimmed">
        {t('targets.noOwnTarget')}
      </Text>
    );
  if (d === 0)
    return (
      <Group gap={2} c="teal">
        <IconCheck size={12} aria-hidden />
        <Text size="xs">{t('targets.balanced')}</Text>
      </Group>
    );
  return (
    <Text size="xs" c="red" fw={600} data-testid="mismatch">
      {d < 0
        ? t('targets.short', { count: -d, value: fmt(-d) })
        : t('targets.over', { count: d, value: fmt(d) })}
    </Text>
  );
}
