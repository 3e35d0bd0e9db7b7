import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  utimesSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { login, setupTestApp } from '../../../test/app';
import { buildWorld } from '../../../test/factories';
import { settleImport, uploadFile } from '../../../test/upload';
import { removeOrphanImportFolders } from './import.service';

// An import's folder holds the uploaded file and its spool (residents' personal data). A server
// that was killed cannot remove its own: the next start removes those old enough to belong to no
// live job, and nothing else.
describe('import folders left by a killed server', () => {
  const root = mkdtempSync(join(tmpdir(), 'toso-folders-test-'));
  afterAll(() => rmSync(root, { recursive: true, force: true }));

  const folder = (name: string, ageHours: number) => {
    const path = join(root, name);
    mkdirSync(path);
    writeFileSync(join(path, 'upload'), 'Họ và tên,Số điện thoại\nNguyễn Văn A,0912345678\n');
    const at = new Date(Date.now() - ageHours * 3600_000);
    utimesSync(path, at, at);
  };

  it('removes the old import folders only', async () => {
    folder('toso-import-killed', 7);
    folder('toso-import-live', 1);
    folder('toso-other-old', 30);
    writeFileSync(join(root, 'toso-import-a-file'), 'not a folder');
    const old = new Date(Date.now() - 30 * 3600_000);
    utimesSync(join(root, 'toso-import-a-file'), old, old);

    expect(await removeOrphanImportFolders(undefined, root)).toBe(1);
    expect(readdirSync(root).sort()).toEqual([
      'toso-import-a-file',
      'toso-import-live',
      'toso-other-old',
    ]);
    // A shorter age (as a test may ask) takes the younger one too.
    expect(await removeOrphanImportFolders(30 * 60_000, root)).toBe(1);
    expect(readdirSync(root)).not.toContain('toso-import-live');
  });
});

describe('import folders of a server that closes', () => {
  it('removes the folders of its jobs, a ready one included', async () => {
    const t = await setupTestApp();
    let closed = false;
    try {
      const world = await buildWorld(t.db);
      const officer = await login(t.app, 'commune_officer.a');
      // A file no other test sends, to find this job's folder among those of tests running alongside.
      const tag = `Nguyễn Thị Thư ${process.pid}-${Date.now()}`;
      const file = Buffer.from(
        `Xóm / Thôn / Tổ dân phố,Họ và tên,Năm sinh,Quan hệ với chủ hộ\nXóm Làng Mới,${tag},1990,Chủ hộ\n`,
      );
      const res = await uploadFile(
        t.app,
        `/api/imports/residents?unitId=${world.communeA.id}`,
        officer,
        file,
        'ds.csv',
      );
      expect(res.statusCode).toBe(202);
      const job = await settleImport(t.app, officer, res.json().id);
      expect(job.status, JSON.stringify(job.errors)).toBe('ready');
      const ours = readdirSync(tmpdir())
        .filter((d) => d.startsWith('toso-import-'))
        .map((d) => join(tmpdir(), d))
        .filter((d) => {
          try {
            return readFileSync(join(d, 'upload'), 'utf8').includes(tag);
          } catch {
            return false;
          }
        });
      expect(ours).toHaveLength(1);
      await t.close();
      closed = true;
      expect(existsSync(ours[0]!)).toBe(false);
    } finally {
      if (!closed) await t.close();
    }
  });
});
