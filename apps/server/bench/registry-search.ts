/**
 * The search part of the registry benchmark: partial unaccented queries of every kind a user
 * types, sent through HTTP as a hamlet team member, a commune officer and a district officer of
 * the bench's world (`registry.bench.ts`), with p50 / p95 per user and per kind of query. Also
 * run on its own against a kept database by `registry-search.bench.ts`.
 */
import { percentile, table } from './figures';
import { sessionCookie } from './bench-app';

/** What a user types, by kind, so that the weak case shows. */
export const QUERY_KINDS = [
  'short (1–2 letters)',
  'partial word',
  'common name',
  'full or partial full name',
  'rare name',
  'phone digits',
  'birth year',
] as const;
export type QueryKind = (typeof QUERY_KINDS)[number];
export interface SearchQuery {
  q: string;
  kind: QueryKind;
}
export interface SearchUser {
  kind: string;
  /** Short name in the tables' headings. */
  label: string;
  username: string;
}
/** Who searches and what they type: the synthetic bench's by default, or the province's. */
export interface SearchPlan {
  users: readonly SearchUser[];
  queries: readonly SearchQuery[];
}

export const QUERIES: readonly SearchQuery[] = [
  { q: 'nguyen van d', kind: 'full or partial full name' },
  { q: 'thi hoa', kind: 'common name' },
  { q: 'duc', kind: 'partial word' },
  { q: 'hoang minh', kind: 'full or partial full name' },
  { q: 'tran thi lan', kind: 'full or partial full name' },
  { q: 'le van', kind: 'common name' },
  { q: 'phuong', kind: 'partial word' },
  { q: 'khue', kind: 'rare name' },
  { q: 'trieu', kind: 'partial word' },
  { q: '1985', kind: 'birth year' },
  { q: 'ngoc anh', kind: 'full or partial full name' },
  { q: 'vu duc thang', kind: 'full or partial full name' },
  { q: 'bich ngoc', kind: 'full or partial full name' },
  { q: 'dang', kind: 'partial word' },
  { q: 'nguyen', kind: 'common name' },
  { q: 'xuan truong', kind: 'full or partial full name' },
  { q: 'pham thi thu', kind: 'full or partial full name' },
  { q: 'huong', kind: 'partial word' },
  { q: 'bui quang', kind: 'full or partial full name' },
  { q: 'thi', kind: 'common name' },
  { q: 'do van h', kind: 'full or partial full name' },
  { q: 'lan', kind: 'partial word' },
  { q: 'diep', kind: 'rare name' },
  { q: 'ma van', kind: 'full or partial full name' },
  { q: 'nong thi', kind: 'common name' },
  { q: 'hien', kind: 'partial word' },
  { q: 'ngo thanh', kind: 'full or partial full name' },
  { q: 'yen', kind: 'partial word' },
  { q: 'duong', kind: 'partial word' },
  { q: 'thuy', kind: 'partial word' },
  { q: 'ng', kind: 'short (1–2 letters)' },
  { q: 'ha', kind: 'short (1–2 letters)' },
  { q: 'y', kind: 'short (1–2 letters)' },
  { q: 'zy', kind: 'short (1–2 letters)' }, // no match anywhere
  { q: '0912', kind: 'phone digits' },
  { q: '0389 5', kind: 'phone digits' },
];

export const SEARCH_USERS = [
  { kind: 'hamlet team member', label: 'member', username: 'bench.member' },
  { kind: 'commune officer', label: 'commune', username: 'bench.commune' },
  { kind: 'district officer', label: 'district', username: 'bench.district' },
] as const;

export const SYNTHETIC_PLAN: SearchPlan = { users: SEARCH_USERS, queries: QUERIES };

interface Session {
  post: <T>(path: string, body: unknown) => Promise<T>;
}

async function login(base: string, username: string): Promise<Session> {
  const cookie = await sessionCookie(base, username);
  return {
    post: async <T>(path: string, body: unknown) => {
      const r = await fetch(`${base}${path}`, {
        method: 'POST',
        headers: { cookie, 'content-type': 'application/json' },
        body: JSON.stringify(body),
      });
      const text = await r.text();
      if (r.status !== 200) throw new Error(`POST ${path}: ${r.status} ${text.slice(0, 300)}`);
      return JSON.parse(text) as T;
    },
  };
}

export interface SearchSample {
  user: string;
  q: string;
  kind: QueryKind;
  ms: number;
  total: number;
  isCapped: boolean;
}

