import type { Executor } from '../../db/db';
import type { AuditLogTable } from '../../db/schema';
import type { Scope } from '../../lib/scope';
import { inScope, startsWith } from '../../lib/sql';

export type NewAuditRow = Omit<AuditLogTable, 'seq'>;

export async function insertAudit(db: Executor, row: NewAuditRow): Promise<void> {
  await db.insertInto('audit_log').values(row).execute();
}

export interface AuditFilter {
  unitPath?: string;
  userId?: string;
  from?: string;
  to?: string;
  entity?: string;
}

export async function listAudit(
  db: Executor,
  scope: Scope,
  filter: AuditFilter,
  page: { limit: number; offset: number },
) {
  let q = db.selectFrom('audit_log').where(inScope(scope, 'audit_log.unit_path'));
  if (filter.unitPath) q = q.where(startsWith('audit_log.unit_path', filter.unitPath));
  if (filter.userId) q = q.where('user_id', '=', filter.userId);
  if (filter.from) q = q.where('at', '>=', filter.from);
  if (filter.to) q = q.where('at', '<', filter.to);
  if (filter.entity) q = q.where('entity', '=', filter.entity);
  const [{ total }] = await q.select((eb) => eb.fn.countAll<number>().as('total')).execute();
  const rows = await q
    .selectAll()
    .orderBy('seq', 'desc')
    .limit(page.limit)
    .offset(page.offset)
    .execute();
  return { rows, total: Number(total) };
}
