/**
 * Registry benchmark (prints figures; not a timed test).
 *
 *   npx tsx apps/server/bench/registry.bench.ts [--db sqlite|postgres|both]
 *       [--import-rows 100000] [--registry-rows 1000000]
 *
 * For each database: a fresh, migrated database and the real app listening on 127.0.0.1; a
 * household list (.xlsx, streamed) imported through HTTP as a commune officer would; the registry
 * filled up to --registry-rows residents; then searches by partial unaccented names through HTTP
 * as a hamlet team member, a commune officer and a district officer. See bench/README.md.
 */
import { fork, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { openAsBlob, readFileSync, statSync, writeFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import ExcelJS from 'exceljs';
import { Kysely, PostgresDialect, sql } from 'kysely';
import pg from 'pg';
import { foldText } from '@toso/domain/text';
import { buildApp } from '../src/app';
import { loadConfig, type DatabaseConfig } from '../src/config';
import { createDb, sqliteHandle, type Db, type Executor } from '../src/db/db';
import type { HouseholdsTable, ResidentsTable } from '../src/db/schema';
import { migrateToLatest } from '../src/db/migrate';
import type { UnitRow } from '../src/features/units/units.repository';
import { newId, nowIso } from '../src/lib/ids';
import { buildUnit, buildUser, TEST_PASSWORD } from '../test/factories';
import { measureSearch, printSearch, searchStats, type SearchSample } from './registry-search';
import { table } from './figures';

// ---------------------------------------------------------------- arguments

type DbKind = 'sqlite' | 'postgres';

function parseArgs(argv: string[]) {
  const opts = {
    db: 'both' as DbKind | 'both',
    importRows: 100_000,
    registryRows: 1_000_000,
    searchBudgetS: 90,
  };
  for (let i = 0; i < argv.length; i += 1) {
    const a = argv[i];
    const next = () => {
      const v = argv[i + 1];
      if (v === undefined) throw new Error(`${a} needs a value`);
      i += 1;
      return v;
    };
    if (a === '--db') {
      const v = next();
      if (v !== 'sqlite' && v !== 'postgres' && v !== 'both') throw new Error(`bad --db ${v}`);
      opts.db = v;
    } else if (a === '--import-rows') opts.importRows = positiveInt(next(), a);
    else if (a === '--registry-rows') opts.registryRows = positiveInt(next(), a);
    else if (a === '--search-budget-s') opts.searchBudgetS = positiveInt(next(), a);
    else if (a === '--help' || a === '-h') {
      console.log(
        'npx tsx apps/server/bench/registry.bench.ts [--db sqlite|postgres|both] [--import-rows N] [--registry-rows N]',
      );
      process.exit(0);
    } else throw new Error(`unknown argument ${a}`);
  }
  if (opts.registryRows < opts.importRows) opts.registryRows = opts.importRows;
  return opts;
}

function positiveInt(v: string, name: string): number {
  const n = Number(v.replace(/[_,]/g, ''));
  if (!Number.isInteger(n) || n < 1) throw new Error(`${name} must be a positive integer`);
  return n;
}

// ---------------------------------------------------------------- small helpers

const MB = 1024 * 1024;
const fmtMb = (b: number) => `${(b / MB).toFixed(1)} MB`;
const fmtInt = (n: number) => Math.round(n).toLocaleString('en-US');
const fmtS = (ms: number) => `${(ms / 1000).toFixed(2)} s`;
const fmtMs = (ms: number) => `${ms.toFixed(1)} ms`;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const log = (...a: unknown[]) => console.log(...a);

setFlagsFromString('--expose-gc');
const gc = runInNewContext('gc') as () => void;

/** A deterministic pseudo-random generator (mulberry32), so every run sees the same data. */
function rng(seed: number) {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
type Rand = () => number;
const pick = <T>(r: Rand, xs: readonly T[]) => xs[Math.floor(r() * xs.length)];
function weighted<T>(table: readonly (readonly [T, number])[]) {
  const total = table.reduce((s, [, w]) => s + w, 0);
  return (r: Rand): T => {
    let x = r() * total;
    for (const [v, w] of table) {
      x -= w;
      if (x < 0) return v;
    }
    return table[table.length - 1][0];
  };
}

// ---------------------------------------------------------------- Vietnamese people

const FAMILY = weighted([
  ['Nguyễn', 38],
  ['Trần', 11],
  ['Lê', 9.5],
  ['Phạm', 7],
  ['Hoàng', 4],
  ['Huỳnh', 1],
  ['Phan', 4.5],
  ['Vũ', 2.5],
  ['Võ', 1.4],
  ['Đặng', 2.1],
  ['Bùi', 2],
  ['Đỗ', 1.4],
  ['Hồ', 1.3],
  ['Ngô', 1.3],
  ['Dương', 1],
  ['Lý', 0.5],
  ['Đinh', 0.8],
  ['Trịnh', 0.6],
  ['Mai', 0.5],
  ['Lương', 0.5],
  ['Ma', 0.4],
  ['Hà', 0.5],
  ['Triệu', 0.3],
  ['Nông', 0.4],
  ['La', 0.2],
] as const);
const MIDDLE_M = weighted([
  ['Văn', 40],
  ['Đức', 10],
  ['Minh', 8],
  ['Quang', 6],
  ['Hữu', 6],
  ['Xuân', 5],
  ['Công', 5],
  ['Thanh', 4],
  ['Ngọc', 3],
  ['Hoàng', 3],
  ['Tiến', 3],
  ['Mạnh', 3],
  ['Trọng', 3],
  ['Việt', 2],
] as const);
const MIDDLE_F = weighted([
  ['Thị', 55],
  ['Ngọc', 7],
  ['Thu', 6],
  ['Thanh', 6],
  ['Minh', 4],
  ['Hồng', 5],
  ['Phương', 3],
  ['Bích', 3],
  ['Kim', 3],
  ['Mai', 2],
  ['Thúy', 3],
  ['Khánh', 2],
] as const);
const GIVEN_M = [
  'Anh',
  'Bình',
  'Cường',
  'Dũng',
  'Đức',
  'Hải',
  'Hùng',
  'Huy',
  'Khánh',
  'Long',
  'Minh',
  'Nam',
  'Phong',
  'Quân',
  'Sơn',
  'Thắng',
  'Thành',
  'Trung',
  'Tuấn',
  'Việt',
  'Hoàng',
  'Đạt',
  'Duy',
  'Hiếu',
  'Kiên',
  'Lâm',
  'Tâm',
  'Toàn',
  'Trường',
  'Vinh',
  'Hưng',
  'Khoa',
  'Lộc',
  'Phúc',
  'Tú',
  'Thịnh',
] as const;
const GIVEN_F = [
  'Anh',
  'Hoa',
  'Hương',
  'Hằng',
  'Lan',
  'Linh',
  'Mai',
  'Ngọc',
  'Nhung',
  'Phương',
  'Thảo',
  'Thủy',
  'Trang',
  'Yến',
  'Hà',
  'Huyền',
  'Dung',
  'Hạnh',
  'Loan',
  'Nga',
  'Oanh',
  'Quỳnh',
  'Tuyết',
  'Vân',
  'Xuân',
  'Thu',
  'Hiền',
  'Liên',
  'Chi',
  'My',
  'Hồng',
  'Lý',
  'Nhàn',
  'Tâm',
  'Giang',
  'Hậu',
] as const;
/** Rare given names (about 1 person in 5,000 each): the "needle" searches. */
const RARE = ['Khuê', 'Diệp', 'Triều', 'Thoa'] as const;
const ETHNIC = weighted([
  ['Kinh', 70],
  ['Tày', 12],
  ['Nùng', 6],
  ['Dao', 5],
  ['Sán Dìu', 3],
  ['Mông', 2],
  ['Hoa', 2],
] as const);

function personName(r: Rand, sex: 'male' | 'female', family?: string): string {
  const given = r() < 0.0008 ? pick(r, RARE) : pick(r, sex === 'male' ? GIVEN_M : GIVEN_F);
  const middle = sex === 'male' ? MIDDLE_M(r) : MIDDLE_F(r);
  return `${family ?? FAMILY(r)} ${middle} ${given}`;
}

const phone = (r: Rand) =>
  `0${pick(r, ['9', '8', '3', '7', '5'])}${Math.floor(r() * 1e8)
    .toString()
    .padStart(8, '0')}`;
const cccd = (r: Rand) =>
  `0${Math.floor(r() * 1e11)
    .toString()
    .padStart(11, '0')}`;

interface Person {
  fullName: string;
  sex: 'male' | 'female';
  birthYear: number;
  relation: string; // the cell text: Chủ hộ, Vợ, Chồng, Con, Bố, Mẹ, Cháu
  relationKey: 'head' | 'spouse' | 'child' | 'parent' | 'grandchild';
  phone: string | null;
  nationalId: string | null;
  ethnicity: string;
}

const HOUSEHOLD_SIZE = weighted([
  [1, 8],
  [2, 16],
  [3, 22],
  [4, 26],
  [5, 15],
  [6, 8],
  [7, 5],
] as const);
const THIS_YEAR = new Date().getFullYear();

/** One household of 1–7 people, the head first. */
function household(r: Rand): Person[] {
  const size = HOUSEHOLD_SIZE(r);
  const headSex: 'male' | 'female' = r() < 0.78 ? 'male' : 'female';
  const family = FAMILY(r);
  const ethnicity = ETHNIC(r);
  const headYear = THIS_YEAR - 25 - Math.floor(r() * 55);
  const adult = (y: number) => THIS_YEAR - y >= 14;
  const make = (
    sex: 'male' | 'female',
    birthYear: number,
    relation: string,
    relationKey: Person['relationKey'],
    fam?: string,
  ): Person => ({
    fullName: personName(r, sex, fam),
    sex,
    birthYear: Math.min(THIS_YEAR - 1, Math.max(1925, birthYear)),
    relation,
    relationKey,
    phone: adult(birthYear) && r() < (relationKey === 'head' ? 0.6 : 0.25) ? phone(r) : null,
    nationalId: adult(birthYear) && r() < 0.55 ? cccd(r) : null,
    ethnicity,
  });
  const people = [make(headSex, headYear, 'Chủ hộ', 'head', family)];
  if (size >= 2) {
    const sex = headSex === 'male' ? 'female' : 'male';
    people.push(
      make(sex, headYear + Math.floor(r() * 7) - 3, sex === 'female' ? 'Vợ' : 'Chồng', 'spouse'),
    );
  }
  let grand = size >= 6;
  for (let i = people.length; i < size; i += 1) {
    const sex: 'male' | 'female' = r() < 0.5 ? 'male' : 'female';
    if (i === size - 1 && size >= 5 && r() < 0.4) {
      people.push(
        make(sex, headYear - 22 - Math.floor(r() * 6), sex === 'male' ? 'Bố' : 'Mẹ', 'parent'),
      );
    } else if (grand && i >= 4) {
      people.push(make(sex, THIS_YEAR - 1 - Math.floor(r() * 10), 'Cháu', 'grandchild', family));
      grand = false;
    } else {
      people.push(make(sex, headYear + 20 + Math.floor(r() * 15), 'Con', 'child', family));
    }
  }
  return people;
}

// ---------------------------------------------------------------- world

interface World {
  province: UnitRow;
  district: UnitRow;
  communes: { commune: UnitRow; hamlets: UnitRow[] }[];
}

const COMMUNES = [
  'Xã Yên Đổ',
  'Xã Động Đạt',
  'Xã Phấn Mễ',
  'Xã Tức Tranh',
  'Xã Vô Tranh',
  'Xã Ôn Lương',
  'Xã Phủ Lý',
  'Xã Hợp Thành',
  'Xã Yên Ninh',
  'Xã Yên Trạch',
];
const HAMLETS = [
  'Làng Mới',
  'Đồng Tâm',
  'Khe Ván',
  'Bản Cái',
  'Đồng Xe',
  'Na Pọ',
  'Làng Hin',
  'Khe Thương',
  'Đồng Kem',
  'Đồng Vĩnh',
  'Bãi Bằng',
  'Gốc Gạo',
  'Cây Thị',
  'Phố Trào',
  'Đồng Chốc',
  'Pháng',
  'Khe Cốc',
  'Tân Thái',
  'Hòa Bình',
  'Thâm Găng',
];

async function buildWorld(db: Db): Promise<World> {
  const province = await buildUnit(db, null, {
    level: 'province',
    kind: 'tinh',
    code: '19',
    name: 'Tỉnh Thái Nguyên',
  });
  const district = await buildUnit(db, province, {
    level: 'district',
    kind: 'huyen',
    code: '168',
    name: 'Huyện Phú Lương',
  });
  const communes: World['communes'] = [];
  for (const [i, name] of COMMUNES.entries()) {
    const commune = await buildUnit(db, district, {
      level: 'commune',
      kind: 'xa',
      code: String(5620 + i * 3).padStart(5, '0'),
      name,
    });
    const hamlets: UnitRow[] = [];
    for (const h of HAMLETS) {
      hamlets.push(
        await buildUnit(db, commune, { level: 'hamlet', kind: 'xom', name: `Xóm ${h}` }),
      );
    }
    communes.push({ commune, hamlets });
  }
  await buildUser(db, {
    username: 'bench.commune',
    role: 'commune_officer',
    unit: communes[0].commune,
  });
  await buildUser(db, {
    username: 'bench.member',
    role: 'team_member',
    unit: communes[0].hamlets[0],
  });
  await buildUser(db, { username: 'bench.district', role: 'district_officer', unit: district });
  return { province, district, communes };
}

// ---------------------------------------------------------------- the .xlsx

const HEADERS = [
  'Xóm / Thôn / Tổ dân phố',
  'Mã hộ',
  'Địa chỉ',
  'Họ và tên',
  'Năm sinh',
  'Giới tính',
  'Quan hệ với chủ hộ',
  'Số điện thoại',
  'Số CCCD / Số định danh',
  'Dân tộc',
];

/** Writes `rows` residents as a commune's household list with exceljs's streaming writer. */
async function writeHouseholdList(
  file: string,
  rows: number,
  hamlets: UnitRow[],
  commune: UnitRow,
) {
  const r = rng(20261127);
  const wb = new ExcelJS.stream.xlsx.WorkbookWriter({
    filename: file,
    // As Excel writes them: text cells point into xl/sharedStrings.xml.
    useSharedStrings: true,
    useStyles: false,
  });
  const ws = wb.addWorksheet('Danh sách hộ');
  ws.addRow(HEADERS).commit();
  let written = 0;
  let h = 0;
  while (written < rows) {
    h += 1;
    const hamlet = hamlets[h % hamlets.length];
    // Half the lists write "Xóm Làng Mới", the other half just "Làng Mới".
    const hamletCell = h % 2 === 0 ? hamlet.name : hamlet.name.replace(/^Xóm /, '');
    const code = `H${String(h).padStart(6, '0')}`;
    const address = `Số ${1 + Math.floor(r() * 200)}, ${hamlet.name}, ${commune.name}`;
    for (const p of household(r)) {
      if (written >= rows) break;
      ws.addRow([
        hamletCell,
        code,
        address,
        p.fullName,
        p.birthYear,
        p.sex === 'male' ? 'Nam' : 'Nữ',
        p.relation,
        p.phone ?? '',
        p.nationalId ?? '',
        p.ethnicity,
      ]).commit();
      written += 1;
    }
  }
  ws.commit();
  await wb.commit();
  return { residents: written, households: h };
}

// ---------------------------------------------------------------- HTTP client

/**
 * fetch, retried once when a kept-alive connection was closed by the server meanwhile (after the
 * long fill, the server's keep-alive timeout has passed and a POST is not retried by undici).
 */
async function fetchRetry(url: string, init: RequestInit): Promise<Response> {
  try {
    return await fetch(url, init);
  } catch (e) {
    const code = (e as { cause?: { code?: string } }).cause?.code;
    if (code !== 'ECONNRESET' && code !== 'UND_ERR_SOCKET') throw e;
    return fetch(url, init);
  }
}

class Client {
  constructor(
    private base: string,
    public cookie = '',
  ) {}

  async login(username: string): Promise<Client> {
    const res = await fetchRetry(`${this.base}/api/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username, password: TEST_PASSWORD }),
    });
    if (res.status !== 200) throw new Error(`login ${username}: ${res.status} ${await res.text()}`);
    const c = res.headers.getSetCookie().find((s) => s.startsWith('toso_session='));
    if (!c) throw new Error('no session cookie');
    return new Client(this.base, c.split(';')[0]);
  }

  async json<T>(method: string, path: string, body?: unknown, expect = [200]): Promise<T> {
    const res = await fetchRetry(`${this.base}${path}`, {
      method,
      headers: {
        cookie: this.cookie,
        ...(body !== undefined ? { 'content-type': 'application/json' } : {}),
      },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await res.text();
    if (!expect.includes(res.status))
      throw new Error(`${method} ${path}: ${res.status} ${text.slice(0, 500)}`);
    return JSON.parse(text) as T;
  }

  async upload<T>(path: string, file: string, name: string): Promise<T> {
    const form = new FormData();
    form.append('file', await openAsBlob(file), name);
    const res = await fetchRetry(`${this.base}${path}`, {
      method: 'POST',
      headers: { cookie: this.cookie },
      body: form,
    });
    const text = await res.text();
    if (res.status !== 202) throw new Error(`upload: ${res.status} ${text.slice(0, 500)}`);
    return JSON.parse(text) as T;
  }
}

interface JobDto {
  id: string;
  status: string;
  processed: number;
  total: number | null;
  errorCount: number;
  errors: { row: number; column: string; message: string }[];
  duplicateCount: number;
  warnings: unknown[];
  summary: { households: number; residents: number };
  written: { households: number; residents: number; skipped: number } | null;
  message: string | null;
}

// ---------------------------------------------------------------- memory sampler

class MemorySampler {
  peakRss = 0;
  peakHeap = 0;
  samples = 0;
  private timer: NodeJS.Timeout | undefined;

  start() {
    const take = () => {
      const m = process.memoryUsage();
      this.samples += 1;
      if (m.rss > this.peakRss) this.peakRss = m.rss;
      if (m.heapUsed > this.peakHeap) this.peakHeap = m.heapUsed;
    };
    take();
    this.timer = setInterval(take, 50);
  }

  stop() {
    clearInterval(this.timer);
    const m = process.memoryUsage();
    this.peakRss = Math.max(this.peakRss, m.rss);
    this.peakHeap = Math.max(this.peakHeap, m.heapUsed);
  }
}

// ---------------------------------------------------------------- the server in its own process

/**
 * The real app runs in a child process (this same script with TOSO_BENCH_SERVER set), so its
 * memory is measured apart from the client's generated workbook and upload. The child samples its
 * own RSS and V8 heap every 50 ms and reads the kernel's high-water mark (VmHWM, reset through
 * /proc/self/clear_refs at each mark); the parent asks for them over IPC.
 */
interface ServerMemory {
  rss: number;
  heapUsed: number;
  /** Since the last mark: sampled peaks, and the kernel's exact peak (VmHWM, 0 when unreadable). */
  peakRss: number;
  peakHeap: number;
  hwm: number;
  /** CPU time of the server process since it started, in ms. */
  cpuMs: number;
  /** CPU time of its main thread alone (the sheet is parsed in a worker thread), in ms; 0 if unreadable. */
  mainCpuMs: number;
}

type ServerRequest = { id: number; op: 'mark' | 'peak' };

/** CPU time of this process's main thread, in ms (Linux: /proc/self/task/<pid>/stat), else 0. */
function mainThreadCpuMs(): number {
  try {
    const stat = readFileSync(`/proc/self/task/${process.pid}/stat`, 'utf8');
    const f = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(f[11]) + Number(f[12])) * 10; // utime + stime, in 1/100 s
  } catch {
    return 0;
  }
}

function vmHwm(): number {
  try {
    const m = /VmHWM:\s+(\d+) kB/.exec(readFileSync('/proc/self/status', 'utf8'));
    return m ? Number(m[1]) * 1024 : 0;
  } catch {
    return 0;
  }
}

/** The child's side: the app on 127.0.0.1, then answers to mark/peak requests. */
async function serveChild() {
  const database = JSON.parse(process.env.TOSO_BENCH_SERVER ?? '') as DatabaseConfig;
  const config = { ...loadConfig({ TOSO_DEMO: '0', TOSO_LOG_LEVEL: 'silent' }), database };
  const db = createDb(database);
  const app = await buildApp(config, db, { logger: false });
  const address = await app.listen({ port: 0, host: '127.0.0.1' });
  let peakRss = 0;
  let peakHeap = 0;
  const sample = () => {
    const m = process.memoryUsage();
    peakRss = Math.max(peakRss, m.rss);
    peakHeap = Math.max(peakHeap, m.heapUsed);
    return m;
  };
  const timer = setInterval(sample, 50);
  const answer = (): ServerMemory => {
    const m = sample();
    const cpu = process.cpuUsage();
    return {
      rss: m.rss,
      heapUsed: m.heapUsed,
      peakRss,
      peakHeap,
      hwm: vmHwm(),
      cpuMs: (cpu.user + cpu.system) / 1000,
      mainCpuMs: mainThreadCpuMs(),
    };
  };
  process.on('message', (msg: ServerRequest | 'stop') => {
    if (msg === 'stop') {
      clearInterval(timer);
      void app
        .close()
        .then(() => db.destroy())
        .then(() => process.exit(0));
      return;
    }
    if (msg.op === 'mark') {
      gc();
      try {
        writeFileSync('/proc/self/clear_refs', '5'); // resets VmHWM to the current RSS
      } catch {
        // not Linux: the sampled peak still stands
      }
      peakRss = 0;
      peakHeap = 0;
    }
    process.send?.({ id: msg.id, ...answer() });
  });
  process.send?.({ address });
}

class ServerProcess {
  private nextId = 1;
  private waiting = new Map<number, (m: ServerMemory) => void>();

  private constructor(
    private child: ChildProcess,
    readonly address: string,
  ) {
    child.on('message', (m: ServerMemory & { id: number }) => {
      this.waiting.get(m.id)?.(m);
      this.waiting.delete(m.id);
    });
  }

  static start(database: DatabaseConfig): Promise<ServerProcess> {
    // TOSO_BENCH_SERVER_ARGS: extra Node options for the server process alone, e.g.
    // "--cpu-prof --cpu-prof-dir=/tmp/prof" to profile the import (see bench/README.md).
    const extra = process.env.TOSO_BENCH_SERVER_ARGS?.split(/\s+/).filter(Boolean) ?? [];
    const child = fork(import.meta.filename, [], {
      execArgv: [...process.execArgv, ...extra],
      env: { ...process.env, TOSO_BENCH_SERVER: JSON.stringify(database) },
      stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    });
    return new Promise((resolve, reject) => {
      child.once('message', (m: { address: string }) =>
        resolve(new ServerProcess(child, m.address)),
      );
      child.once('exit', (code) => reject(new Error(`the server process exited (${code})`)));
    });
  }

  get pid() {
    return this.child.pid;
  }

  private ask(op: ServerRequest['op']): Promise<ServerMemory> {
    const id = this.nextId;
    this.nextId += 1;
    return new Promise((resolve) => {
      this.waiting.set(id, resolve);
      this.child.send({ id, op } satisfies ServerRequest);
    });
  }

  /** A GC in the server, then its peaks start again from here. */
  mark = () => this.ask('mark');
  peak = () => this.ask('peak');

  async stop() {
    if (this.child.exitCode !== null) return;
    const exited = new Promise((r) => this.child.once('exit', r));
    this.child.send('stop');
    await Promise.race([exited, sleep(5000)]);
    if (this.child.exitCode === null) this.child.kill();
  }
}

// ---------------------------------------------------------------- import through HTTP

interface ImportFigures {
  rows: number;
  households: number;
  fileBytes: number;
  generateMs: number;
  uploadMs: number;
  readMs: number;
  writeMs: number;
  /** CPU time of the server process and of this (client) process in each phase, and the load average around it. */
  readCpuMs: number;
  writeCpuMs: number;
  /** Of which the server's main thread (the rest: the sheet reader's thread, GC, zlib, I/O). */
  readMainCpuMs: number;
  writeMainCpuMs: number;
  clientReadCpuMs: number;
  clientWriteCpuMs: number;
  /** PostgreSQL backends of the bench's database (null on SQLite or a remote server). */
  pgReadCpuMs: number | null;
  pgWriteCpuMs: number | null;
  load: [number, number];
  totalMs: number;
  /** The server process: after a GC just before the upload, and its peaks during the import. */
  server: {
    baselineRss: number;
    baselineHeap: number;
    peakRss: number;
    peakHeap: number;
    hwm: number;
    /** The same peaks up to `ready` (the read phase alone). */
    readPeakRss: number;
    readPeakHeap: number;
  };
  /** This (client) process: generated workbook, upload, polling. */
  client: { baselineRss: number; peakRss: number; peakHeap: number };
  /** The figure against the aim: the server's kernel high-water mark (or its sampled peak). */
  peakRss: number;
  written: JobDto['written'];
  duplicateCount: number;
  /** Imported residents whose name or household address holds U+FFFD (a broken UTF-8 sequence). */
  corrupted: { residents: number; households: number; examples: string[] };
}

async function pollUntil(client: Client, id: string, done: (j: JobDto) => boolean, label: string) {
  let last = 0;
  for (;;) {
    const job = await client.json<JobDto>('GET', `/api/imports/${id}`);
    if (done(job)) return job;
    if (job.status === 'failed' || job.status === 'invalid' || job.status === 'needs_mapping') {
      throw new Error(
        `import ${label}: ${job.status} ${job.message ?? ''} ${JSON.stringify(job.errors.slice(0, 5))}`,
      );
    }
    if (Date.now() - last > 5000) {
      last = Date.now();
      process.stdout.write(`    ${label}: ${fmtInt(job.processed)} rows\n`);
    }
    await sleep(50);
  }
}

async function countCorrupted(db: Db): Promise<ImportFigures['corrupted']> {
  const bad = '%\uFFFD%';
  const rows = await db
    .selectFrom('residents')
    .select('full_name')
    .where('full_name', 'like', bad)
    .execute();
  const hh = await db
    .selectFrom('households')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('address', 'like', bad)
    .execute();
  return {
    residents: rows.length,
    households: Number(hh[0].n),
    examples: rows.slice(0, 5).map((r) => r.full_name),
  };
}

/**
 * PostgreSQL only, when the server runs on this machine: CPU ticks (user + system, 1/100 s) of
 * each backend serving the bench's database, read from /proc/<pid>/stat. A phase's CPU is the sum
 * over backends of the growth between two readings (a backend that exits in between loses its
 * last ticks; the shared WAL writer and checkpointer are not counted).
 */
async function pgBackendTicks(db: Db): Promise<Map<number, number> | null> {
  if (sqliteHandle(db)) return null;
  const { rows } = await sql<{ pid: number }>`SELECT pid FROM pg_stat_activity
    WHERE datname = current_database() AND backend_type = 'client backend'`.execute(db);
  const out = new Map<number, number>();
  for (const { pid } of rows) {
    try {
      const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
      const f = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      out.set(pid, Number(f[11]) + Number(f[12])); // utime, stime (fields 14, 15)
    } catch {
      return null; // not on this machine, or not readable
    }
  }
  return out;
}

function ticksMs(a: Map<number, number> | null, b: Map<number, number> | null): number | null {
  if (!a || !b) return null;
  let t = 0;
  for (const [pid, v] of b) t += v - (a.get(pid) ?? 0);
  return t * 10;
}

async function importThroughHttp(
  db: Db,
  server: ServerProcess,
  base: string,
  world: World,
  rows: number,
  dir: string,
): Promise<ImportFigures> {
  const file = join(dir, 'danh-sach-ho.xlsx');
  const commune = world.communes[0];
  let t = performance.now();
  const gen = await writeHouseholdList(file, rows, commune.hamlets, commune.commune);
  const generateMs = performance.now() - t;
  const fileBytes = statSync(file).size;
  log(
    `  generated ${fmtInt(gen.residents)} residents in ${fmtInt(gen.households)} households: ${fmtMb(fileBytes)} in ${fmtS(generateMs)}`,
  );

  const officer = await new Client(base).login('bench.commune');
  gc();
  await sleep(200);
  gc();
  const base0 = process.memoryUsage();
  const server0 = await server.mark();
  const sampler = new MemorySampler();
  sampler.start();
  const load0 = loadavg()[0];
  const pg0 = await pgBackendTicks(db);
  const cpu0 = process.cpuUsage();
  const t0 = performance.now();
  const started = await officer.upload<JobDto>(
    `/api/imports/residents?unitId=${commune.commune.id}`,
    file,
    'danh-sach-ho.xlsx',
  );
  const uploadMs = performance.now() - t0;
  const ready = await pollUntil(officer, started.id, (j) => j.status === 'ready', 'reading');
  const t1 = performance.now();
  const cpu1 = process.cpuUsage();
  const pg1 = await pgBackendTicks(db);
  const server1 = await server.peak();
  await officer.json<JobDto>(
    'POST',
    `/api/imports/${started.id}/commit`,
    { skipDuplicates: true },
    [200, 202],
  );
  const done = await pollUntil(officer, started.id, (j) => j.status === 'done', 'writing');
  const t2 = performance.now();
  const cpu2 = process.cpuUsage();
  const pg2 = await pgBackendTicks(db);
  const server2 = await server.peak();
  sampler.stop();
  const cpuMs = (a: NodeJS.CpuUsage, b: NodeJS.CpuUsage) =>
    (b.user - a.user + b.system - a.system) / 1000;
  t = t2 - t0;
  return {
    rows: ready.summary.residents,
    households: ready.summary.households,
    fileBytes,
    generateMs,
    uploadMs,
    readMs: t1 - t0,
    writeMs: t2 - t1,
    readCpuMs: server1.cpuMs - server0.cpuMs,
    writeCpuMs: server2.cpuMs - server1.cpuMs,
    readMainCpuMs: server1.mainCpuMs - server0.mainCpuMs,
    writeMainCpuMs: server2.mainCpuMs - server1.mainCpuMs,
    clientReadCpuMs: cpuMs(cpu0, cpu1),
    clientWriteCpuMs: cpuMs(cpu1, cpu2),
    pgReadCpuMs: ticksMs(pg0, pg1),
    pgWriteCpuMs: ticksMs(pg1, pg2),
    load: [load0, loadavg()[0]],
    totalMs: t,
    server: {
      baselineRss: server0.rss,
      baselineHeap: server0.heapUsed,
      peakRss: server2.peakRss,
      peakHeap: server2.peakHeap,
      hwm: server2.hwm,
      readPeakRss: Math.max(server1.hwm, server1.peakRss),
      readPeakHeap: server1.peakHeap,
    },
    client: { baselineRss: base0.rss, peakRss: sampler.peakRss, peakHeap: sampler.peakHeap },
    peakRss: Math.max(server2.hwm, server2.peakRss),
    written: done.written,
    duplicateCount: ready.duplicateCount,
    corrupted: await countCorrupted(db),
  };
}

// ---------------------------------------------------------------- bulk fill

async function residentCount(db: Db): Promise<number> {
  const [{ n }] = await db
    .selectFrom('residents')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .execute();
  return Number(n);
}

/** Fills the registry to `target` residents over every hamlet of every commune. */
async function fillRegistry(db: Db, kind: DbKind, world: World, target: number) {
  const have = await residentCount(db);
  const todo = target - have;
  if (todo <= 0) return { inserted: 0, ms: 0 };
  const hamlets = world.communes.flatMap((c) => c.hamlets);
  const r = rng(7 + target);
  const now = nowIso();
  const TX = 5000;
  const STMT = kind === 'sqlite' ? 1000 : 1000;
  let inserted = 0;
  let hh = 0;
  const t0 = performance.now();
  let lastReport = t0;

  const makeChunk = (n: number) => {
    const households: HouseholdsTable[] = [];
    const residents: ResidentsTable[] = [];
    while (residents.length < n) {
      hh += 1;
      const hamlet = hamlets[hh % hamlets.length];
      const people = household(r).slice(0, n - residents.length);
      const hid = newId();
      const head = people[0];
      const address = `Số ${1 + (hh % 300)}, ${hamlet.name}`;
      households.push({
        id: hid,
        hamlet_id: hamlet.id,
        unit_path: hamlet.path,
        address,
        address_folded: foldText(address),
        head_name: head.fullName,
        head_name_folded: foldText(head.fullName),
        phone: head.phone,
        notes: '',
        is_demo: 0,
        created_at: now,
        updated_at: now,
      });
      for (const p of people) {
        residents.push({
          id: newId(),
          household_id: hid,
          hamlet_id: hamlet.id,
          unit_path: hamlet.path,
          full_name: p.fullName,
          full_name_folded: foldText(p.fullName),
          sex: p.sex,
          birth_year: p.birthYear,
          relation: p.relationKey,
          phone: p.phone,
          national_id_hash: p.nationalId ? randomBytes(32).toString('base64url') : null,
          national_id_last4: p.nationalId ? p.nationalId.slice(-4) : null,
          ethnicity: p.ethnicity,
          notes: '',
          status: 'active',
          merged_into_id: null,
          erased_at: null,
          is_demo: 0,
          created_at: now,
          updated_at: now,
        });
      }
    }
    return { households, residents };
  };

  const writeChunk = async (chunk: ReturnType<typeof makeChunk>) => {
    await db.transaction().execute(async (tx) => {
      for (let i = 0; i < chunk.households.length; i += STMT)
        await insertHouseholdsRaw(tx, chunk.households.slice(i, i + STMT));
      for (let i = 0; i < chunk.residents.length; i += STMT)
        await insertResidentsRaw(tx, chunk.residents.slice(i, i + STMT));
    });
  };

  // PostgreSQL: two transactions in flight (the server has its own processes); SQLite: one writer.
  const inFlight = kind === 'postgres' ? 2 : 1;
  const pending = new Set<Promise<void>>();
  while (inserted < todo) {
    const n = Math.min(TX, todo - inserted);
    const chunk = makeChunk(n);
    inserted += n;
    const p: Promise<void> = writeChunk(chunk).finally(() => pending.delete(p));
    pending.add(p);
    if (pending.size >= inFlight) await Promise.race(pending);
    const now2 = performance.now();
    if (now2 - lastReport > 10_000) {
      lastReport = now2;
      const rate = inserted / ((now2 - t0) / 1000);
      log(
        `    filled ${fmtInt(have + inserted)} / ${fmtInt(target)} (${fmtInt(rate)} rows/s, eta ${fmtS(((todo - inserted) / rate) * 1000)})`,
      );
    }
  }
  await Promise.all(pending);
  return { inserted, ms: performance.now() - t0 };
}

// Kysely inserts, as the product's repository does.
async function insertHouseholdsRaw(db: Executor, rows: HouseholdsTable[]) {
  if (rows.length) await db.insertInto('households').values(rows).execute();
}
async function insertResidentsRaw(db: Executor, rows: ResidentsTable[]) {
  if (rows.length) await db.insertInto('residents').values(rows).execute();
}

// ---------------------------------------------------------------- one database

interface DbFigures {
  kind: DbKind;
  imp: ImportFigures;
  fill: { inserted: number; ms: number; residents: number; households: number };
  search: SearchSample[];
  overall: { p50: number; p95: number; max: number; n: number };
}

async function openDatabase(kind: DbKind, dir: string) {
  if (kind === 'sqlite') {
    const config: DatabaseConfig = { dialect: 'sqlite', file: join(dir, 'toso-bench.db') };
    return { config, cleanup: async () => {}, note: config.file };
  }
  let baseUrl = process.env.TOSO_BENCH_PG_URL;
  let stop: (() => void) | undefined;
  let note = 'TOSO_BENCH_PG_URL';
  if (!baseUrl) {
    // A .mjs without types: imported by URL so TypeScript treats it as `any`.
    const url = pathToFileURL(join(import.meta.dirname, '../../../scripts/lib/postgres.mjs')).href;
    const mod = (await import(url)) as {
      startThrowawayPostgres: () => Promise<{ url: string; stop: () => void } | null>;
    };
    const cluster = await mod.startThrowawayPostgres();
    if (!cluster) throw new Error('PostgreSQL is not installed and TOSO_BENCH_PG_URL is not set');
    baseUrl = cluster.url;
    stop = cluster.stop;
    note = 'throwaway cluster (scripts/lib/postgres.mjs: fsync=off, default shared_buffers)';
  }
  const name = `toso_bench_${randomBytes(4).toString('hex')}`;
  const admin = new Kysely<unknown>({
    dialect: new PostgresDialect({ pool: new pg.Pool({ connectionString: baseUrl, max: 1 }) }),
  });
  await sql`CREATE DATABASE ${sql.id(name)}`.execute(admin);
  const u = new URL(baseUrl);
  u.pathname = `/${name}`;
  const config: DatabaseConfig = { dialect: 'postgres', url: u.toString() };
  const [{ version }] = (
    await sql<{ version: string }>`SELECT current_setting('server_version') AS version`.execute(
      admin,
    )
  ).rows;
  return {
    config,
    note: `PostgreSQL ${version}, ${note}`,
    cleanup: async () => {
      try {
        await sql`DROP DATABASE IF EXISTS ${sql.id(name)} WITH (FORCE)`.execute(admin);
      } finally {
        await admin.destroy();
        stop?.();
      }
    },
  };
}

async function runOne(
  kind: DbKind,
  opts: { importRows: number; registryRows: number; searchBudgetS: number },
  searches: number,
): Promise<DbFigures> {
  log(`\n=== ${kind} ===`);
  const dir = await mkdtemp(join(tmpdir(), `toso-bench-${kind}-`));
  const { config: database, cleanup, note } = await openDatabase(kind, dir);
  log(`  database: ${note}`);
  const db = createDb(database);
  try {
    await migrateToLatest(db);
    const world = await buildWorld(db);
    const server = await ServerProcess.start(database);
    const address = server.address;
    try {
      log(`  app listening on ${address} (server process ${server.pid})`);
      log(`  importing ${fmtInt(opts.importRows)} rows through HTTP…`);
      const imp = await importThroughHttp(db, server, address, world, opts.importRows, dir);
      log(
        `  import done: ${fmtInt(imp.written?.residents ?? 0)} residents, ${fmtInt(imp.written?.households ?? 0)} households in ${fmtS(imp.totalMs)}`,
      );
      log(
        `  filling the registry to ${fmtInt(opts.registryRows)} residents (setup, not measured)…`,
      );
      const f = await fillRegistry(db, kind, world, opts.registryRows);
      let tAnalyze = performance.now();
      if (kind === 'postgres') {
        // What autovacuum would have done by the time anyone searches.
        await sql`VACUUM ANALYZE residents`.execute(db);
        await sql`VACUUM ANALYZE households`.execute(db);
      }
      tAnalyze = performance.now() - tAnalyze;
      const residents = await residentCount(db);
      const [{ n: households }] = await db
        .selectFrom('households')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .execute();
      log(
        `  filled ${fmtInt(f.inserted)} residents in ${fmtS(f.ms)} (${fmtInt(f.inserted / (f.ms / 1000))} rows/s)${kind === 'postgres' ? `, then VACUUM ANALYZE in ${fmtS(tAnalyze)}` : ''}; registry: ${fmtInt(residents)} residents, ${fmtInt(Number(households))} households`,
      );
      log(`  searching (${searches} queries after 20 warm-up)…`);
      const search = await measureSearch(address, searches, opts.searchBudgetS * 1000, log);
      const figures: DbFigures = {
        kind,
        imp,
        fill: { ...f, residents, households: Number(households) },
        search,
        overall: searchStats(search),
      };
      printDb(figures);
      return figures;
    } finally {
      await server.stop();
    }
  } finally {
    await db.destroy();
    if (process.env.TOSO_BENCH_KEEP === '1') {
      // For EXPLAIN afterwards: the database (and a throwaway cluster) are left in place.
      log(
        `  TOSO_BENCH_KEEP=1: kept ${database.dialect === 'sqlite' ? database.file : database.url}`,
      );
    } else {
      await cleanup();
      await rm(dir, { recursive: true, force: true });
    }
  }
}

function printDb(f: DbFigures) {
  const i = f.imp;
  log(
    `\n  --- ${f.kind}: import of ${fmtInt(i.rows)} rows (${fmtMb(i.fileBytes)} .xlsx) through HTTP ---`,
  );
  log(
    table([
      ['phase', 'time', 'rows/s', 'CPU server', 'main thread', 'CPU client', 'CPU PostgreSQL'],
      ['upload (inside read)', fmtS(i.uploadMs), '', '', '', '', ''],
      [
        'read + check (upload → ready)',
        fmtS(i.readMs),
        fmtInt(i.rows / (i.readMs / 1000)),
        fmtS(i.readCpuMs),
        fmtS(i.readMainCpuMs),
        fmtS(i.clientReadCpuMs),
        i.pgReadCpuMs === null ? '–' : fmtS(i.pgReadCpuMs),
      ],
      [
        'write (commit → done)',
        fmtS(i.writeMs),
        fmtInt(i.rows / (i.writeMs / 1000)),
        fmtS(i.writeCpuMs),
        fmtS(i.writeMainCpuMs),
        fmtS(i.clientWriteCpuMs),
        i.pgWriteCpuMs === null ? '–' : fmtS(i.pgWriteCpuMs),
      ],
      [
        'total',
        fmtS(i.totalMs),
        fmtInt(i.rows / (i.totalMs / 1000)),
        fmtS(i.readCpuMs + i.writeCpuMs),
        fmtS(i.readMainCpuMs + i.writeMainCpuMs),
        fmtS(i.clientReadCpuMs + i.clientWriteCpuMs),
        i.pgReadCpuMs === null || i.pgWriteCpuMs === null
          ? '–'
          : fmtS(i.pgReadCpuMs + i.pgWriteCpuMs),
      ],
    ]),
  );
  log(
    `  load average (1 min) ${i.load[0].toFixed(2)} before, ${i.load[1].toFixed(2)} after, on ${cpus().length} cores (CPU time of the Node processes: PostgreSQL's own work is not in it)`,
  );
  log(
    table([
      ['memory', 'server process', 'client (this process)'],
      ['RSS before import (after gc)', fmtMb(i.server.baselineRss), fmtMb(i.client.baselineRss)],
      [
        'peak RSS during import (kernel VmHWM / 50 ms samples)',
        `${i.server.hwm ? fmtMb(i.server.hwm) : '–'} / ${fmtMb(i.server.peakRss)}`,
        `– / ${fmtMb(i.client.peakRss)}`,
      ],
      [
        'peak RSS − baseline',
        fmtMb(i.peakRss - i.server.baselineRss),
        fmtMb(i.client.peakRss - i.client.baselineRss),
      ],
      ['peak RSS up to ready (read phase alone)', fmtMb(i.server.readPeakRss), ''],
      ['V8 heap used before import', fmtMb(i.server.baselineHeap), ''],
      ['peak V8 heap used during import', fmtMb(i.server.peakHeap), fmtMb(i.client.peakHeap)],
      ['peak V8 heap up to ready (read phase alone)', fmtMb(i.server.readPeakHeap), ''],
    ]),
  );
  log(
    `  written: ${JSON.stringify(i.written)}; duplicates flagged: ${fmtInt(i.duplicateCount)}; generator took ${fmtS(i.generateMs)} (not counted)`,
  );
  if (i.corrupted.residents + i.corrupted.households > 0) {
    log(
      `  !! text corrupted by the import (U+FFFD): ${fmtInt(i.corrupted.residents)} resident names, ${fmtInt(i.corrupted.households)} household addresses, e.g. ${JSON.stringify(i.corrupted.examples)}`,
    );
  } else log('  text integrity: no U+FFFD in imported names or addresses');
  log(
    `\n  --- ${f.kind}: search on ${fmtInt(f.fill.residents)} residents (POST /api/residents/search {q, pageSize: 20}) ---`,
  );
  printSearch(f.search, log);
}

// ---------------------------------------------------------------- main

async function main() {
  const opts = parseArgs(process.argv.slice(2));
  const kinds: DbKind[] = opts.db === 'both' ? ['sqlite', 'postgres'] : [opts.db];
  log(
    `Tổ Số registry benchmark: import ${fmtInt(opts.importRows)} rows, search on ${fmtInt(opts.registryRows)} residents; ${kinds.join(', ')}; node ${process.version}`,
  );
  const results: DbFigures[] = [];
  const t0 = performance.now();
  for (const k of kinds) results.push(await runOne(k, opts, 300));

  log(`\n=== summary (aims: import ≥ 10,000 rows/s, peak RSS < 400 MB, search p95 < 50 ms) ===`);
  const rows = [
    ['database', 'import rows/s', 'server peak RSS', 'search p50', 'search p95', 'verdict'],
  ];
  for (const r of results) {
    const rate = r.imp.rows / (r.imp.totalMs / 1000);
    const misses = [
      rate < 10_000 ? 'import rate' : '',
      r.imp.peakRss >= 400 * MB ? 'memory' : '',
      r.overall.p95 >= 50 ? 'search p95' : '',
    ].filter(Boolean);
    rows.push([
      r.kind,
      `${fmtInt(rate)} ${rate >= 10_000 ? 'ok' : 'MISS'}`,
      `${fmtMb(r.imp.peakRss)} ${r.imp.peakRss < 400 * MB ? 'ok' : 'MISS'}`,
      fmtMs(r.overall.p50),
      `${fmtMs(r.overall.p95)} ${r.overall.p95 < 50 ? 'ok' : 'MISS'}`,
      misses.length ? `misses: ${misses.join(', ')}` : 'meets all aims',
    ]);
  }
  log(table(rows));
  log(`\n  total run time ${fmtS(performance.now() - t0)}`);
}

if (process.env.TOSO_BENCH_SERVER) {
  // The server process: stays up until the parent sends 'stop' (or goes away).
  process.on('disconnect', () => process.exit(0));
  serveChild().catch((e: unknown) => {
    console.error(e);
    process.exit(1);
  });
} else {
  main().then(
    () => process.exit(0),
    (e: unknown) => {
      console.error(e);
      process.exit(1);
    },
  );
}
