import { Document, Packer, Paragraph } from 'docx';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MAX_PLATFORM_GUIDE_BYTES } from '@toso/domain/platforms';
import { login, setupTestApp, type TestApp } from '../../../test/app';
import { buildWorld } from '../../../test/factories';
import { TINY_PDF, uploadFile } from '../../../test/upload';

let t: TestApp;
let district: string;
let commune: string;
let member: string;
let platformId: string;

beforeAll(async () => {
  t = await setupTestApp();
  await buildWorld(t.db);
  district = await login(t.app, 'district_officer');
  commune = await login(t.app, 'commune_officer.a');
  member = await login(t.app, 'team_member.a');
  const platforms = (
    await t.app.inject({ method: 'GET', url: '/api/platforms', headers: { cookie: member } })
  ).json() as { id: string; code: string }[];
  platformId = platforms.find((p) => p.code === 'vneid')?.id ?? platforms[0].id;
});
afterAll(async () => t.close());

const url = () => `/api/platforms/${platformId}/guide-file`;

describe('a platform’s how-to guide as a file', () => {
  it('is uploaded by the district officer, listed with the catalogue and downloaded by a member', async () => {
    const res = await uploadFile(t.app, url(), district, TINY_PDF, 'Hướng dẫn VNeID.pdf');
    expect(res.statusCode).toBe(200);
    expect(res.json().guideFile).toEqual({
      name: 'Hướng dẫn VNeID.pdf',
      mime: 'application/pdf',
      size: TINY_PDF.length,
    });
    const list = (
      await t.app.inject({ method: 'GET', url: '/api/platforms', headers: { cookie: member } })
    ).json() as { id: string; guideFile: { name: string } | null }[];
    expect(list.find((p) => p.id === platformId)?.guideFile?.name).toBe('Hướng dẫn VNeID.pdf');
    const file = await t.app.inject({ method: 'GET', url: url(), headers: { cookie: member } });
    expect(file.statusCode).toBe(200);
    expect(file.headers['content-type']).toContain('application/pdf');
    expect(file.headers['content-disposition']).toContain('attachment');
    expect(file.rawPayload.equals(TINY_PDF)).toBe(true);
    const audit = await t.db
      .selectFrom('audit_log')
      .select('action')
      .where('entity', '=', 'platform')
      .where('entity_id', '=', platformId)
      .execute();
    expect(audit.map((a) => a.action)).toContain('upload_guide');
  });

  it('accepts a Word document and replaces the previous file', async () => {
    const docx = await Packer.toBuffer(
      new Document({ sections: [{ children: [new Paragraph('Bước 1: mở ứng dụng')] }] }),
    );
    const res = await uploadFile(t.app, url(), district, docx, 'huong-dan.docx');
    expect(res.statusCode).toBe(200);
    expect(res.json().guideFile.mime).toBe(
      'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
    );
    const files = await t.db
      .selectFrom('files')
      .select('id')
      .where('purpose', '=', 'platform_guide')
      .execute();
    expect(files).toHaveLength(1);
  });

  it('refuses a file of another type, whatever its name, and one too large', async () => {
    const html = await uploadFile(t.app, url(), district, Buffer.from('<html>hi</html>'), 'a.pdf');
    expect(html.statusCode).toBe(415);
    expect(html.json().details[0].path).toBe('file');
    const zip = await uploadFile(
      t.app,
      url(),
      district,
      Buffer.from('PK\u0003\u0004 not a word document'),
      'a.docx',
    );
    expect(zip.statusCode).toBe(415);
    const big = Buffer.concat([TINY_PDF, Buffer.alloc(MAX_PLATFORM_GUIDE_BYTES)]);
    const tooBig = await uploadFile(t.app, url(), district, big, 'big.pdf');
    expect(tooBig.statusCode).toBe(413);
    expect(tooBig.json().message).toContain('5 MB');
    // The file kept is still the Word document.
    const list = (
      await t.app.inject({ method: 'GET', url: '/api/platforms', headers: { cookie: member } })
    ).json() as { id: string; guideFile: { name: string } | null }[];
    expect(list.find((p) => p.id === platformId)?.guideFile?.name).toBe('huong-dan.docx');
  });

  it('may be changed only by the district or province officer', async () => {
    for (const cookie of [commune, member]) {
      const up = await uploadFile(t.app, url(), cookie, TINY_PDF, 'x.pdf');
      expect(up.statusCode).toBe(403);
      const del = await t.app.inject({ method: 'DELETE', url: url(), headers: { cookie } });
      expect(del.statusCode).toBe(403);
    }
    const anonymous = await t.app.inject({ method: 'GET', url: url() });
    expect(anonymous.statusCode).toBe(401);
  });

  it('is removed; then downloading answers 404', async () => {
    const del = await t.app.inject({ method: 'DELETE', url: url(), headers: { cookie: district } });
    expect(del.statusCode).toBe(200);
    expect(del.json().guideFile).toBeNull();
    const file = await t.app.inject({ method: 'GET', url: url(), headers: { cookie: member } });
    expect(file.statusCode).toBe(404);
    const files = await t.db
      .selectFrom('files')
      .select('id')
      .where('purpose', '=', 'platform_guide')
      .execute();
    expect(files).toHaveLength(0);
    const again = await t.app.inject({
      method: 'DELETE',
      url: url(),
      headers: { cookie: district },
    });
    expect(again.statusCode).toBe(404);
  });
});
