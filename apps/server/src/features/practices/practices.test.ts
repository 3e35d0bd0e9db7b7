import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { caller, login, platformIdByCode, setupTestApp, type TestApp } from '../../../test/app';
import { buildUnit, buildUser, buildWorld } from '../../../test/factories';
import { TINY_PDF, TINY_PNG, uploadFile } from '../../../test/upload';
import { ensurePlatformCatalogue } from '../supports/platforms.service';

let t: TestApp;
let world: Awaited<ReturnType<typeof buildWorld>>;
let communeA: string;
let communeB: string;
let leaderA: string;
let memberB: string;
let district: string;
let vneid: string;

beforeAll(async () => {
  t = await setupTestApp();
  world = await buildWorld(t.db);
  await ensurePlatformCatalogue(t.db);
  vneid = await platformIdByCode(t.db, 'vneid');
  communeA = await login(t.app, 'commune_officer.a');
  communeB = await login(t.app, 'commune_officer.b');
  leaderA = await login(t.app, 'team_leader.a');
  memberB = await login(t.app, 'team_member.b');
  district = await login(t.app, 'district_officer');
});
afterAll(async () => t.close());

const call = caller(() => t.app);

const practice = (title: string, figures: object[] = []) => ({
  title,
  body: 'Tổ chia nhau đến từng nhà buổi tối, khi người dân đã đi làm về, mang theo điện thoại dự phòng.',
  figures,
});
const ids = (body: { items: { id: string }[] }) => body.items.map((p) => p.id);

