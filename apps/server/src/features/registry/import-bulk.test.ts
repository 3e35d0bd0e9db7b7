import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { login, setupTestApp, type TestApp } from '../../../test/app';
import { buildWorld } from '../../../test/factories';
import { sqliteHandle } from '../../db/db';
import { settleImport, uploadFile } from '../../../test/upload';
import { keptKpi, recountKpi } from '../dashboard/kpi-counts';

// Large imports on a database of their own (they add 19,000 residents to a commune): the commit's
// bulk writes keep the dashboard's counts and stay all or nothing across write batches.

let t: TestApp;
let world: Awaited<ReturnType<typeof buildWorld>>;
let officer: string;

beforeAll(async () => {
  // A file, as in production: the session check then reads on its own connection (`readerOf`).
  t = await setupTestApp({}, { sqliteFile: true });
  world = await buildWorld(t.db);
  officer = await login(t.app, 'commune_officer.a');
});
afterAll(async () => t.close());

const settle = (id: string) => settleImport(t.app, officer, id);

async function upload(data: Buffer, name: string) {
  const res = await uploadFile(
    t.app,
    `/api/imports/residents?unitId=${world.communeA.id}`,
    officer,
    data,
    name,
  );
  expect(res.statusCode).toBe(202);
  return settle(res.json().id);
}

const HEADER =
  'Xóm / Thôn / Tổ dân phố,Mã hộ,Địa chỉ,Họ và tên,Năm sinh,Giới tính,Quan hệ với chủ hộ,Số điện thoại,Số CCCD / Số định danh,Dân tộc\n';

