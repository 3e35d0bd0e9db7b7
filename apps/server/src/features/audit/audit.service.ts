import type { AuditEntity, AuditEntryDto, ListAuditQuery } from '@toso/domain/users';
import type { Db, Executor } from '../../db/db';
import { newId, nowIso } from '../../lib/ids';
import type { Scope } from '../../lib/scope';
import type { Actor } from '../../plugins/auth';
import { getUnitInScope } from '../units/units.service';
import { insertAudit, listAudit } from './audit.repository';
import { pageWindow } from '../../lib/paging';

export interface AuditChange {
  entity: AuditEntity;
  entityId: string | null;
  action: string;
  /** The unit the change belongs to (its path), so officers of that subtree see it. */
  unitPath: string | null;
  summary: Record<string, unknown>;
}

/** Who did it, for changes made outside a request (command line, demo seed). */
export interface SystemActor {
  system: string;
  role: 'admin';
  scope: Scope;
}

/** Appends to the audit log; call it inside the transaction of the change it records. */
export async function recordAudit(
  tx: Executor,
  actor: Actor | SystemActor,
  change: AuditChange,
): Promise<void> {
  const isSystem = 'system' in actor;
  await insertAudit(tx, {
    id: newId(),
    at: nowIso(),
    user_id: isSystem ? null : actor.userId,
    username: isSystem ? actor.system : actor.username,
    role: isSystem ? 'system' : actor.role,
    unit_id: isSystem ? null : actor.unitId,
    unit_path: change.unitPath,
    entity: change.entity,
    entity_id: change.entityId,
    action: change.action,
    summary: JSON.stringify(change.summary),
    request_id: isSystem ? null : actor.requestId,
  });
}

export async function listAuditEntries(db: Db, actor: Actor, query: ListAuditQuery) {
  const unit = query.unitId ? await getUnitInScope(db, actor.scope, query.unitId) : null;
  const { rows, total } = await listAudit(
    db,
    actor.scope,
    {
      unitPath: unit?.path,
      userId: query.userId,
      from: query.from,
      to: query.to ? nextDay(query.to) : undefined,
      entity: query.entity,
    },
    pageWindow(query),
  );
  const items: AuditEntryDto[] = rows.map((r) => ({
    id: r.id,
    at: r.at,
    userId: r.user_id,
    username: r.username,
    role: r.role,
    unitId: r.unit_id,
    entity: r.entity,
    entityId: r.entity_id,
    action: r.action,
    summary: JSON.parse(r.summary) as unknown,
    requestId: r.request_id,
  }));
  return { items, total, page: query.page, pageSize: query.pageSize };
}

function nextDay(date: string): string {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + 1);
  return d.toISOString().slice(0, 10);
}