describe('good practices', () => {
  let draftId: string;

  it('keeps a draft within its unit, publishes it to the whole province', async () => {
    const created = await call(
      'POST',
      '/api/practices',
      communeA,
      practice('Hỗ trợ VNeID buổi tối ở Yên Đổ'),
    );
    expect(created.statusCode).toBe(201);
    draftId = created.json().id;
    expect(created.json().status).toBe('draft');
    // A draft: not for another commune, nor its hamlet's team, nor the district.
    expect((await call('GET', `/api/practices/${draftId}`, communeB)).statusCode).toBe(404);
    expect(ids((await call('GET', '/api/practices', communeB)).json())).not.toContain(draftId);
    expect((await call('GET', `/api/practices/${draftId}`, district)).statusCode).toBe(404);
    expect(ids((await call('GET', '/api/practices?status=draft', communeA)).json())).toContain(
      draftId,
    );

    const published = await call('POST', `/api/practices/${draftId}/publish`, communeA);
    expect(published.statusCode).toBe(200);
    expect(published.json().publishedAt).not.toBeNull();
    expect((await call('GET', `/api/practices/${draftId}`, memberB)).statusCode).toBe(200);
    const found = (
      await call('GET', '/api/practices?q=ho%20tro%20vneid%20buoi%20toi', memberB)
    ).json();
    expect(ids(found)).toContain(draftId);
  });

  it('lets only the posting unit (and above) edit: another commune gets 403, a stranger 404', async () => {
    const edit = await call(
      'PUT',
      `/api/practices/${draftId}`,
      communeB,
      practice('Sửa bài của xã khác'),
    );
    expect(edit.statusCode).toBe(403);
    expect((await call('DELETE', `/api/practices/${draftId}`, communeB)).statusCode).toBe(403);
    expect((await call('GET', `/api/practices/${draftId}`, communeB)).json().canEdit).toBe(false);
    const other = await buildUnit(t.db, null, {
      level: 'province',
      kind: 'tinh',
      code: '20',
      name: 'Tỉnh Lạng Sơn',
    });
    const otherCommune = await buildUnit(t.db, other, {
      level: 'commune',
      kind: 'xa',
      code: '06001',
      name: 'Xã Xa Lạ',
    });
    await buildUser(t.db, { username: 'xa.xala', role: 'commune_officer', unit: otherCommune });
    const stranger = await login(t.app, 'xa.xala');
    expect((await call('GET', `/api/practices/${draftId}`, stranger)).statusCode).toBe(404);
    expect(ids((await call('GET', '/api/practices', stranger)).json())).not.toContain(draftId);
    expect(
      (await call('PUT', `/api/practices/${draftId}`, stranger, practice('Sửa từ tỉnh khác')))
        .statusCode,
    ).toBe(404);
    const ok = await call(
      'PUT',
      `/api/practices/${draftId}`,
      district,
      practice('Hỗ trợ VNeID buổi tối ở Yên Đổ'),
    );
    expect(ok.statusCode).toBe(200);
    expect(
      (await call('POST', '/api/practices', memberB, practice('Thành viên không đăng được')))
        .statusCode,
    ).toBe(403);
  });

  it('features the district’s choice first; only the district may feature', async () => {
    const later = (
      await call('POST', '/api/practices', communeB, practice('Nhóm Zalo xóm Khe Ván'))
    ).json().id;
    await call('POST', `/api/practices/${later}/publish`, communeB);
    expect(ids((await call('GET', '/api/practices', communeA)).json())[0]).toBe(later);
    expect(
      (await call('POST', `/api/practices/${draftId}/feature`, communeA, { featured: true }))
        .statusCode,
    ).toBe(403);
    const featured = await call('POST', `/api/practices/${draftId}/feature`, district, {
      featured: true,
    });
    expect(featured.statusCode).toBe(200);
    expect(featured.json().featured).toBe(true);
    const list = (await call('GET', '/api/practices', communeB)).json();
    expect(list.items[0]).toMatchObject({ id: draftId, featured: true });
    expect(ids((await call('GET', '/api/practices?featured=1', communeB)).json())).toEqual([
      draftId,
    ]);
    const draft = (
      await call('POST', '/api/practices', communeA, practice('Bản nháp chưa đăng'))
    ).json().id;
    expect(
      (await call('POST', `/api/practices/${draft}/feature`, district, { featured: true }))
        .statusCode,
    ).toBe(404);
  });

  it('shows figures with the live count behind them, and the query for their records in scope', async () => {
    await t.db
      .insertInto('support_counts')
      .values([
        {
          unit_id: world.hamletA.id,
          platform_id: vneid,
          outcome: 'installed',
          month: '2026-06',
          count: 12,
        },
        {
          unit_id: world.hamletA.id,
          platform_id: vneid,
          outcome: 'activated',
          month: '2026-06',
          count: 5,
        },
        {
          unit_id: world.hamletA.id,
          platform_id: vneid,
          outcome: 'installed',
          month: '2026-08',
          count: 40,
        },
      ])
      .execute();
    const figure = {
      label: 'Hộ được hỗ trợ cài VNeID ở Xóm Làng Mới, tháng 6',
      platformId: vneid,
      unitId: world.hamletA.id,
      outcome: 'installed',
      fromMonth: '2026-06',
      toMonth: '2026-07',
    };
    const res = await call(
      'POST',
      '/api/practices',
      leaderA,
      practice('Cài VNeID cả xóm', [
        figure,
        { ...figure, label: 'Mọi kết quả VNeID tháng 6', outcome: null },
      ]),
    );
    expect(res.statusCode).toBe(201);
    const [installed, all] = res.json().figures;
    expect(installed.count).toBe(12);
    expect(all.count).toBe(17);
    expect(installed.recordsQuery).toBe(
      `unitId=${world.hamletA.id}&platformId=${vneid}&outcome=installed&from=2026-06-01&to=2026-07-31`,
    );
    const records = await call('GET', `/api/supports?${installed.recordsQuery}`, leaderA);
    expect(records.statusCode).toBe(200);
    const id = res.json().id;
    await call('POST', `/api/practices/${id}/publish`, leaderA);
    // Another commune reads the count, not the records.
    const seen = (await call('GET', `/api/practices/${id}`, communeB)).json();
    expect(seen.figures[0]).toMatchObject({ count: 12, recordsQuery: null });
    // A figure about another commune's hamlet is refused.
    const bad = await call(
      'POST',
      '/api/practices',
      communeA,
      practice('Số liệu xã khác', [{ ...figure, unitId: world.hamletB.id }]),
    );
    expect(bad.statusCode).toBe(400);
    expect(bad.json().details[0].path).toBe('body.figures.0.unitId');
    // All figures are checked in one read; the error names the figure refused.
    const third = await call(
      'POST',
      '/api/practices',
      communeA,
      practice('Số liệu thứ ba sai', [
        figure,
        { ...figure, unitId: world.hamletA2.id },
        { ...figure, platformId: '01900000-0000-7000-8000-000000000000' },
      ]),
    );
    expect(third.statusCode).toBe(400);
    expect(third.json().details[0].path).toBe('body.figures.2.platformId');
    const order = await call(
      'POST',
      '/api/practices',
      communeA,
      practice('Tháng ngược', [{ ...figure, fromMonth: '2026-08' }]),
    );
    expect(order.statusCode).toBe(400);
  });

  it('takes photos checked by content, and serves them inline', async () => {
    const wrong = await uploadFile(
      t.app,
      `/api/practices/${draftId}/photos`,
      communeA,
      TINY_PDF,
      'anh.jpg',
    );
    expect(wrong.statusCode).toBe(415);
    expect(wrong.json().message).toBe('Chỉ nhận tệp JPEG, PNG');
    const big = Buffer.concat([TINY_PNG, Buffer.alloc(5 * 1024 * 1024)]);
    const tooLarge = await uploadFile(
      t.app,
      `/api/practices/${draftId}/photos`,
      communeA,
      big,
      'lon.png',
    );
    expect(tooLarge.statusCode).toBe(413);
    expect(tooLarge.json().message).toBe('Tệp lớn hơn 5 MB');
    const ok = await uploadFile(
      t.app,
      `/api/practices/${draftId}/photos`,
      communeA,
      TINY_PNG,
      'Buổi tối ở xóm.png',
    );
    expect(ok.statusCode).toBe(200);
    const photo = ok.json().photos[0];
    const got = await call('GET', `/api/practices/${draftId}/photos/${photo.id}`, memberB);
    expect(got.statusCode).toBe(200);
    expect(got.headers['content-type']).toBe('image/png');
    expect(got.headers['content-disposition']).toMatch(
      /^inline; filename="Buoi_toi_o_xom.png"; filename\*=UTF-8''Bu%E1%BB%95i/,
    );
    expect(
      (await uploadFile(t.app, `/api/practices/${draftId}/photos`, communeB, TINY_PNG)).statusCode,
    ).toBe(403);
  });

  it('takes comments from anyone who reads it; the author or an officer in charge deletes them', async () => {
    const byMember = await call('POST', `/api/practices/${draftId}/comments`, memberB, {
      body: 'Xóm tôi sẽ làm thử!',
    });
    expect(byMember.statusCode).toBe(201);
    expect(byMember.json().commentCount).toBe(1);
    const comments = async (cookie: string) =>
      (await call('GET', `/api/practices/${draftId}/comments`, cookie)).json().items;
    const comment = (await comments(memberB))[0];
    expect(comment).toMatchObject({ body: 'Xóm tôi sẽ làm thử!', canDelete: true });
    const byB = await call('POST', `/api/practices/${draftId}/comments`, communeB, {
      body: 'Hay quá',
    });
    expect(byB.json().commentCount).toBe(2);
    const other = (await comments(communeB))[0];
    expect(other).toMatchObject({ body: 'Hay quá', canDelete: true });
    expect((await comments(memberB))[0].canDelete).toBe(false);
    expect(
      (await call('DELETE', `/api/practices/${draftId}/comments/${other.id}`, memberB)).statusCode,
    ).toBe(403);
    expect(
      (await call('DELETE', `/api/practices/${draftId}/comments/${comment.id}`, memberB))
        .statusCode,
    ).toBe(200);
    const byOfficer = await call(
      'DELETE',
      `/api/practices/${draftId}/comments/${other.id}`,
      communeA,
    );
    expect(byOfficer.statusCode).toBe(200);
    expect(byOfficer.json().commentCount).toBe(0);
    expect(await comments(communeA)).toHaveLength(0);
    expect(
      (await call('POST', `/api/practices/${draftId}/comments`, memberB, { body: '  ' }))
        .statusCode,
    ).toBe(400);
    const audit = await t.db
      .selectFrom('audit_log')
      .select('action')
      .where('entity', '=', 'practice_comment')
      .execute();
    expect(audit.map((a) => a.action).sort()).toEqual(['create', 'create', 'delete', 'delete']);
  });

  it('pages the comments newest first, within the readers of the practice', async () => {
    const created = await call('POST', '/api/practices', communeA, practice('Bình luận nhiều'));
    const id = created.json().id;
    const url = `/api/practices/${id}/comments`;
    // A draft: another commune neither reads nor lists its comments.
    expect((await call('GET', url, communeB)).statusCode).toBe(404);
    await call('POST', `/api/practices/${id}/publish`, communeA);
    for (let i = 1; i <= 12; i++)
      expect((await call('POST', url, communeB, { body: `Ý kiến số ${i}` })).statusCode).toBe(201);
    const first = (await call('GET', `${url}?pageSize=5`, communeA)).json();
    expect(first.total).toBe(12);
    expect(first.items.map((c: { body: string }) => c.body)).toEqual(
      [12, 11, 10, 9, 8].map((i) => `Ý kiến số ${i}`),
    );
    const last = (await call('GET', `${url}?pageSize=5&page=3`, communeA)).json();
    expect(last).toMatchObject({ total: 12, page: 3, pageSize: 5 });
    expect(last.items.map((c: { body: string }) => c.body)).toEqual(['Ý kiến số 2', 'Ý kiến số 1']);
    // Once there are more than a page, a new comment is on the first page at once.
    expect((await call('POST', url, communeA, { body: 'Ý kiến mới nhất' })).statusCode).toBe(201);
    const now = (await call('GET', `${url}?pageSize=5`, communeA)).json();
    expect(now.total).toBe(13);
    expect(now.items[0].body).toBe('Ý kiến mới nhất');
    expect(last.items.every((c: { canDelete: boolean }) => c.canDelete)).toBe(true);
    expect((await call('GET', `${url}?pageSize=201`, communeA)).statusCode).toBe(400);
    expect((await call('GET', `${url}?page=0`, communeA)).statusCode).toBe(400);
    expect((await call('GET', `/api/practices/${id}`, communeA)).json().commentCount).toBe(13);
    const stranger = await login(t.app, 'xa.xala');
    expect((await call('GET', url, stranger)).statusCode).toBe(404);
  });
});