describe('large imports', () => {
  /** A commune's list of `n` residents over its two hamlets, four to a household. */
  function bigList(n: number, name: (i: number) => string) {
    const lines = [];
    for (let i = 0; i < n; i += 1) {
      lines.push(
        [
          i % 8 < 4 ? 'Xóm Làng Mới' : 'Đồng Tâm',
          `H${Math.floor(i / 4)}`,
          `Số ${i}`,
          name(i),
          i % 13 === 0 ? '' : String(1930 + (i % 90)),
          i % 11 === 0 ? '' : i % 2 ? 'Nam' : 'Nữ',
          i % 4 === 0 ? 'Chủ hộ' : 'Con',
          '',
          i % 7 === 0 ? String(1e11 + i).padStart(12, '0') : '',
          'Kinh',
        ].join(','),
      );
    }
    return Buffer.from(HEADER + lines.join('\n'));
  }

  async function commit(id: string) {
    const res = await t.app.inject({
      method: 'POST',
      url: `/api/imports/${id}/commit`,
      headers: { cookie: officer },
      payload: { skipDuplicates: false },
    });
    expect(res.statusCode).toBe(202);
    return settle(id);
  }

  it('keeps the dashboard counts equal to a recount after a large import', async () => {
    const job = await upload(
      bigList(12_345, (i) => `Trần Thị Kiểm ${i}`),
      'kiem.csv',
    );
    expect(job.status, JSON.stringify(job.errors.slice(0, 3))).toBe('ready');
    const done = await commit(job.id);
    expect(done.status).toBe('done');
    expect(done.written).toMatchObject({ residents: 12_345 });
    expect(await keptKpi(t.db)).toEqual(await recountKpi(t.db));
  });

  it('leaves imported residents findable by name and phone digits, and the connection as it was', async () => {
    const handle = sqliteHandle(t.db);
    const pragmas = () =>
      handle && {
        temp: handle.pragma('temp_store', { simple: true }),
        cache: handle.pragma('cache_size', { simple: true }),
      };
    const before = pragmas();
    const list = bigList(3_001, (i) => `Đinh Thị Tìm ${i}`)
      .toString()
      .split('\n')
      // Every third resident gets a phone number: 0987 then the row number on 6 digits.
      .map((line, i) => {
        if (i === 0 || i % 3 !== 0) return line;
        const cells = line.split(',');
        cells[7] = `0987${String(i).padStart(6, '0')}`;
        return cells.join(',');
      })
      .join('\n');
    const job = await upload(Buffer.from(list), 'tim.csv');
    expect(job.status, JSON.stringify(job.errors.slice(0, 3))).toBe('ready');
    expect((await commit(job.id)).status).toBe('done');
    expect(pragmas()).toEqual(before);
    const count = async (where: ReturnType<typeof sql>) =>
      Number(
        (await sql<{ n: number }>`SELECT count(*) AS n FROM residents WHERE ${where}`.execute(t.db))
          .rows[0]!.n,
      );
    // What the searches read: SQLite's FTS5 trigram tables (kept by triggers), PostgreSQL's
    // trigram GIN indexes; both must hold every imported row.
    const byName =
      t.config.database.dialect === 'sqlite'
        ? sql`rowid IN (SELECT rowid FROM residents_fts WHERE residents_fts MATCH '"dinh thi tim 29"')`
        : sql`full_name_folded LIKE '%dinh thi tim 29%'`;
    const byPhone =
      t.config.database.dialect === 'sqlite'
        ? sql`rowid IN (SELECT rowid FROM residents_phone_fts WHERE residents_phone_fts MATCH '"0987002"')`
        : sql`phone LIKE '%0987002%'`;
    // "dinh thi tim 29" and 290–299 and 2900–2999: 111 names; phones 0987002000–0987002999
    // of rows divisible by 3 (rows 2001–3001 of the file, every third): 333.
    expect(await count(byName)).toBe(111);
    expect(await count(byPhone)).toBe(333);
    if (t.config.database.dialect === 'sqlite') {
      // FTS5 compares its index with the residents table itself (rank 1): throws when they differ.
      await sql`INSERT INTO residents_fts(residents_fts, rank) VALUES ('integrity-check', 1)`.execute(
        t.db,
      );
      // The phone table leaves out residents without a phone (its triggers skip them), which
      // the comparison with the table would report as a fault: its own consistency only here.
      await sql`INSERT INTO residents_phone_fts(residents_phone_fts, rank) VALUES ('integrity-check', 0)`.execute(
        t.db,
      );
    } else {
      // The GIN indexes answer as the table does.
      await sql`SET enable_seqscan = off`.execute(t.db);
      try {
        expect(await count(byPhone)).toBe(333);
      } finally {
        await sql`RESET enable_seqscan`.execute(t.db);
      }
    }
    expect(await keptKpi(t.db)).toEqual(await recountKpi(t.db));
  });

  it('fails cleanly when the file breaks after a batch was sent to the registry check', async () => {
    // 2,500 good rows (two 1,000-row batches checked while the next rows are parsed), then a
    // quote that never closes: the reader fails with a batch possibly still in flight.
    const list = `${bigList(2_500, (i) => `Vũ Văn Gãy ${i}`).toString()}\nXóm Làng Mới,H9999,"Số 1,Vũ Văn Hỏng`;
    const job = await upload(Buffer.from(list), 'gay.csv');
    expect(job.status).toBe('failed');
    expect(job.message).toContain('dòng 2502');
    // The server still answers (no write to the ended spool took the process down).
    const again = await upload(
      bigList(10, (i) => `Vũ Văn Lành ${i}`),
      'lanh.csv',
    );
    expect(again.status).toBe('ready');
  });

  it('answers its progress while it writes (the session check does not wait for the commit)', async () => {
    const rows = 15_000;
    const job = await upload(
      bigList(rows, (i) => `Lê Văn Tiến ${i}`),
      'tien.csv',
    );
    expect(job.status, JSON.stringify(job.errors.slice(0, 3))).toBe('ready');
    const res = await t.app.inject({
      method: 'POST',
      url: `/api/imports/${job.id}/commit`,
      headers: { cookie: officer },
      payload: { skipDuplicates: false },
    });
    expect(res.statusCode).toBe(202);
    const seen: { status: string; processed: number }[] = [];
    for (let i = 0; i < 4000; i += 1) {
      const poll = await t.app.inject({
        method: 'GET',
        url: `/api/imports/${job.id}`,
        headers: { cookie: officer },
      });
      expect(poll.statusCode).toBe(200);
      const { status, processed } = poll.json();
      seen.push({ status, processed });
      if (status !== 'writing') break;
      await new Promise((r) => setTimeout(r, 5));
    }
    expect(seen.at(-1)?.status).toBe('done');
    // At least one answer came while the rows were being written, part way through.
    expect(
      seen.some((s) => s.status === 'writing' && s.processed > 0 && s.processed < rows),
      JSON.stringify(seen.slice(0, 5)),
    ).toBe(true);
  });

  it('writes nothing when a row late in a large import fails in the database', async () => {
    const count = async () => {
      const [r] = await t.db
        .selectFrom('residents')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .execute();
      const [h] = await t.db
        .selectFrom('households')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .execute();
      const [a] = await t.db
        .selectFrom('audit_log')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .execute();
      return { residents: Number(r!.n), households: Number(h!.n), audit: Number(a!.n) };
    };
    const poison = 'Lỗi Ghi Cuối';
    // A database rule that refuses one name: the row passes every check while reading, and the
    // database refuses it in the last write batch, after thousands of rows of the same transaction.
    if (t.config.database.dialect === 'sqlite') {
      await sql`CREATE TRIGGER import_poison BEFORE INSERT ON residents
        WHEN new.full_name = ${sql.lit(poison)} BEGIN SELECT RAISE(ABORT, 'poison'); END`.execute(
        t.db,
      );
    } else {
      await sql`CREATE FUNCTION import_poison() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN IF new.full_name = ${sql.lit(poison)} THEN RAISE EXCEPTION 'poison'; END IF;
        RETURN new; END $$`.execute(t.db);
      await sql`CREATE TRIGGER import_poison BEFORE INSERT ON residents
        FOR EACH ROW EXECUTE FUNCTION import_poison()`.execute(t.db);
    }
    try {
      const before = await count();
      const kept = await keptKpi(t.db);
      const job = await upload(
        bigList(7_000, (i) => (i === 6_990 ? poison : `Phạm Văn Hỏng ${i}`)),
        'hong.csv',
      );
      expect(job.status, JSON.stringify(job.errors.slice(0, 3))).toBe('ready');
      const done = await commit(job.id);
      expect(done.status).toBe('failed');
      expect(done.message).toContain('chưa có gì được ghi');
      expect(await count()).toEqual(before);
      expect(await keptKpi(t.db)).toEqual(kept);
    } finally {
      await sql`DROP TRIGGER import_poison${sql.raw(t.config.database.dialect === 'sqlite' ? '' : ' ON residents')}`.execute(
        t.db,
      );
    }
  });
});
