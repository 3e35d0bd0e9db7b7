import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { login, setupTestApp, type TestApp } from '../../../test/app';
import { buildUser, buildWorld } from '../../../test/factories';
import { sendDueReminders } from '../notifications/reminders';

let t: TestApp;
let world: Awaited<ReturnType<typeof buildWorld>>;
const cookies: Record<string, string> = {};

beforeAll(async () => {
  t = await setupTestApp();
  world = await buildWorld(t.db);
  await buildUser(t.db, {
    username: 'commune_officer.a2',
    role: 'commune_officer',
    unit: world.communeA,
  });
  for (const u of [
    'admin',
    'commune_officer.a',
    'commune_officer.a2',
    'commune_officer.b',
    'team_leader.a',
    'team_member.a',
    'team_leader.b',
    'partner.a',
    'district_officer',
    'province_officer',
  ])
    cookies[u] = await login(t.app, u);
});
afterAll(async () => t.close());

const req = (method: 'GET' | 'POST' | 'PUT', url: string, who: string, payload?: object) =>
  t.app.inject({ method, url, headers: { cookie: cookies[who] }, payload });

async function raise(who: string, unitId: string, extra: object = {}) {
  const res = await req('POST', '/api/difficulties', who, {
    unitId,
    category: 'infrastructure',
    urgency: 'urgent',
    title: 'Sóng điện thoại yếu ở Khe Cốc',
    description: 'Người dân không nhận được mã OTP khi kích hoạt VNeID.',
    ...extra,
  });
  expect(res.statusCode, res.body).toBe(201);
  return res.json() as {
    id: string;
    status: string;
    handlerUnit: { id: string };
    dueAt: string;
    raisedAt: string;
  };
}

async function unread(who: string) {
  return (await req('GET', '/api/notifications/unread-count', who)).json().unread as number;
}

async function kinds(who: string) {
  const page = (await req('GET', '/api/notifications?pageSize=200', who)).json();
  return (page.items as { kind: string; entityId: string }[]).map((n) => `${n.kind}:${n.entityId}`);
}

