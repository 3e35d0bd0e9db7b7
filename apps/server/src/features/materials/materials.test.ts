import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { caller, login, platformIdByCode, setupTestApp, type TestApp } from '../../../test/app';
import { buildUnit, buildUser, buildWorld } from '../../../test/factories';
import { TINY_PDF, TINY_PNG, uploadFile } from '../../../test/upload';
import { ensurePlatformCatalogue } from '../supports/platforms.service';

let t: TestApp;
let district: string;
let member: string;
let partnerA: string;
let vneid: string;

beforeAll(async () => {
  t = await setupTestApp();
  await buildWorld(t.db);
  await ensurePlatformCatalogue(t.db);
  vneid = await platformIdByCode(t.db, 'vneid');
  district = await login(t.app, 'district_officer');
  member = await login(t.app, 'team_member.b');
  partnerA = await login(t.app, 'partner.a');
});
afterAll(async () => t.close());

const call = caller(() => t.app);

const guide = (title: string, extra: Record<string, unknown> = {}) => ({
  kind: 'guide',
  title,
  description: 'Hướng dẫn từng bước cho người dân',
  language: 'vi',
  source: 'VNPT Thái Nguyên',
  platformId: vneid,
  topic: 'public_services',
  ...extra,
});

describe('materials library', () => {
  it('lets a district officer add a guide with a PDF; everyone signed in finds it without accents', async () => {
    const created = await call(
      'POST',
      '/api/materials',
      district,
      guide('Hướng dẫn kích hoạt VNeID mức 2'),
    );
    expect(created.statusCode).toBe(201);
    const id = created.json().id;
    const up = await uploadFile(
      t.app,
      `/api/materials/${id}/file`,
      district,
      TINY_PDF,
      'Hướng dẫn VNeID.txt',
    );
    expect(up.statusCode).toBe(200);
    expect(up.json().file).toMatchObject({ mime: 'application/pdf', name: 'Hướng dẫn VNeID.txt' });

    const found = await call('GET', '/api/materials?q=kich%20hoat%20vneid', member);
    expect(found.statusCode).toBe(200);
    expect(found.json().items.map((m: { id: string }) => m.id)).toContain(id);
    expect(found.json().items[0].canEdit).toBe(false);
    const bySource = await call('GET', '/api/materials?q=vnpt%20thai', member);
    expect(bySource.json().total).toBeGreaterThan(0);

    const file = await call('GET', `/api/materials/${id}/file`, member);
    expect(file.statusCode).toBe(200);
    expect(file.headers['content-type']).toBe('application/pdf');
    expect(file.headers['content-disposition']).toBe(
      `attachment; filename="Huong_dan_VNeID.txt"; filename*=UTF-8''${encodeURIComponent('Hướng dẫn VNeID.txt')}`,
    );
    expect(file.rawPayload.equals(TINY_PDF)).toBe(true);
    const inline = await call('GET', `/api/materials/${id}/file?inline=1`, member);
    expect(inline.headers['content-disposition']).toMatch(/^inline; /);
  });

  it('filters by platform, topic and kind and pages', async () => {
    await call('POST', '/api/materials', district, {
      ...guide('Video cài đặt ứng dụng', {
        kind: 'video',
        url: 'https://www.youtube.com/watch?v=abc',
      }),
    });
    await call(
      'POST',
      '/api/materials',
      district,
      guide('Thanh toán hoá đơn điện', { platformId: null, topic: 'payments' }),
    );
    const videos = (await call('GET', '/api/materials?kind=video', member)).json();
    expect(videos.items.every((m: { kind: string }) => m.kind === 'video')).toBe(true);
    expect(videos.total).toBe(1);
    const payments = (await call('GET', '/api/materials?topic=payments', member)).json();
    expect(payments.items.map((m: { title: string }) => m.title)).toEqual([
      'Thanh toán hoá đơn điện',
    ]);
    const byPlatform = (
      await call('GET', `/api/materials?platformId=${vneid}&pageSize=1`, member)
    ).json();
    expect(byPlatform.total).toBe(2);
    expect(byPlatform.items).toHaveLength(1);
    const page2 = (
      await call('GET', `/api/materials?platformId=${vneid}&pageSize=1&page=2`, member)
    ).json();
    expect(page2.items[0].id).not.toBe(byPlatform.items[0].id);
  });

  it('refuses a file of the wrong type (by content, not name) or too large, with a clear message', async () => {
    const id = (
      await call('POST', '/api/materials', district, guide('Tài liệu kiểm tra tệp'))
    ).json().id;
    const fake = await uploadFile(
      t.app,
      `/api/materials/${id}/file`,
      district,
      Buffer.from('MZ not a pdf'),
      'gia.pdf',
    );
    expect(fake.statusCode).toBe(415);
    expect(fake.json().message).toBe('Chỉ nhận tệp PDF, PNG, JPEG');
    const png = await uploadFile(t.app, `/api/materials/${id}/file`, district, TINY_PNG, 'anh.pdf');
    expect(png.statusCode).toBe(200);
    expect(png.json().file.mime).toBe('image/png');
    const big = Buffer.concat([TINY_PDF, Buffer.alloc(10 * 1024 * 1024)]);
    const tooLarge = await uploadFile(t.app, `/api/materials/${id}/file`, district, big, 'lon.pdf');
    expect(tooLarge.statusCode).toBe(413);
    expect(tooLarge.json().message).toBe('Tệp lớn hơn 10 MB');
    // A video accepts MP4 (ftyp box) but not a PDF.
    const vid = (
      await call('POST', '/api/materials', district, guide('Video ngắn', { kind: 'video' }))
    ).json().id;
    const mp4 = Buffer.concat([
      Buffer.from([0, 0, 0, 0x18]),
      Buffer.from('ftypisom'),
      Buffer.alloc(64),
    ]);
    expect(
      (await uploadFile(t.app, `/api/materials/${vid}/file`, district, mp4, 'clip.bin')).json().file
        .mime,
    ).toBe('video/mp4');
    const pdfAsVideo = await uploadFile(
      t.app,
      `/api/materials/${vid}/file`,
      district,
      TINY_PDF,
      'clip.mp4',
    );
    expect(pdfAsVideo.statusCode).toBe(415);
    expect(pdfAsVideo.json().message).toBe('Chỉ nhận tệp MP4, WebM');
  });

  it('validates the body with Vietnamese messages', async () => {
    const bad = await call('POST', '/api/materials', district, guide('x', { url: 'ftp://x' }));
    expect(bad.statusCode).toBe(400);
    const paths = bad.json().details.map((d: { path: string }) => d.path);
    expect(paths).toEqual(expect.arrayContaining(['body.title', 'body.url']));
  });

  it('lets a partner edit only their own materials; team members and communes cannot write', async () => {
    const own = await call('POST', '/api/materials', partnerA, guide('Tài liệu của đối tác'));
    expect(own.statusCode).toBe(201);
    expect(own.json().canEdit).toBe(true);
    const districtOne = (await call('GET', '/api/materials?q=kich%20hoat', partnerA)).json()
      .items[0];
    expect(districtOne.canEdit).toBe(false);
    expect(
      (await call('PUT', `/api/materials/${districtOne.id}`, partnerA, guide('Sửa trộm')))
        .statusCode,
    ).toBe(403);
    expect((await call('POST', '/api/materials', member, guide('Không được'))).statusCode).toBe(
      403,
    );
    const commune = await login(t.app, 'commune_officer.a');
    expect((await call('POST', '/api/materials', commune, guide('Không được'))).statusCode).toBe(
      403,
    );
    expect((await call('DELETE', `/api/materials/${own.json().id}`, partnerA)).statusCode).toBe(
      204,
    );
  });

  it('keeps another province’s materials out of sight (404)', async () => {
    const other = await buildUnit(t.db, null, {
      level: 'province',
      kind: 'tinh',
      code: '20',
      name: 'Tỉnh Lạng Sơn',
    });
    await buildUser(t.db, { username: 'tinh.langson', role: 'province_officer', unit: other });
    const ls = await login(t.app, 'tinh.langson');
    const theirs = (await call('POST', '/api/materials', ls, guide('Tài liệu Lạng Sơn'))).json().id;
    expect((await call('GET', `/api/materials/${theirs}`, member)).statusCode).toBe(404);
    expect((await call('GET', `/api/materials/${theirs}/file`, member)).statusCode).toBe(404);
    const list = (await call('GET', '/api/materials?q=lang%20son', member)).json();
    expect(list.total).toBe(0);
    expect((await call('GET', '/api/materials?q=lang%20son', ls)).json().total).toBe(1);
  });
});