/**
 * `count` timed searches (after 20 warm-up ones), round-robin over the plan's queries for each of
 * its users; stops after a whole round once `budgetMs` is spent.
 */
export async function measureSearch(
  base: string,
  count: number,
  budgetMs: number,
  onNote: (s: string) => void = console.log,
  plan: SearchPlan = SYNTHETIC_PLAN,
): Promise<SearchSample[]> {
  const QUERIES = plan.queries;
  const users = await Promise.all(
    plan.users.map(async (u) => ({ ...u, session: await login(base, u.username) })),
  );
  // As the web app asks: the text in a POST body, never in the URL.
  const search = (s: Session, q: string) =>
    s.post<{ total: number; isCapped: boolean }>('/api/residents/search', { q, pageSize: 20 });
  for (let i = 0; i < 20; i += 1)
    await search(users[i % users.length].session, QUERIES[i % QUERIES.length].q);
  const samples: SearchSample[] = [];
  const perUser = Math.ceil(count / users.length);
  const t0 = performance.now();
  for (let i = 0; i < perUser; i += 1) {
    if (i % QUERIES.length === 0 && i > 0 && performance.now() - t0 > budgetMs) {
      onNote(
        `    search budget of ${(budgetMs / 1000).toFixed(0)} s spent after ${i * users.length} queries`,
      );
      break;
    }
    const { q, kind } = QUERIES[i % QUERIES.length];
    for (const u of users) {
      const t = performance.now();
      const res = await search(u.session, q);
      samples.push({
        user: u.kind,
        q,
        kind,
        ms: performance.now() - t,
        total: res.total,
        isCapped: res.isCapped,
      });
    }
  }
  return samples;
}

const ms = (x: number) => (Number.isNaN(x) ? '–' : `${x.toFixed(1)} ms`);
const stats = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return { n: s.length, p50: percentile(s, 50), p95: percentile(s, 95), max: s[s.length - 1] };
};

export function searchStats(samples: SearchSample[]) {
  return stats(samples.map((s) => s.ms));
}

/** Tables: per user; per kind of query (p50 / p95 for each user); per query. */
export function printSearch(
  samples: SearchSample[],
  out: (s: string) => void = console.log,
  plan: SearchPlan = SYNTHETIC_PLAN,
) {
  const users = plan.users.map((u) => u.kind);
  const who = `(${plan.users.map((u) => u.label).join(' · ')})`;
  const byUser = [['user', 'n', 'p50', 'p95', 'max']];
  for (const u of users) {
    const s = stats(samples.filter((x) => x.user === u).map((x) => x.ms));
    byUser.push([u, String(s.n), ms(s.p50), ms(s.p95), ms(s.max)]);
  }
  const all = searchStats(samples);
  byUser.push(['overall', String(all.n), ms(all.p50), ms(all.p95), ms(all.max)]);
  out(table(byUser));

  out(`\n  per kind of query, p50 / p95 ${who}:`);
  const byKind = [['kind', 'n', ...users, 'all users']];
  for (const k of QUERY_KINDS) {
    const ofKind = samples.filter((x) => x.kind === k);
    if (ofKind.length === 0) continue;
    const cells = users.map((u) => {
      const s = stats(ofKind.filter((x) => x.user === u).map((x) => x.ms));
      return `${ms(s.p50)} / ${ms(s.p95)}`;
    });
    const s = stats(ofKind.map((x) => x.ms));
    byKind.push([k, String(s.n), ...cells, `${ms(s.p50)} / ${ms(s.p95)}`]);
  }
  out(table(byKind));

  out(`\n  per query, median ${who} and matches (1000+ = capped):`);
  const byQuery = [['q', 'kind', ...users, 'matches']];
  const rows = plan.queries
    .map(({ q, kind }) => {
      const ofQ = samples.filter((x) => x.q === q);
      const med = users.map((u) => stats(ofQ.filter((x) => x.user === u).map((x) => x.ms)).p50);
      const matches = users
        .map((u) => {
          const last = ofQ.filter((x) => x.user === u).at(-1);
          return last ? `${last.total.toLocaleString('en-US')}${last.isCapped ? '+' : ''}` : '–';
        })
        .join(' / ');
      return { q, kind, med, matches };
    })
    .filter((r) => !r.med.every(Number.isNaN));
  rows.sort((a, b) => Math.max(...b.med) - Math.max(...a.med));
  for (const r of rows) byQuery.push([`"${r.q}"`, r.kind, ...r.med.map(ms), r.matches]);
  out(table(byQuery));
}
