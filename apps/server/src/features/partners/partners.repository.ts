import type { Executor } from '../../db/db';
import type {
  PartnerContactsTable,
  PartnerContributionsTable,
  PartnersTable,
} from '../../db/schema';
import type { Scope } from '../../lib/scope';
import { contains, inScope } from '../../lib/sql';

/** The unit paths of the scope's unit and every ancestor: `/a/`, `/a/b/`, … */
export function ancestorPaths(path: string): string[] {
  const ids = path.split('/').filter(Boolean);
  return ids.map((_, i) => `/${ids.slice(0, i + 1).join('/')}/`);
}

function partnersQuery(db: Executor, scope: Scope, linkedPartnerId: string | null | undefined) {
  let q = db.selectFrom('partners').innerJoin('units', 'units.id', 'partners.unit_id');
  if (linkedPartnerId !== undefined) {
    // A partner's own user sees that enterprise only.
    q = q.where('partners.id', '=', linkedPartnerId ?? '');
  }
  if (!scope.all) {
    const above = ancestorPaths(scope.path);
    q = q.where((eb) =>
      eb.or([inScope(scope, 'partners.unit_path'), eb('partners.unit_path', 'in', above)]),
    );
  }
  return q;
}

const partnerColumns = [
  'partners.id',
  'partners.unit_id',
  'partners.unit_path',
  'partners.name',
  'partners.kind',
  'partners.notes',
  'units.name as unit_name',
] as const;

export async function linkedPartnerOf(db: Executor, userId: string) {
  const r = await db
    .selectFrom('partner_users')
    .select('partner_id')
    .where('user_id', '=', userId)
    .executeTakeFirst();
  return r?.partner_id ?? null;
}

export async function findPartner(
  db: Executor,
  scope: Scope,
  linked: string | null | undefined,
  id: string,
) {
  return partnersQuery(db, scope, linked)
    .select(partnerColumns)
    .where('partners.id', '=', id)
    .executeTakeFirst();
}

export type PartnerView = NonNullable<Awaited<ReturnType<typeof findPartner>>>;

export async function listPartners(
  db: Executor,
  scope: Scope,
  linked: string | null | undefined,
  folded: string | undefined,
  page: { limit: number; offset: number },
) {
  let q = partnersQuery(db, scope, linked);
  if (folded) q = q.where(contains('partners.name_folded', folded));
  const [{ total }] = await q.select((eb) => eb.fn.countAll<number>().as('total')).execute();
  const rows = await q
    .select(partnerColumns)
    .orderBy('partners.name_folded')
    .limit(page.limit)
    .offset(page.offset)
    .execute();
  return { rows, total: Number(total) };
}

export async function communesOf(db: Executor, ids: string[]) {
  if (ids.length === 0) return [];
  return db
    .selectFrom('partner_communes as pc')
    .innerJoin('units', 'units.id', 'pc.commune_id')
    .select(['pc.partner_id', 'units.id', 'units.name', 'units.path', 'units.code'])
    .where('pc.partner_id', 'in', ids)
    .orderBy('units.code')
    .execute();
}

export async function trainingCountsOf(db: Executor, ids: string[]) {
  if (ids.length === 0) return [];
  return db
    .selectFrom('trainings')
    .select((eb) => ['partner_id', eb.fn.countAll<number>().as('n')])
    .where('partner_id', 'in', ids)
    .groupBy('partner_id')
    .execute();
}

export async function contactsOf(db: Executor, id: string) {
  return db
    .selectFrom('partner_contacts')
    .selectAll()
    .where('partner_id', '=', id)
    .orderBy('sort')
    .execute();
}

/** A page of the partner's contributions in the scope, newest first; `folded` searches the
 *  description and the commune's name. */
export async function listContributions(
  db: Executor,
  scope: Scope,
  id: string,
  folded: string | undefined,
  page: { limit: number; offset: number },
) {
  let q = db
    .selectFrom('partner_contributions as c')
    .innerJoin('units', 'units.id', 'c.commune_id')
    .where('c.partner_id', '=', id)
    .where(inScope(scope, 'c.unit_path'));
  if (folded)
    q = q.where((eb) =>
      eb.or([contains('c.description_folded', folded), contains('units.name_folded', folded)]),
    );
  const [{ total }] = await q.select((eb) => eb.fn.countAll<number>().as('total')).execute();
  const rows = await q
    .select([
      'c.id',
      'c.commune_id',
      'c.kind',
      'c.quantity',
      'c.description',
      'c.contributed_on',
      'units.name as commune_name',
    ])
    .orderBy('c.contributed_on', 'desc')
    .orderBy('c.id', 'desc')
    .limit(page.limit)
    .offset(page.offset)
    .execute();
  return { rows, total: Number(total) };
}