describe('difficulties', () => {
  it('a hamlet difficulty opens at its commune, due by its urgency, and notifies the commune officers', async () => {
    const before = await unread('commune_officer.a');
    const d = await raise('team_leader.a', world.hamletA.id);
    expect(d.status).toBe('open');
    expect(d.handlerUnit.id).toBe(world.communeA.id);
    const days = (Date.parse(d.dueAt) - Date.parse(d.raisedAt)) / 86_400_000;
    expect(days).toBe(3);
    expect(await unread('commune_officer.a')).toBe(before + 1);
    expect(await kinds('commune_officer.a2')).toContain(`difficulty_raised:${d.id}`);
    // Nobody outside the commune hears of it.
    expect(await kinds('commune_officer.b')).not.toContain(`difficulty_raised:${d.id}`);
    expect(await kinds('district_officer')).not.toContain(`difficulty_raised:${d.id}`);
  });

  it('a team member sees their hamlet’s difficulties; another commune answers 404', async () => {
    const d = await raise('team_leader.a', world.hamletA.id);
    expect((await req('GET', `/api/difficulties/${d.id}`, 'team_member.a')).statusCode).toBe(200);
    for (const who of ['commune_officer.b', 'team_leader.b']) {
      expect((await req('GET', `/api/difficulties/${d.id}`, who)).statusCode).toBe(404);
      const list = (await req('GET', '/api/difficulties?pageSize=200', who)).json();
      expect(list.items.map((i: { id: string }) => i.id)).not.toContain(d.id);
    }
    // Another commune's officer may handle difficulties, but not this one: it does not exist for them.
    expect(
      (await req('POST', `/api/difficulties/${d.id}/answer`, 'commune_officer.b', { answer: 'x' }))
        .statusCode,
    ).toBe(404);
    // Raising for a unit outside the scope answers 404 too.
    expect(
      (
        await req('POST', '/api/difficulties', 'team_leader.b', {
          unitId: world.hamletA.id,
          category: 'devices',
          urgency: 'normal',
          title: 'x',
          description: 'y',
        })
      ).statusCode,
    ).toBe(404);
    // Partners have no access to difficulties.
    expect((await req('GET', '/api/difficulties', 'partner.a')).statusCode).toBe(403);
  });

  it('goes through assign, escalate, answer, resolve and one reopen, each step in the history', async () => {
    const d = await raise('team_member.a', world.hamletA.id, { urgency: 'critical' });
    const officers = (await req('GET', `/api/difficulties/${d.id}`, 'commune_officer.a')).json();
    expect(officers.can).toMatchObject({
      assign: true,
      answer: true,
      escalate: true,
      reopen: false,
    });
    const a2 = officers.assignees.find((x: { fullName: string }) =>
      x.fullName.includes('commune_officer.a2'),
    );
    // Only an officer of the handling level can be assigned.
    const bad = await req('POST', `/api/difficulties/${d.id}/assign`, 'commune_officer.a', {
      assigneeId: world.users['team_leader.a'].id,
    });
    expect(bad.statusCode).toBe(400);
    const assigned = await req('POST', `/api/difficulties/${d.id}/assign`, 'commune_officer.a', {
      assigneeId: a2.id,
    });
    expect(assigned.json().status).toBe('assigned');
    expect(await kinds('commune_officer.a2')).toContain(`difficulty_assigned:${d.id}`);

    // The team cannot answer its own difficulty; the district cannot act before it is escalated.
    expect(
      (await req('POST', `/api/difficulties/${d.id}/answer`, 'team_leader.a', { answer: 'x' }))
        .statusCode,
    ).toBe(403);
    expect(
      (await req('POST', `/api/difficulties/${d.id}/answer`, 'district_officer', { answer: 'x' }))
        .statusCode,
    ).toBe(403);
    // Escalation needs a note.
    expect(
      (await req('POST', `/api/difficulties/${d.id}/escalate`, 'commune_officer.a', {})).statusCode,
    ).toBe(400);
    const escalated = await req('POST', `/api/difficulties/${d.id}/escalate`, 'commune_officer.a', {
      note: 'Cần nhà mạng lắp thêm trạm phát sóng',
    });
    expect(escalated.statusCode, escalated.body).toBe(200);
    expect(escalated.json()).toMatchObject({
      status: 'open',
      handlerUnit: { id: world.district.id },
      assignee: null,
    });
    expect(await kinds('district_officer')).toContain(`difficulty_escalated:${d.id}`);
    // The commune no longer acts on it but still sees it.
    const atCommune = (await req('GET', `/api/difficulties/${d.id}`, 'commune_officer.a')).json();
    expect(atCommune.can.answer).toBe(false);
    const handle = (await req('GET', '/api/difficulties?view=handle', 'district_officer')).json();
    expect(handle.items.map((i: { id: string }) => i.id)).toContain(d.id);

    const answered = await req('POST', `/api/difficulties/${d.id}/answer`, 'district_officer', {
      answer: 'Đã đề nghị Viettel lắp trạm BTS trong quý I.',
    });
    expect(answered.json()).toMatchObject({ status: 'answered' });
    const seen = (await req('GET', `/api/difficulties/${d.id}`, 'team_member.a')).json();
    expect(seen.answer).toBe('Đã đề nghị Viettel lắp trạm BTS trong quý I.');
    expect(await kinds('team_member.a')).toContain(`difficulty_answered:${d.id}`);

    const resolved = await req('POST', `/api/difficulties/${d.id}/resolve`, 'district_officer', {});
    expect(resolved.json().status).toBe('resolved');
    expect(await kinds('team_member.a')).toContain(`difficulty_resolved:${d.id}`);
    expect(
      (await req('POST', `/api/difficulties/${d.id}/resolve`, 'district_officer', {})).statusCode,
    ).toBe(409);

    // The raising hamlet reopens it once; a second time is refused.
    expect(seen.can.reopen).toBe(true);
    const reopened = await req('POST', `/api/difficulties/${d.id}/reopen`, 'team_leader.a', {
      note: 'Vẫn chưa có sóng',
    });
    expect(reopened.statusCode, reopened.body).toBe(200);
    expect(reopened.json()).toMatchObject({ status: 'open', reopenCount: 1 });
    await req('POST', `/api/difficulties/${d.id}/resolve`, 'district_officer', {});
    expect(
      (await req('POST', `/api/difficulties/${d.id}/reopen`, 'team_leader.a', { note: 'Lần nữa' }))
        .statusCode,
    ).toBe(409);

    const detail = (await req('GET', `/api/difficulties/${d.id}`, 'district_officer')).json();
    expect(detail.events.map((e: { action: string }) => e.action)).toEqual([
      'raise',
      'assign',
      'escalate',
      'answer',
      'resolve',
      'reopen',
      'resolve',
    ]);
    const audit = await t.db
      .selectFrom('audit_log')
      .select('action')
      .where('entity', '=', 'difficulty')
      .where('entity_id', '=', d.id)
      .execute();
    expect(audit).toHaveLength(7);

    // Up to the province, which is the top: it cannot escalate further.
    const d2 = await raise('commune_officer.a', world.communeA.id);
    expect(d2.handlerUnit.id).toBe(world.district.id);
    await req('POST', `/api/difficulties/${d2.id}/escalate`, 'district_officer', {
      note: 'Lên tỉnh',
    });
    const top = (await req('GET', `/api/difficulties/${d2.id}`, 'province_officer')).json();
    expect(top.handlerUnit.id).toBe(world.province.id);
    expect(top.can.escalate).toBe(false);
    expect(
      (await req('POST', `/api/difficulties/${d2.id}/escalate`, 'province_officer', { note: 'x' }))
        .statusCode,
    ).toBe(409);
  });

  it('lists mine, to handle and all with filters, accent-free search and overdue first', async () => {
    const d = await raise('commune_officer.a', world.hamletA2.id, {
      category: 'skills',
      urgency: 'normal',
      title: 'Người cao tuổi chưa có điện thoại thông minh',
    });
    // Make it overdue.
    await t.db
      .updateTable('difficulties')
      .set({ due_at: '2020-01-01T00:00:00.000Z' })
      .where('id', '=', d.id)
      .execute();
    const ids = async (who: string, qs: string) =>
      ((await req('GET', `/api/difficulties?${qs}`, who)).json().items as { id: string }[]).map(
        (i) => i.id,
      );
    expect(await ids('commune_officer.a', 'view=mine&pageSize=200')).toContain(d.id);
    expect(await ids('commune_officer.a2', 'view=mine&pageSize=200')).not.toContain(d.id);
    expect(await ids('team_leader.a', 'view=mine&pageSize=200')).not.toContain(d.id);
    expect(await ids('team_member.a', 'view=handle')).toEqual([]);
    expect(await ids('commune_officer.a', 'view=handle&state=overdue')).toEqual([d.id]);
    expect(await ids('commune_officer.a', 'q=nguoi cao tuoi')).toEqual([d.id]);
    expect(await ids('commune_officer.a', 'category=skills')).toEqual([d.id]);
    expect(await ids('commune_officer.a', `unitId=${world.hamletA2.id}`)).toEqual([d.id]);
    expect(await ids('commune_officer.b', 'q=nguoi cao tuoi')).toEqual([]);
    const all = (await req('GET', '/api/difficulties?view=handle', 'commune_officer.a')).json();
    expect(all.items[0]).toMatchObject({ id: d.id, isOverdue: true });
    expect(
      (await req('GET', `/api/difficulties?unitId=${world.communeB.id}`, 'commune_officer.a'))
        .statusCode,
    ).toBe(404);

    const counts = (
      await req('GET', '/api/difficulties/overdue-counts', 'commune_officer.a')
    ).json();
    expect(counts.overdue).toBe(1);
    expect(counts.byUnit).toContainEqual({
      unit: { id: world.hamletA2.id, name: world.hamletA2.name, level: 'hamlet' },
      open: 1,
      overdue: 1,
    });
    const district = (
      await req('GET', '/api/difficulties/overdue-counts', 'district_officer')
    ).json();
    expect(
      district.byUnit.find((b: { unit: { id: string } }) => b.unit.id === world.communeA.id)
        .overdue,
    ).toBe(1);
  });

  it('reminds of an overdue difficulty once per due time, however often it runs', async () => {
    const d = await raise('team_leader.b', world.hamletB.id, { title: 'Lỗi đăng nhập VNeID' });
    await t.db
      .updateTable('difficulties')
      .set({ due_at: '2021-06-01T00:00:00.000Z' })
      .where('id', '=', d.id)
      .execute();
    const now = new Date();
    const first = await sendDueReminders(t.db, now);
    expect(first.sent).toBeGreaterThan(0);
    const count = async () =>
      (
        await t.db
          .selectFrom('notifications')
          .select((eb) => eb.fn.countAll<number>().as('n'))
          .where('kind', '=', 'difficulty_overdue')
          .where('entity_id', '=', d.id)
          .executeTakeFirstOrThrow()
      ).n;
    expect(Number(await count())).toBe(1); // commune officer of B
    expect((await sendDueReminders(t.db, now)).sent).toBe(0);
    expect((await sendDueReminders(t.db, new Date(now.getTime() + 86_400_000))).sent).toBe(0);
    expect(Number(await count())).toBe(1);
    expect(await kinds('commune_officer.b')).toContain(`difficulty_overdue:${d.id}`);
    expect(await kinds('commune_officer.a')).not.toContain(`difficulty_overdue:${d.id}`);
  });

  it('uses the response days the district sets', async () => {
    const current = (
      await req('GET', `/api/settings?unitId=${world.district.id}`, 'district_officer')
    ).json();
    const { unitId: _u, unitName: _n, isDefault: _d, ...body } = current;
    const saved = await req('PUT', `/api/settings/${world.district.id}`, 'district_officer', {
      ...body,
      difficultyResponseDays: { normal: 10, urgent: 5, critical: 2 },
    });
    expect(saved.statusCode, saved.body).toBe(200);
    const d = await raise('team_leader.a', world.hamletA.id);
    expect((Date.parse(d.dueAt) - Date.parse(d.raisedAt)) / 86_400_000).toBe(5);
  });
});

