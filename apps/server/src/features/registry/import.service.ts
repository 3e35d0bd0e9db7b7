import { once } from 'node:events';
import { createReadStream, createWriteStream, rmSync } from 'node:fs';
import { mkdtemp, readdir, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import type { ImportJobDto } from '@toso/domain/registry';
import { sql } from 'kysely';
import { foldText } from '@toso/domain/text';
import type { AppConfig } from '../../config';
import { sqliteHandle, type Db, type Executor, type Tx } from '../../db/db';
import { AppError } from '../../lib/app-error';
import { newId, nowIso } from '../../lib/ids';
import { JobStore } from '../../lib/job-store';
import { sniffSheet, type SheetFormat } from '../../lib/row-stream';
import { SheetReader } from '../../lib/sheet-reader';
import { startsWith } from '../../lib/sql';
import type { Actor } from '../../plugins/auth';
import { recordAudit } from '../audit/audit.service';
import { getUnitInScope } from '../units/units.service';
import { nationalIdHasher } from './id-hash';
import {
  recogniseHeaders,
  rowParser,
  spoolLine,
  unspoolLine,
  type Mapping,
  type ParsedRow,
  type RowParser,
  type RowProblem,
} from './import-rows';
import { countNewHouseholds } from '../dashboard/coverage-counts';
import { newResidentCounter } from '../dashboard/kpi-counts';
import { BulkBuffers, withBulkWriteSettings } from '../../lib/bulk-insert';
import { prepareImportBatch, type HouseholdRow, type ResidentRow } from './registry.repository';

const LISTED = 500;
/** Rows checked against the registry with one query while reading. */
const BATCH = 1000;
/**
 * Rows written per batch at commit (a few statements each: see prepareImportBatch). On PostgreSQL
 * 2,000 rather than 5,000: the same CPU, and the server's peak memory fell from 367–429 MB (four
 * runs) to 354–356 MB (two runs) at 100,000 rows (bench/README.md). On SQLite 500, one prepared
 * statement: a batch's row objects then die young instead of being promoted to V8's old space
 * (see bench/README.md, importwrite).
 */
const WRITE_BATCH = { sqlite: 500, postgres: 2000 };

interface Job {
  dto: ImportJobDto;
  userId: string;
  unitPath: string;
  communePath: string;
  hamlets: Map<string, { id: string; path: string }>;
  dir: string;
  file: string;
  format: SheetFormat;
  valid: number;
  duplicateRows: Set<number>;
  touchedAt: number;
}

const TTL_MS = 2 * 3600_000;
const jobs = new JobStore<Job>({
  ttlMs: TTL_MS,
  running: (job) => job.dto.status === 'reading' || job.dto.status === 'writing',
  onDrop: (job) => void rm(job.dir, { recursive: true, force: true }),
  notFoundMessage: 'Không tìm thấy lượt nhập (có thể đã hết hạn)',
});

/** The private temporary folder of each import (the uploaded file and its spool): personal data. */
const IMPORT_DIR_PREFIX = 'toso-import-';

// Jobs live in this process's memory: when the server closes, their folders are of no use to
// anyone and hold residents' personal data, so they go with it (`dropImportJobs`, from the app's
// close: SIGINT / SIGTERM through main.ts, the end of a test file), as they do on any exit of the
// process. A process that is killed leaves them: `removeOrphanImportFolders` at the next start.
let removeOnExit = false;
function removeFoldersOnExit(): void {
  if (removeOnExit) return;
  removeOnExit = true;
  process.once('exit', () => {
    for (const job of jobs.values()) rmSync(job.dir, { recursive: true, force: true });
  });
}

/** Forgets every import job of this process and removes their folders (the server is closing). */
export async function dropImportJobs(): Promise<void> {
  const dirs = jobs.clear().map((job) => job.dir);
  await Promise.all(dirs.map((dir) => rm(dir, { recursive: true, force: true })));
}

/**
 * Removes the import folders that a process which is gone left behind (killed, or crashed): those
 * older than `minAgeMs`, by default three times the jobs' two hours, long past any job of a live
 * process on the same machine (its jobs are dropped, with their folders, two hours after their
 * last poll). Called at start; answers how many it removed.
 */
export async function removeOrphanImportFolders(
  minAgeMs = 3 * TTL_MS,
  dir = tmpdir(),
): Promise<number> {
  const now = Date.now();
  let removed = 0;
  for (const name of await readdir(dir)) {
    if (!name.startsWith(IMPORT_DIR_PREFIX)) continue;
    const path = join(dir, name);
    try {
      const info = await stat(path);
      if (!info.isDirectory() || now - info.mtimeMs < minAgeMs) continue;
      await rm(path, { recursive: true, force: true });
      removed += 1;
    } catch {
      // Removed meanwhile, or not ours to remove: leave it.
    }
  }
  return removed;
}

function communeOf(path: string, level: string): string {
  if (level === 'commune') return path;
  return `${path
    .split('/')
    .filter(Boolean)
    .slice(0, -1)
    .map((s) => `/${s}`)
    .join('')}/`;
}

/** Starts an import: the uploaded file is kept in a private temporary folder and read in the background. */
export async function startImport(
  db: Db,
  config: AppConfig,
  actor: Actor,
  unitId: string,
  fileName: string,
  save: (path: string) => Promise<void>,
): Promise<ImportJobDto> {
  jobs.sweep();
  const unit = await getUnitInScope(db, actor.scope, unitId);
  if (unit.level !== 'hamlet' && unit.level !== 'commune') {
    throw new AppError('validation_failed', 'Chọn một xóm hoặc một xã để nhập', [
      { path: 'query.unitId', message: 'Chọn xóm hoặc xã' },
    ]);
  }
  // The sheet is parsed in a worker thread (lib/sheet-reader.ts), started now so that it loads
  // while the upload is received.
  const reader = new SheetReader();
  let dir: string;
  try {
    dir = await mkdtemp(join(tmpdir(), IMPORT_DIR_PREFIX));
    removeFoldersOnExit();
  } catch (e) {
    reader.close();
    throw e;
  }
  const file = join(dir, 'upload');
  let format: SheetFormat;
  try {
    await save(file);
    format = await sniffSheet(file);
  } catch (e) {
    reader.close();
    await rm(dir, { recursive: true, force: true });
    throw e;
  }
  const communePath = communeOf(unit.path, unit.level);
  let hamletRows: { id: string; name: string; name_folded: string; path: string }[];
  try {
    hamletRows = await db
      .selectFrom('units')
      .select(['id', 'name', 'name_folded', 'path'])
      .where('level', '=', 'hamlet')
      .where(startsWith('units.path', unit.level === 'hamlet' ? unit.path : communePath))
      .where('valid_to', 'is', null)
      .execute();
  } catch (e) {
    reader.close();
    await rm(dir, { recursive: true, force: true });
    throw e;
  }
  const hamlets = new Map<string, { id: string; path: string }>();
  for (const h of hamletRows) {
    hamlets.set(h.name_folded, { id: h.id, path: h.path });
    hamlets.set(h.name_folded.replace(/^(xom|thon|ban|to dan pho|lang|ap|khu pho) /, ''), {
      id: h.id,
      path: h.path,
    });
  }
  const id = newId();
  const job: Job = {
    dto: {
      id,
      status: 'reading',
      fileName: fileName.slice(0, 200),
      unitId: unit.id,
      unitName: unit.name,
      processed: 0,
      total: null,
      headers: [],
      mapping: {},
      errors: [],
      errorCount: 0,
      warnings: [],
      duplicates: [],
      duplicateCount: 0,
      summary: { households: 0, residents: 0 },
      written: null,
      message: null,
    },
    userId: actor.userId,
    unitPath: unit.path,
    communePath,
    // A hamlet's own list may leave the hamlet column blank.
    hamlets:
      unit.level === 'hamlet'
        ? new Map([['', { id: unit.id, path: unit.path }], ...hamlets])
        : hamlets,
    dir,
    file,
    format,
    valid: 0,
    duplicateRows: new Set(),
    touchedAt: Date.now(),
  };
  jobs.add(id, job);
  void readJob(db, config, job, null, reader);
  return progressView(job.dto);
}

function rowsFile(job: Job): string {
  return join(job.dir, 'rows.jsonl');
}

/** Reads and checks every row (streaming), listing errors and duplicates; writes nothing. */
async function readJob(
  db: Db,
  config: AppConfig,
  job: Job,
  mapping: Mapping | null,
  /** A reader started ahead of time; otherwise one is started here. */
  reader: SheetReader = new SheetReader(),
): Promise<void> {
  const d = job.dto;
  Object.assign(d, {
    status: 'reading',
    processed: 0,
    errors: [],
    errorCount: 0,
    warnings: [],
    duplicates: [],
    duplicateCount: 0,
    message: null,
  });
  job.duplicateRows.clear();
  const out = createWriteStream(rowsFile(job));
  const problems: RowProblem = { errors: [], warnings: [] };
  const seen = {
    name: new Map<string, number>(),
    phone: new Map<string, number>(),
    nid: new Map<string, number>(),
  };
  const households = new Set<string>();
  let currentHousehold: string | null = null;
  let pending: ParsedRow[] = [];
  let headerSeen = false;
  let parse: RowParser | null = null;
  const thisYear = new Date().getFullYear();
  const addError = (e: RowProblem['errors'][number]) => {
    d.errorCount += 1;
    if (d.errors.length < LISTED) d.errors.push(e);
  };
  // One batch is checked against the registry (and spooled) while the next one is parsed: on
  // PostgreSQL the lookup runs in the database's process, so its time is hidden behind the
  // parsing; on SQLite it runs in this thread either way. At most one batch is in flight, so the
  // spool keeps the file's order and memory stays bounded.
  let checking: Promise<void> | null = null;
  const checkAndSpool = async (rows: ParsedRow[]) => {
    await checkAgainstRegistry(db, config, job, rows);
    // Each line is encoded on its own: UTF-8 encoding one string concatenated from a batch's
    // 1,000 lines (Vietnamese text, so two-byte) cost ~8 ms per batch, 0.6–0.8 s per 100,000 rows;
    // line by line, then one copy, about a quarter of that (bench/README.md, importfast).
    const lines = rows.map((p) => Buffer.from(spoolLine(p)));
    // Waits when the disk is slower than the reader, so the spool never piles up in memory.
    if (!out.write(Buffer.concat(lines))) await once(out, 'drain');
  };
  const flush = async () => {
    if (checking) await checking;
    checking = null;
    if (pending.length === 0) return;
    const rows = pending;
    pending = [];
    const started = checkAndSpool(rows);
    // Awaited by the next flush; until then a failure must not count as unhandled.
    started.catch(() => undefined);
    checking = started;
  };
  try {
    const hashId = await nationalIdHasher(db, config.idHashKey);
    for await (const r of reader.rows(job.file, job.format)) {
      if (!headerSeen) {
        if (r.cells.every((c) => c === '')) continue;
        headerSeen = true;
        d.headers = r.cells.map((c) => c.trim());
        const m = mapping ?? recogniseHeaders(d.headers);
        d.mapping = m;
        parse = rowParser(m, d.headers, thisYear);
        if (
          m.fullName === undefined ||
          m.fullName === null ||
          (job.hamlets.size > 0 &&
            !job.hamlets.has('') &&
            (m.hamlet === undefined || m.hamlet === null))
        ) {
          d.status = 'needs_mapping';
          d.message =
            m.fullName === undefined || m.fullName === null
              ? 'Không tìm thấy cột "Họ và tên": hãy chọn cột tương ứng'
              : 'Nhập cho cả xã cần cột "Xóm / Thôn / Tổ dân phố": hãy chọn cột tương ứng';
          out.end();
          return;
        }
        continue;
      }
      if (r.cells.every((c) => c === '')) continue;
      d.processed += 1;
      problems.errors = [];
      problems.warnings = [];
      const p = parse!(r, problems);
      problems.errors.forEach(addError);
      for (const w of problems.warnings) if (d.warnings.length < LISTED) d.warnings.push(w);
      if (!p) continue;
      const hamlet = job.hamlets.get(p.hamletKey);
      if (!hamlet) {
        const cell = r.cells[d.mapping.hamlet ?? -1] ?? '';
        addError({
          path: `rows.${r.row}.hamlet`,
          row: r.row,
          column: d.headers[d.mapping.hamlet ?? -1] ?? 'Xóm / Thôn / Tổ dân phố',
          message: cell ? `Không có xóm "${cell}" trong ${d.unitName}` : 'Thiếu tên xóm',
        });
        continue;
      }
      if (p.householdKey) currentHousehold = `${hamlet.id}|${p.householdKey}`;
      else if (p.relation === 'head') currentHousehold = `${hamlet.id}|row${r.row}`;
      if (!currentHousehold || !currentHousehold.startsWith(hamlet.id)) {
        addError({
          path: `rows.${r.row}.relation`,
          row: r.row,
          column: d.headers[d.mapping.relation ?? -1] ?? 'Quan hệ với chủ hộ',
          message:
            'Không rõ dòng này thuộc hộ nào: ghi "Chủ hộ" ở dòng đầu của mỗi hộ, hoặc thêm cột "Mã hộ"',
        });
        continue;
      }
      households.add(currentHousehold);
      // The national ID number never reaches the spool file: only its keyed hash and last 4 digits.
      const record = p;
      record.hamletKey = hamlet.id;
      record.householdKey = currentHousehold;
      record.nationalIdHash = p.nationalId ? hashId(p.nationalId) : null;
      record.nationalIdLast4 = p.nationalId ? p.nationalId.slice(-4) : null;
      record.nationalId = null;
      noteFileDuplicates(job, record, seen);
      pending.push(record);
      job.valid += 1;
      if (pending.length >= BATCH) await flush();
    }
    await flush();
    await flush(); // waits for the last batch in flight
    // Registry duplicates of a batch were listed while the next batch was parsed: by row again.
    d.duplicates.sort((a, b) => a.row - b.row);
    // The spool must be complete on disk before the job can be committed.
    await new Promise<void>((resolve, reject) => {
      out.once('error', reject);
      out.end(resolve);
    });
    if (!headerSeen) {
      d.status = 'invalid';
      d.message = 'Tệp không có dòng tiêu đề hay dữ liệu nào';
      return;
    }
    d.total = d.processed;
    d.summary = { households: households.size, residents: job.valid };
    d.status = d.errorCount > 0 ? 'invalid' : d.processed === 0 ? 'invalid' : 'ready';
    if (d.processed === 0) d.message = 'Tệp không có dòng dữ liệu nào';
  } catch (e) {
    // A batch may still be in flight: it must not write to the spool after it is ended.
    if (checking) await checking.catch(() => undefined);
    out.end();
    d.status = 'failed';
    d.message =
      e instanceof AppError ? e.message : 'Không đọc được tệp: hãy kiểm tra lại định dạng';
  } finally {
    // Already ended when its rows were read to the end or given up; not if reading never began.
    reader.close();
    job.touchedAt = Date.now();
  }
}

type DuplicateReason = 'name_birth_year' | 'phone' | 'national_id';

/** The row that first had `key` in the file, or undefined (and `key` is remembered for `row`). */
function firstRow(map: Map<string, number>, key: string | null, row: number): number | undefined {
  if (!key) return undefined;
  const prev = map.get(key);
  if (prev === undefined) map.set(key, row);
  return prev;
}

function noteFileDuplicates(
  job: Job,
  p: ParsedRow,
  seen: { name: Map<string, number>; phone: Map<string, number>; nid: Map<string, number> },
) {
  const byName = firstRow(seen.name, p.birthYear ? `${p.folded}|${p.birthYear}` : null, p.row);
  const byPhone = firstRow(seen.phone, p.phone, p.row);
  const byNid = firstRow(seen.nid, p.nationalIdHash ?? null, p.row);
  if (byName === undefined && byPhone === undefined && byNid === undefined) return;
  job.dto.duplicateCount += 1;
  if (job.dto.duplicates.length < LISTED) {
    const reasons: DuplicateReason[] = [];
    if (byName !== undefined) reasons.push('name_birth_year');
    if (byPhone !== undefined) reasons.push('phone');
    if (byNid !== undefined) reasons.push('national_id');
    job.dto.duplicates.push({
      row: p.row,
      fullName: p.fullName,
      reasons,
      existingId: null,
      existingRow: byName ?? byPhone ?? byNid ?? null,
      existingName: 'trong cùng tệp',
    });
  }
}

/** Looks up a batch of rows in the commune's registry with one query. */
type RegisteredKey =
  'residents.full_name_folded' | 'residents.phone' | 'residents.national_id_hash';

type RegistryKeys = { names: string[]; phones: string[]; nids: string[] };

function registryKeyLists(keys: RegistryKeys) {
  return (
    [
      ['residents.full_name_folded', keys.names],
      ['residents.phone', keys.phones],
      ['residents.national_id_hash', keys.nids],
    ] as [RegisteredKey, string[]][]
  ).filter(([, values]) => values.length > 0);
}

function selectRegistered(ex: Executor, communePath: string) {
  return ex
    .selectFrom('residents')
    .innerJoin('units as hamlet', 'hamlet.id', 'residents.hamlet_id')
    .select([
      'residents.id',
      'residents.full_name',
      'residents.full_name_folded',
      'residents.birth_year',
      'residents.phone',
      'residents.national_id_hash',
      'hamlet.name as hamlet_name',
    ])
    .where('residents.status', '=', 'active')
    .where(startsWith('residents.unit_path', communePath));
}

/** PostgreSQL: the lookup's query, one part per key list (see `findRegistered`). Exported for its plan test. */
export function registeredLookupPg(tx: Tx, communePath: string, keys: RegistryKeys) {
  const parts = registryKeyLists(keys).map(([col, values]) =>
    selectRegistered(tx, communePath).where(col, '=', sql<string>`ANY(${values}::text[])`),
  );
  let q = parts[0]!;
  for (const part of parts.slice(1)) q = q.union(part);
  return q;
}

/** PostgreSQL: runs `fn` in a transaction whose planner reads btrees only (see `findRegistered`). */
export function withBtreeLookups<T>(db: Db, fn: (tx: Tx) => Promise<T>): Promise<T> {
  return db.transaction().execute(async (tx) => {
    await sql`SET LOCAL enable_bitmapscan = off`.execute(tx);
    await sql`SET LOCAL enable_seqscan = off`.execute(tx);
    return fn(tx);
  });
}

/**
 * The commune's active residents whose folded name, phone or ID hash is among the keys (one
 * parameter per key list: an array on PostgreSQL, a JSON array read by `json_each` on SQLite, so
 * the statement is the same for every batch).
 *
 * On PostgreSQL each key is its own query (UNION removes a resident found twice), run with bitmap
 * scans and sequential scans off, so each list goes down its btree (`residents_person_idx`,
 * `residents_phone_idx`, `residents_nid_idx`) or, at worst, reads the commune's range of
 * `residents_scope_name`:
 * - the trigram GIN indexes on name and phone also answer `=`, and with statistics taken before a
 *   large import (or none yet) the planner chose them for `= ANY(1,000 names)`. Names that share
 *   most of their trigrams ("pham van hong 1", "… 2", …) then cost a walk of the same long posting
 *   lists for each name: 5–40 s per batch instead of milliseconds. A GIN index is only read by a
 *   bitmap scan;
 * - on the 1,000,000-resident registry, with fresh statistics, the planner took a parallel
 *   sequential scan for 1,000 names found nowhere (0.4 s) where the btree takes 3–7 ms.
 */
async function findRegistered(db: Db, communePath: string, keys: RegistryKeys) {
  if (sqliteHandle(db)) {
    return selectRegistered(db, communePath)
      .where((eb) =>
        eb.or(
          registryKeyLists(keys).map(([col, values]) =>
            eb(col, 'in', sql<string>`(SELECT value FROM json_each(${JSON.stringify(values)}))`),
          ),
        ),
      )
      .execute();
  }
  // At least one list holds keys: checkAgainstRegistry returns before asking with none.
  return withBtreeLookups(db, (tx) => registeredLookupPg(tx, communePath, keys).execute());
}

async function checkAgainstRegistry(db: Db, config: AppConfig, job: Job, rows: ParsedRow[]) {
  const hashes = new Map<number, string>();
  for (const p of rows) if (p.nationalIdHash) hashes.set(p.row, p.nationalIdHash);
  const names = [...new Set(rows.filter((p) => p.birthYear).map((p) => p.folded))];
  const phones = [...new Set(rows.map((p) => p.phone).filter((x): x is string => !!x))];
  const nids = [...new Set(hashes.values())];
  if (names.length + phones.length + nids.length === 0) return;
  const found = await findRegistered(db, job.communePath, { names, phones, nids });
  if (found.length === 0) return;
  // Index what was found by each key, so a batch costs rows + found, not rows × found (a common
  // name in a commune that is already registered can match thousands of people).
  const byKey = new Map<string, number[]>();
  const index = (key: string, i: number) => {
    const list = byKey.get(key);
    if (list) list.push(i);
    else byKey.set(key, [i]);
  };
  found.forEach((f, i) => {
    if (f.birth_year) index(`n|${f.full_name_folded}|${f.birth_year}`, i);
    if (f.phone) index(`p|${f.phone}`, i);
    if (f.national_id_hash) index(`i|${f.national_id_hash}`, i);
  });
  for (const p of rows) {
    const nidHash = hashes.get(p.row) ?? null;
    const byName = p.birthYear ? byKey.get(`n|${p.folded}|${p.birthYear}`) : undefined;
    const byPhone = p.phone ? byKey.get(`p|${p.phone}`) : undefined;
    const byNid = nidHash ? byKey.get(`i|${nidHash}`) : undefined;
    // Most rows match nobody: no lists to merge then.
    if (!byName && !byPhone && !byNid) continue;
    const candidates = [...new Set([...(byName ?? []), ...(byPhone ?? []), ...(byNid ?? [])])].sort(
      (a, b) => a - b,
    );
    for (const f of candidates.map((i) => found[i]!)) {
      const reasons = [
        ...(p.birthYear && f.full_name_folded === p.folded && f.birth_year === p.birthYear
          ? (['name_birth_year'] as const)
          : []),
        ...(p.phone && f.phone === p.phone ? (['phone'] as const) : []),
        ...(nidHash && f.national_id_hash === nidHash ? (['national_id'] as const) : []),
      ];
      if (reasons.length === 0) continue;
      job.duplicateRows.add(p.row);
      job.dto.duplicateCount += 1;
      if (job.dto.duplicates.length < LISTED) {
        job.dto.duplicates.push({
          row: p.row,
          fullName: p.fullName,
          reasons,
          existingId: f.id,
          existingRow: null,
          existingName: `${f.full_name} (${f.hamlet_name})`,
        });
      }
      break;
    }
  }
}

function getJob(actor: Actor, id: string): Job {
  return jobs.get(actor, id);
}

/**
 * While a file is read or written, the progress answers carry the counts only: the lists (up to
 * LISTED errors, warnings and duplicates each) are shown once the job is ready or invalid, and
 * serialising them on every poll cost the reader CPU time for nothing.
 */
export function progressView(dto: ImportJobDto): ImportJobDto {
  if (dto.status !== 'reading' && dto.status !== 'writing') return dto;
  return { ...dto, errors: [], warnings: [], duplicates: [] };
}

export function getImport(actor: Actor, id: string): ImportJobDto {
  return progressView(getJob(actor, id).dto);
}

export async function remapImport(
  db: Db,
  config: AppConfig,
  actor: Actor,
  id: string,
  mapping: Mapping,
): Promise<ImportJobDto> {
  const job = getJob(actor, id);
  if (['reading', 'writing', 'done', 'failed'].includes(job.dto.status)) {
    throw new AppError('conflict', 'Lượt nhập đang chạy hoặc đã xong');
  }
  job.valid = 0;
  void readJob(db, config, job, mapping);
  return progressView(job.dto);
}

/** Writes every valid row in one transaction: all or nothing. Rows already in the registry are skipped if asked. */
export async function commitImport(
  db: Db,
  config: AppConfig,
  actor: Actor,
  id: string,
  skipDuplicates: boolean,
): Promise<ImportJobDto> {
  const job = getJob(actor, id);
  if (job.dto.status !== 'ready') {
    throw new AppError(
      'conflict',
      job.dto.status === 'invalid'
        ? 'Tệp còn lỗi: sửa tệp rồi nhập lại'
        : 'Lượt nhập chưa sẵn sàng để ghi',
    );
  }
  job.dto.status = 'writing';
  job.dto.processed = 0;
  job.dto.total = job.valid;
  void writeJob(db, config, actor, job, skipDuplicates);
  return progressView(job.dto);
}

async function writeJob(
  db: Db,
  config: AppConfig,
  actor: Actor,
  job: Job,
  skipDuplicates: boolean,
): Promise<void> {
  const d = job.dto;
  const now = nowIso();
  let households = 0;
  let residents = 0;
  let skipped = 0;
  try {
    const hamletsById = new Map([...job.hamlets.values()].map((h) => [h.id, h]));
    const writeBatch = sqliteHandle(db) ? WRITE_BATCH.sqlite : WRITE_BATCH.postgres;
    await withBulkWriteSettings(db, () =>
      db.transaction().execute(async (tx) => {
        const householdIds = new Map<string, string>();
        // The kept KPI counts of every batch are summed here and upserted once, at the end.
        const counter = newResidentCounter();
        // Likewise the kept coverage counts of the new households (one upsert per unit at the end).
        const newHouseholds: { unit_path: string }[] = [];
        let batchH: HouseholdRow[] = [];
        let batchR: ResidentRow[] = [];
        // One batch is written while the next is built: on PostgreSQL the database works in its
        // own process meanwhile (on SQLite the write runs in this thread either way), and the
        // next batch's parameters are made ready before waiting for it, so the database does not
        // wait for them in turn. At most one batch is in the database; a failure surfaces at the
        // next flush and rolls everything back.
        let writing: Promise<void> | null = null;
        // PostgreSQL: the batches' binary arrays reuse the same memory (see BulkBuffers).
        const buffers = new BulkBuffers();
        const flush = async () => {
          const next =
            batchR.length > 0 || batchH.length > 0
              ? prepareImportBatch(db, batchH, batchR, buffers)
              : null;
          counter.add(batchR);
          for (const h of batchH) newHouseholds.push({ unit_path: h.unit_path });
          batchH = [];
          batchR = [];
          if (writing) await writing;
          writing = null;
          if (!next) return;
          const started = next.run(tx);
          started.catch(() => undefined);
          writing = started;
        };
        const lines = createInterface({
          input: createReadStream(rowsFile(job)),
          crlfDelay: Infinity,
        });
        for await (const line of lines) {
          if (!line) continue;
          const p = unspoolLine(line);
          d.processed += 1;
          if (skipDuplicates && job.duplicateRows.has(p.row)) {
            skipped += 1;
            continue;
          }
          const hamlet = hamletsById.get(p.hamletKey)!;
          let householdId = householdIds.get(p.householdKey as string);
          if (!householdId) {
            householdId = newId();
            householdIds.set(p.householdKey as string, householdId);
            batchH.push({
              id: householdId,
              hamlet_id: hamlet.id,
              unit_path: hamlet.path,
              address: p.address,
              address_folded: foldText(p.address),
              head_name: p.relation === 'head' ? p.fullName : '',
              head_name_folded: p.relation === 'head' ? p.folded : '',
              phone: p.relation === 'head' ? p.phone : null,
              notes: '',
              is_demo: 0,
              created_at: now,
              updated_at: now,
            });
            households += 1;
          }
          batchR.push({
            id: newId(),
            household_id: householdId,
            hamlet_id: hamlet.id,
            unit_path: hamlet.path,
            full_name: p.fullName,
            full_name_folded: p.folded,
            sex: p.sex,
            birth_year: p.birthYear,
            relation: p.relation,
            phone: p.phone,
            national_id_hash: p.nationalIdHash ?? null,
            national_id_last4: p.nationalIdLast4 ?? null,
            ethnicity: p.ethnicity,
            notes: p.notes,
            status: 'active',
            merged_into_id: null,
            erased_at: null,
            is_demo: 0,
            created_at: now,
            updated_at: now,
          });
          residents += 1;
          if (batchR.length >= writeBatch) await flush();
        }
        await flush();
        await flush(); // waits for the last batch in flight
        await counter.apply(tx);
        await countNewHouseholds(tx, newHouseholds);
        await recordAudit(tx, actor, {
          entity: 'household',
          entityId: null,
          action: 'import',
          unitPath: job.unitPath,
          summary: { after: { file: d.fileName, households, residents, skipped } },
        });
      }),
    );
    d.written = { households, residents, skipped };
    d.status = 'done';
    await rm(job.dir, { recursive: true, force: true });
  } catch {
    d.status = 'failed';
    d.message = 'Ghi dữ liệu thất bại: chưa có gì được ghi. Vui lòng thử lại.';
  } finally {
    job.touchedAt = Date.now();
  }
}
