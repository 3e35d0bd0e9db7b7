import { sql } from 'kysely';
import type { Executor } from '../../db/db';
import type { ChatGroupCountsTable, ChatGroupsTable } from '../../db/schema';
import type { Scope } from '../../lib/scope';
import { inScope, startsWith } from '../../lib/sql';
import { keepCoverageCounts } from '../dashboard/coverage-counts';

const columns = [
  'chat_groups.id',
  'chat_groups.unit_id',
  'chat_groups.unit_path',
  'chat_groups.platform',
  'chat_groups.name',
  'chat_groups.invite_link',
  'chat_groups.admins',
  'chat_groups.households_total',
  'chat_groups.households_joined',
  'chat_groups.joined_updated_on',
  'chat_groups.is_active',
  'units.name as unit_name',
  'units.level as unit_level',
] as const;

/** Households of the group's hamlet (or of its commune's hamlets) in the registry. */
const registryHouseholds = sql<number>`(SELECT count(*) FROM households h
  WHERE h.hamlet_id = chat_groups.unit_id
     OR h.hamlet_id IN (SELECT u.id FROM units u WHERE u.parent_id = chat_groups.unit_id))`.as(
  'registry_households',
);

function base(db: Executor, scope: Scope) {
  return db
    .selectFrom('chat_groups')
    .innerJoin('units', 'units.id', 'chat_groups.unit_id')
    .where(inScope(scope, 'chat_groups.unit_path'));
}

export type ChatGroupView = NonNullable<Awaited<ReturnType<typeof findChatGroupInScope>>>;

export async function findChatGroupInScope(db: Executor, scope: Scope, id: string) {
  return base(db, scope)
    .select(columns)
    .select(registryHouseholds)
    .where('chat_groups.id', '=', id)
    .executeTakeFirst();
}

export async function listChatGroups(
  db: Executor,
  scope: Scope,
  filter: { unitPath?: string; platform?: string },
  page: { limit: number; offset: number },
) {
  let q = base(db, scope);
  if (filter.unitPath) q = q.where(startsWith('chat_groups.unit_path', filter.unitPath));
  if (filter.platform) q = q.where('chat_groups.platform', '=', filter.platform);
  const [{ total }] = await q.select((eb) => eb.fn.countAll<number>().as('total')).execute();
  const rows = await q
    .select(columns)
    .select(registryHouseholds)
    .orderBy('units.path')
    .orderBy('chat_groups.name')
    .limit(page.limit)
    .offset(page.offset)
    .execute();
  return { rows, total: Number(total) };
}

// A hamlet's active groups add their households joined to the kept coverage counts (a commune's
// common group does not: `keepCoverageCounts` ignores units that are not hamlets).
export async function insertChatGroup(db: Executor, row: ChatGroupsTable) {
  await keepCoverageCounts(db, [row.unit_id], () =>
    db.insertInto('chat_groups').values(row).execute(),
  );
}

export async function updateChatGroup(
  db: Executor,
  id: string,
  changes: Partial<Omit<ChatGroupsTable, 'id'>>,
) {
  const write = () => db.updateTable('chat_groups').set(changes).where('id', '=', id).execute();
  if (
    changes.households_joined === undefined &&
    changes.is_active === undefined &&
    changes.unit_id === undefined
  ) {
    await write();
    return;
  }
  const before = await db
    .selectFrom('chat_groups')
    .select('unit_id')
    .where('id', '=', id)
    .executeTakeFirst();
  const units = [
    ...(before ? [before.unit_id] : []),
    ...(changes.unit_id ? [changes.unit_id] : []),
  ];
  await keepCoverageCounts(db, units, write);
}

export async function insertCount(db: Executor, row: ChatGroupCountsTable) {
  await db.insertInto('chat_group_counts').values(row).execute();
}

export async function listCounts(db: Executor, chatGroupId: string) {
  return db
    .selectFrom('chat_group_counts')
    .select(['id', 'recorded_on', 'households_joined'])
    .where('chat_group_id', '=', chatGroupId)
    .orderBy('recorded_on', 'desc')
    .orderBy('created_at', 'desc')
    .limit(500)
    .execute();
}

export async function latestCount(db: Executor, chatGroupId: string) {
  return db
    .selectFrom('chat_group_counts')
    .select(['recorded_on', 'households_joined'])
    .where('chat_group_id', '=', chatGroupId)
    .orderBy('recorded_on', 'desc')
    .orderBy('created_at', 'desc')
    .executeTakeFirst();
}
