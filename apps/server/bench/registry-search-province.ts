/**
 * The search bench's users and query texts taken from a province-shaped database (the one
 * `npm run toso -- generate-province` builds: real districts, communes and hamlets), for
 * `registry-search.bench.ts --province`. The synthetic bench puts 1,000,000 residents in one
 * district of 10 communes (a 190,000-person commune); here each user's scope is a real unit:
 *
 * - a team member of the hamlet of median size,
 * - the officer of the largest commune,
 * - the officer of the largest district,
 * - a province officer.
 *
 * Missing users are created (`bench.p.*`, the bench's password). The query texts keep the synthetic
 * bench's kinds and their number of each kind, but are read from the data: full names of residents
 * of the hamlet, the commune and the district (4 each), phones of the hamlet's and the commune's,
 * the hamlet's median birth year, the most frequent, middling and rarest words of the largest
 * commune's names. The three units need not nest: a name of the commune may match nobody in the
 * hamlet, as when a user searches for someone outside their scope.
 */
import type { Role } from '@toso/domain/roles';
import type { Db } from '../src/db/db';
import type { UnitRow } from '../src/features/units/units.repository';
import { buildUser } from '../test/factories';
import type { QueryKind, SearchPlan, SearchQuery, SearchUser } from './registry-search';

/** The province mode's users, created when missing: see `provincePlan`. */
export const PROVINCE_USERS: readonly SearchUser[] = [
  { kind: 'hamlet team member', label: 'member', username: 'bench.p.member' },
  { kind: 'commune officer', label: 'commune', username: 'bench.p.commune' },
  { kind: 'district officer', label: 'district', username: 'bench.p.district' },
  { kind: 'province officer', label: 'province', username: 'bench.p.province' },
];
const PROVINCE_ROLES: readonly Role[] = [
  'team_member',
  'commune_officer',
  'district_officer',
  'province_officer',
];

export interface ProvinceScope {
  user: SearchUser;
  role: Role;
  unit: string;
  /** Active residents in the scope. */
  residents: number;
}

export interface ProvincePlan extends SearchPlan {
  scopes: ProvinceScope[];
}

/** Active residents per hamlet, summed up the unit tree. */
async function residentsPerUnit(db: Db) {
  const units = await db
    .selectFrom('units')
    .select(['id', 'parent_id', 'level', 'name', 'path'])
    .where('valid_to', 'is', null)
    .execute();
  const perHamlet = await db
    .selectFrom('residents')
    .select(['hamlet_id', (eb) => eb.fn.countAll<number | string>().as('n')])
    .where('status', '=', 'active')
    .groupBy('hamlet_id')
    .execute();
  const count = new Map<string, number>();
  const parent = new Map(units.map((u) => [u.id, u.parent_id]));
  for (const { hamlet_id, n } of perHamlet) {
    for (let id: string | null | undefined = hamlet_id; id; id = parent.get(id))
      count.set(id, (count.get(id) ?? 0) + Number(n));
  }
  const sized = (level: string) =>
    units
      .filter((u) => u.level === level)
      .map((u) => ({ ...u, residents: count.get(u.id) ?? 0 }))
      .sort((a, b) => a.residents - b.residents || a.path.localeCompare(b.path));
  return sized;
}

async function ensureUser(db: Db, username: string, role: Role, unitId: string) {
  const found = await db
    .selectFrom('users')
    .select(['role', 'unit_id'])
    .where('username', '=', username)
    .executeTakeFirst();
  if (found) {
    if (found.role !== role || found.unit_id !== unitId)
      throw new Error(`${username} exists with another role or unit: drop it or use a copy`);
    return;
  }
  await buildUser(db, { username, role, unit: { id: unitId } as UnitRow });
}

/** Most frequent first; ties by the word, so that the choice is deterministic. */
function byFrequency(words: string[]) {
  const n = new Map<string, number>();
  for (const w of words) n.set(w, (n.get(w) ?? 0) + 1);
  return [...n].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]));
}

/** `count` items spread evenly over `xs` (deterministic). */
function spread<T>(xs: readonly T[], count: number): T[] {
  if (xs.length <= count) return [...xs];
  return Array.from({ length: count }, (_, i) => xs[Math.floor(((i + 0.5) * xs.length) / count)]);
}

/**
 * The province users (`PROVINCE_USERS`) and their units: the median hamlet, the largest commune,
 * district and province by active residents; the users are created when missing.
 */
export async function provinceUsers(db: Db) {
  const sized = await residentsPerUnit(db);
  const hamlets = sized('hamlet').filter((h) => h.residents > 0);
  const hamlet = hamlets[Math.floor((hamlets.length - 1) / 2)];
  const commune = sized('commune').at(-1);
  const district = sized('district').at(-1);
  const province = sized('province').at(-1);
  if (!hamlet || !commune || !district || !province)
    throw new Error('--province needs a province, districts, communes and hamlets with residents');

  const units = [hamlet, commune, district, province] as const;
  const picks = PROVINCE_USERS.map((u, i) => [u, PROVINCE_ROLES[i], units[i]] as const);
  for (const [user, role, unit] of picks) await ensureUser(db, user.username, role, unit.id);
  return { units, picks };
}