describe('guide cards', () => {
  it('has a card for every platform in use; district officers write it, others read it', async () => {
    const cards = (await call('GET', '/api/guide-cards', member)).json();
    const card = cards.find((c: { platformCode: string }) => c.platformCode === 'vneid');
    expect(card.steps).toEqual([]);
    const body = {
      steps: ['Mở ứng dụng VNeID', 'Chọn "Kích hoạt tài khoản"'],
      needs: ['Căn cước công dân gắn chip', 'Điện thoại có số đứng tên mình'],
      problems: ['Không nhận được mã OTP: kiểm tra số điện thoại đã đăng ký'],
    };
    expect((await call('PUT', `/api/guide-cards/${vneid}`, member, body)).statusCode).toBe(403);
    const commune = await login(t.app, 'commune_officer.a');
    expect((await call('PUT', `/api/guide-cards/${vneid}`, commune, body)).statusCode).toBe(403);
    const saved = await call('PUT', `/api/guide-cards/${vneid}`, district, body);
    expect(saved.statusCode).toBe(200);
    expect(saved.json().steps).toEqual(body.steps);
    const read = (await call('GET', `/api/guide-cards/${vneid}`, member)).json();
    expect(read.needs).toEqual(body.needs);
    expect(read.materials.map((m: { title: string }) => m.title)).toContain(
      'Hướng dẫn kích hoạt VNeID mức 2',
    );
    const empty = await call('PUT', `/api/guide-cards/${vneid}`, district, { ...body, steps: [] });
    expect(empty.statusCode).toBe(400);
  });
});