describe('difficulties raised from a report', () => {
  it('links the difficulty to the report of the raising unit, both ways, within the scope', async () => {
    const report = await req('POST', '/api/reports', 'team_leader.a', {
      unitId: world.hamletA.id,
      periodKey: '2022-06',
    });
    expect(report.statusCode, report.body).toBe(200);
    const reportId = report.json().id as string;
    expect(report.json()).toMatchObject({ difficulties: [], can: { raiseDifficulty: true } });
    const d = await raise('team_leader.a', world.hamletA.id, { reportId });
    // The difficulty names the report (unit and period); the report lists the difficulty.
    const detail = (await req('GET', `/api/difficulties/${d.id}`, 'commune_officer.a')).json();
    expect(detail).toMatchObject({
      reportId,
      report: { id: reportId, unitName: world.hamletA.name, periodLabel: 'Tháng 6/2022' },
    });
    for (const who of ['team_leader.a', 'commune_officer.a', 'district_officer']) {
      const r = (await req('GET', `/api/reports/${reportId}`, who)).json();
      expect(r.difficulties, who).toEqual([
        { id: d.id, title: 'Sóng điện thoại yếu ở Khe Cốc', status: 'open' },
      ]);
    }
    // The commune officer reviews hamlet reports and may raise from them; the district may not.
    expect(
      (await req('GET', `/api/reports/${reportId}`, 'commune_officer.a')).json().can
        .raiseDifficulty,
    ).toBe(true);
    expect(
      (await req('GET', `/api/reports/${reportId}`, 'district_officer')).json().can.raiseDifficulty,
    ).toBe(false);
    const fromCommune = await raise('commune_officer.a', world.hamletA.id, { reportId });
    expect(
      (await req('GET', `/api/reports/${reportId}`, 'team_leader.a'))
        .json()
        .difficulties.map((x: { id: string }) => x.id),
    ).toEqual([d.id, fromCommune.id]);
  });

  it('refuses a report outside the scope (404), of another unit (400) or unknown (404)', async () => {
    const own = (
      await req('POST', '/api/reports', 'team_leader.a', {
        unitId: world.hamletA.id,
        periodKey: '2022-07',
      })
    ).json();
    const body = (unitId: string, reportId: string) => ({
      unitId,
      category: 'infrastructure',
      urgency: 'normal',
      title: 'Thiếu điện thoại thông minh',
      description: 'Nhiều hộ chưa có điện thoại thông minh.',
      reportId,
    });
    const count = async () =>
      Number(
        (
          await t.db
            .selectFrom('difficulties')
            .select((eb) => eb.fn.countAll().as('n'))
            .executeTakeFirstOrThrow()
        ).n,
      );
    const before = await count();
    // Hamlet B's team leader cannot see hamlet A's report: it does not exist for them.
    const other = await req(
      'POST',
      '/api/difficulties',
      'team_leader.b',
      body(world.hamletB.id, own.id),
    );
    expect(other.statusCode).toBe(404);
    // Commune B's officer neither.
    expect(
      (await req('POST', '/api/difficulties', 'commune_officer.b', body(world.communeB.id, own.id)))
        .statusCode,
    ).toBe(404);
    // Commune A's officer sees it but may not hang the commune's difficulty on a hamlet's report.
    const wrongUnit = await req(
      'POST',
      '/api/difficulties',
      'commune_officer.a',
      body(world.communeA.id, own.id),
    );
    expect(wrongUnit.statusCode).toBe(400);
    expect(wrongUnit.json().details[0].path).toBe('body.reportId');
    expect(
      (
        await req(
          'POST',
          '/api/difficulties',
          'team_leader.a',
          body(world.hamletA.id, '01900000-0000-7000-8000-000000000000'),
        )
      ).statusCode,
    ).toBe(404);
    expect(await count()).toBe(before);
    // Commune B sees no difficulty of hamlet A's report through its own reports.
    const bReport = (
      await req('POST', '/api/reports', 'commune_officer.b', {
        unitId: world.communeB.id,
        periodKey: '2022-07',
      })
    ).json();
    expect(bReport.difficulties).toEqual([]);
  });
});