export async function provincePlan(db: Db): Promise<ProvincePlan> {
  const {
    units: [hamlet, commune, district],
    picks,
  } = await provinceUsers(db);

  // Residents of a scope, in id order (deterministic).
  const residentsOf = (path: string) =>
    db
      .selectFrom('residents')
      .select(['full_name_folded', 'phone', 'birth_year'])
      .where('unit_path', 'like', `${path}%`)
      .where('status', '=', 'active')
      .orderBy('id')
      .execute();
  const [inHamlet, inCommune, inDistrict] = await Promise.all(
    [hamlet, commune, district].map((u) => residentsOf(u.path)),
  );
  const words = (r: { full_name_folded: string }) => r.full_name_folded.split(' ').filter(Boolean);
  // Word frequencies from the largest commune's names.
  const communeNames = inCommune.map(words);
  const long = communeNames.filter((w) => w.length > 2);

  const queries: SearchQuery[] = [];
  const add = (kind: QueryKind, qs: (string | undefined)[]) => {
    for (const q of qs) if (q && !queries.some((x) => x.q === q)) queries.push({ q, kind });
  };
  const top = (xs: string[], min = 3) => byFrequency(xs).find(([w]) => w.length >= min)?.[0];
  // Common names (5, as in the synthetic bench): the most frequent family name, middle name, first
  // two words, last two words, and the second family name of 3+ letters.
  const family = byFrequency(communeNames.map((w) => w[0])).filter(([w]) => w.length >= 3);
  add('common name', [
    family[0]?.[0],
    top(long.map((w) => w[1])),
    top(long.map((w) => `${w[0]} ${w[1]}`)),
    top(long.map((w) => w.slice(-2).join(' '))),
    family[1]?.[0],
  ]);
  // Partial words (10): given names of middling frequency, whole (as "duc", "phuong").
  const given = byFrequency(communeNames.map((w) => w[w.length - 1])).filter(
    ([w]) => w.length >= 3,
  );
  const middling = given.slice(Math.floor(given.length / 4), Math.ceil((given.length * 3) / 4));
  add(
    'partial word',
    spread(middling, 10).map(([w]) => w),
  );
  // Rare names (2): the words of 4+ letters found inside the fewest of the commune's names.
  const joined = inCommune.map((r) => r.full_name_folded);
  const rare = [...new Set(communeNames.flat())]
    .filter((w) => w.length >= 4)
    .map((w) => [w, joined.filter((n) => n.includes(w)).length] as const)
    .sort((x, y) => x[1] - y[1] || x[0].localeCompare(y[0]));
  add(
    'rare name',
    rare.slice(0, 2).map(([w]) => w),
  );
  // Full or partial full names (12): 4 residents each of the hamlet, the commune and the district,
  // whole, first two words, last two words, or cut after the last word's first letter
  // ("nguyen van d").
  const shapes = [
    (w: string[]) => w.join(' '),
    (w: string[]) => w.slice(0, 2).join(' '),
    (w: string[]) => w.slice(-2).join(' '),
    (w: string[]) => `${w.slice(0, -1).join(' ')} ${w[w.length - 1][0]}`,
  ];
  const sampled = [inHamlet, inCommune, inDistrict].flatMap((rs) =>
    spread(
      rs.map(words).filter((w) => w.length >= 3),
      4,
    ),
  );
  add(
    'full or partial full name',
    sampled.map((w, i) => shapes[i % shapes.length](w)),
  );
  // Short (4): the synthetic bench's own, "zy" matching nobody.
  add('short (1–2 letters)', ['ng', 'ha', 'y', 'zy']);
  // Phone digits (2): a hamlet resident's first four digits; a commune resident's four + space +
  // one. (Only users who may see phones search by them: the others get nothing, at once.)
  const phoneOf = (rs: typeof inHamlet) =>
    spread(
      rs.flatMap((r) => (r.phone ? [r.phone.replace(/\D/g, '')] : [])),
      1,
    )[0];
  const p1 = phoneOf(inHamlet);
  const p2 = phoneOf(inCommune);
  add('phone digits', [p1?.slice(0, 4), p2 && `${p2.slice(0, 4)} ${p2[4]}`]);
  // Birth year (1): the hamlet's median.
  const years = inHamlet.flatMap((r) => (r.birth_year ? [r.birth_year] : [])).sort((x, y) => x - y);
  add('birth year', [years.length ? String(years[Math.floor(years.length / 2)]) : undefined]);

  // Kinds interleaved, as in the synthetic list (the warm-up takes the first 20).
  const byKind = queries.map((x) => queries.filter((y) => y.kind === x.kind).indexOf(x));
  const order = queries.map((x, i) => ({ x, at: byKind[i] })).sort((a, b) => a.at - b.at);
  return {
    users: picks.map(([u]) => u),
    queries: order.map((o) => o.x),
    scopes: picks.map(([user, role, unit]) => ({
      user,
      role,
      unit: unit.name,
      residents: unit.residents,
    })),
  };
}