/** The partner's contributions in the scope summed per commune and kind. */
export async function contributionSums(db: Executor, scope: Scope, id: string) {
  const rows = await db
    .selectFrom('partner_contributions as c')
    .select((eb) => ['c.commune_id', 'c.kind', eb.fn.sum<number>('c.quantity').as('quantity')])
    .where('c.partner_id', '=', id)
    .where(inScope(scope, 'c.unit_path'))
    .groupBy(['c.commune_id', 'c.kind'])
    .execute();
  return rows.map((r) => ({ ...r, quantity: Number(r.quantity) }));
}

/** Attendance (inside the scope) of the trainings the partner organised, per training and
 *  invited hamlet. */
export async function partnerTrainingAttendance(db: Executor, scope: Scope, id: string) {
  const rows = await db
    .selectFrom('trainings as t')
    .innerJoin('training_invitations as ti', 'ti.training_id', 't.id')
    .select((eb) => [
      't.id',
      't.title',
      't.held_on',
      'ti.unit_path',
      eb.fn.sum<number>('ti.present').as('present'),
    ])
    .where('t.partner_id', '=', id)
    .where(inScope(scope, 'ti.unit_path'))
    .groupBy(['t.id', 't.title', 't.held_on', 'ti.unit_path'])
    .execute();
  return rows.map((r) => ({ ...r, present: Number(r.present) }));
}

/** A page of the trainings the partner organised that invited members inside the scope, newest
 *  first, with those present in the scope; `folded` searches the title. */
export async function listPartnerTrainings(
  db: Executor,
  scope: Scope,
  id: string,
  folded: string | undefined,
  page: { limit: number; offset: number },
) {
  let q = db
    .selectFrom('trainings as t')
    .innerJoin('training_invitations as ti', 'ti.training_id', 't.id')
    .where('t.partner_id', '=', id)
    .where(inScope(scope, 'ti.unit_path'));
  if (folded) q = q.where(contains('t.title_folded', folded));
  const [{ total }] = await q
    .select((eb) => eb.fn.count<number>('t.id').distinct().as('total'))
    .execute();
  const rows = await q
    .select((eb) => ['t.id', 't.title', 't.held_on', eb.fn.sum<number>('ti.present').as('present')])
    .groupBy(['t.id', 't.title', 't.held_on'])
    .orderBy('t.held_on', 'desc')
    .orderBy('t.id', 'desc')
    .limit(page.limit)
    .offset(page.offset)
    .execute();
  return { rows: rows.map((r) => ({ ...r, present: Number(r.present) })), total: Number(total) };
}

export async function insertPartner(db: Executor, row: PartnersTable) {
  await db.insertInto('partners').values(row).execute();
}

export async function updatePartner(
  db: Executor,
  id: string,
  changes: Partial<Omit<PartnersTable, 'id'>>,
) {
  await db.updateTable('partners').set(changes).where('id', '=', id).execute();
}

export async function replaceContacts(db: Executor, id: string, rows: PartnerContactsTable[]) {
  await db.deleteFrom('partner_contacts').where('partner_id', '=', id).execute();
  if (rows.length) await db.insertInto('partner_contacts').values(rows).execute();
}

export async function replaceCommunes(db: Executor, id: string, communeIds: string[]) {
  await db.deleteFrom('partner_communes').where('partner_id', '=', id).execute();
  if (communeIds.length)
    await db
      .insertInto('partner_communes')
      .values(communeIds.map((c) => ({ partner_id: id, commune_id: c })))
      .execute();
}

export async function insertContribution(db: Executor, row: PartnerContributionsTable) {
  await db.insertInto('partner_contributions').values(row).execute();
}

export async function linkUser(db: Executor, userId: string, partnerId: string) {
  await db.deleteFrom('partner_users').where('user_id', '=', userId).execute();
  await db.insertInto('partner_users').values({ user_id: userId, partner_id: partnerId }).execute();
}
