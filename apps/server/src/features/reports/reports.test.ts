import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ReportDto, ReportListDto, ReportingRatesDto } from '@toso/domain/reports';
import { login, setupTestApp, type TestApp } from '../../../test/app';
import {
  defaultRunProps,
  findParagraph,
  paragraphTexts,
  readDocx,
  sectionProps,
  tableCells,
  tables,
  paragraphs,
} from '../../../test/docx';
import { buildWorld } from '../../../test/factories';
import { newId, nowIso } from '../../lib/ids';
import { scanReportDeadlines } from './reports.service';
import { foldText } from '@toso/domain/text';

let t: TestApp;
let world: Awaited<ReturnType<typeof buildWorld>>;
const cookies: Record<string, string> = {};
let indicatorId: string;
let vneid: string;

const as = (who: string) => cookies[who];
const call = (
  method: 'GET' | 'POST' | 'PUT' | 'PATCH',
  url: string,
  who: string,
  payload?: unknown,
) =>
  t.app.inject({
    method,
    url,
    headers: { cookie: as(who) },
    payload: payload as object | undefined,
  });

const SECTIONS = {
  activities: 'Hướng dẫn bà con cài VNeID tại nhà văn hóa',
  results: 'Thêm 5 tài khoản',
  difficulties: 'Sóng yếu ở cuối xóm',
  proposals: 'Đề nghị hỗ trợ thiết bị',
};

async function team(hamletId: string, path: string, establishedOn: string) {
  const now = nowIso();
  await t.db
    .insertInto('teams')
    .values({
      id: newId(),
      hamlet_id: hamletId,
      unit_path: path,
      name: 'Tổ công nghệ số cộng đồng',
      name_folded: foldText('Tổ công nghệ số cộng đồng'),
      status: 'established',
      proposed_on: establishedOn,
      established_on: establishedOn,
      dissolved_on: null,
      composition_reason: null,
      is_demo: 0,
      created_at: now,
      updated_at: now,
    })
    .execute();
}

async function supports(unitIds: string[], month: string, count: number) {
  for (const unit_id of unitIds)
    await t.db
      .insertInto('support_counts')
      .values({ unit_id, platform_id: vneid, outcome: 'account_created', month, count })
      .execute();
}

beforeAll(async () => {
  t = await setupTestApp();
  world = await buildWorld(t.db);
  for (const who of [
    'team_leader.a',
    'team_leader.b',
    'team_member.a',
    'commune_officer.a',
    'commune_officer.b',
    'district_officer',
    'partner.a',
  ])
    cookies[who] = await login(t.app, who);
  vneid = (
    await t.db
      .selectFrom('platforms')
      .select('id')
      .where('code', '=', 'vneid')
      .executeTakeFirstOrThrow()
  ).id;
  const now = nowIso();
  const campaignId = newId();
  await t.db
    .insertInto('campaigns')
    .values({
      id: campaignId,
      unit_id: world.district.id,
      unit_path: world.district.path,
      name: 'Thí điểm 2022',
      starts_on: '2022-05-16',
      ends_on: '2022-12-31',
      created_at: now,
      updated_at: now,
    })
    .execute();
  indicatorId = newId();
  await t.db
    .insertInto('indicators')
    .values({
      id: indicatorId,
      campaign_id: campaignId,
      platform_id: vneid,
      outcome: 'account_created',
      sort: 0,
    })
    .execute();
  for (const [unit, value] of [
    [world.hamletA, 40],
    [world.communeA, 300],
  ] as const)
    await t.db
      .insertInto('targets')
      .values({
        indicator_id: indicatorId,
        unit_id: unit.id,
        unit_path: unit.path,
        value,
        updated_at: now,
        updated_by: null,
      })
      .execute();
  await team(world.hamletA.id, world.hamletA.path, '2022-05-20');
  await team(world.hamletA2.id, world.hamletA2.path, '2022-05-25');
  // Counts are kept for the hamlet and every unit above it.
  await supports(
    [world.hamletA.id, world.communeA.id, world.district.id, world.province.id],
    '2022-05',
    3,
  );
  await supports(
    [world.hamletA.id, world.communeA.id, world.district.id, world.province.id],
    '2022-06',
    7,
  );
});
afterAll(async () => t.close());

let hamletReport: ReportDto;

describe('hamlet report workflow', () => {
  it('starts a draft whose figures come from the records', async () => {
    const res = await call('POST', '/api/reports', 'team_leader.a', {
      unitId: world.hamletA.id,
      periodKey: '2022-06',
    });
    expect(res.statusCode).toBe(200);
    hamletReport = res.json();
    expect(hamletReport).toMatchObject({
      status: 'draft',
      level: 'hamlet',
      version: 1,
      dueOn: '2022-07-05',
      figuresLive: true,
      can: { edit: true, submit: true, review: false, amend: false },
    });
    expect(hamletReport.figures.indicators).toEqual([
      expect.objectContaining({ indicatorId, target: 40, reached: 10, inPeriod: 7 }),
    ]);
    // From the trainings: the hamlet's team has no member trained yet.
    expect(hamletReport.figures.membersTrained).toBe(0);
    // Starting it again gives the same report.
    const again = await call('POST', '/api/reports', 'team_leader.a', {
      unitId: world.hamletA.id,
      periodKey: '2022-06',
    });
    expect(again.json().id).toBe(hamletReport.id);
  });

  it('keeps reports inside the scope and writing to the unit’s own users', async () => {
    for (const who of ['team_leader.b', 'commune_officer.b'])
      expect((await call('GET', `/api/reports/${hamletReport.id}`, who)).statusCode).toBe(404);
    const other = await call('POST', '/api/reports', 'team_leader.a', {
      unitId: world.hamletA2.id,
      periodKey: '2022-06',
    });
    // Outside the leader's scope: not found, not forbidden.
    expect(other.statusCode).toBe(404);
    const foreign = await call('POST', '/api/reports', 'team_leader.a', {
      unitId: world.hamletB.id,
      periodKey: '2022-06',
    });
    expect(foreign.statusCode).toBe(404);
    const officer = await call('PATCH', `/api/reports/${hamletReport.id}`, 'commune_officer.a', {
      sections: SECTIONS,
    });
    expect(officer.statusCode).toBe(403);
    expect((await call('GET', `/api/reports/${hamletReport.id}`, 'partner.a')).statusCode).toBe(
      403,
    );
    const list: ReportListDto = (
      await call('GET', `/api/reports?period=2022-06`, 'commune_officer.b')
    ).json();
    expect(list.children.map((c) => c.unitId)).toEqual([world.hamletB.id]);
  });

  it('saves, submits (freezing the figures), is returned with a comment, resubmitted and approved', async () => {
    const saved = await call('PATCH', `/api/reports/${hamletReport.id}`, 'team_leader.a', {
      sections: SECTIONS,
    });
    expect(saved.json().sections).toEqual(SECTIONS);
    const submitted = await call(
      'POST',
      `/api/reports/${hamletReport.id}/submit`,
      'team_leader.a',
      {},
    );
    expect(submitted.json()).toMatchObject({ status: 'submitted', figuresLive: false });
    // Records that arrive later do not change a submitted report.
    await t.db
      .updateTable('support_counts')
      .set({ count: 9 })
      .where('unit_id', '=', world.hamletA.id)
      .where('month', '=', '2022-06')
      .execute();
    const frozen: ReportDto = (
      await call('GET', `/api/reports/${hamletReport.id}`, 'team_leader.a')
    ).json();
    expect(frozen.figures.indicators[0].reached).toBe(10);
    expect(frozen.can.edit).toBe(false);

    expect(
      (
        await call('PATCH', `/api/reports/${hamletReport.id}`, 'team_leader.a', {
          sections: SECTIONS,
        })
      ).statusCode,
    ).toBe(409);
    expect(
      (await call('POST', `/api/reports/${hamletReport.id}/approve`, 'team_leader.a', {}))
        .statusCode,
    ).toBe(403);
    expect(
      (await call('POST', `/api/reports/${hamletReport.id}/approve`, 'commune_officer.b', {}))
        .statusCode,
    ).toBe(404);
    expect(
      (await call('POST', `/api/reports/${hamletReport.id}/approve`, 'district_officer', {}))
        .statusCode,
    ).toBe(403);
    const empty = await call(
      'POST',
      `/api/reports/${hamletReport.id}/return`,
      'commune_officer.a',
      { comment: '' },
    );
    expect(empty.statusCode).toBe(400);

    const returned = await call(
      'POST',
      `/api/reports/${hamletReport.id}/return`,
      'commune_officer.a',
      {
        comment: 'Bổ sung số hộ đã vào nhóm Zalo',
      },
    );
    expect(returned.json()).toMatchObject({
      status: 'returned',
      returnComment: 'Bổ sung số hộ đã vào nhóm Zalo',
    });
    const seen: ReportDto = (
      await call('GET', `/api/reports/${hamletReport.id}`, 'team_leader.a')
    ).json();
    expect(seen.returnComment).toBe('Bổ sung số hộ đã vào nhóm Zalo');
    expect(seen.can.edit).toBe(true);
    // Returned: the figures are live again.
    expect(seen.figures.indicators[0].reached).toBe(12);
    expect(seen.history.map((h) => h.action)).toEqual(['create', 'save', 'submit', 'return']);

    const resubmitted = await call(
      'POST',
      `/api/reports/${hamletReport.id}/submit`,
      'team_leader.a',
      {
        sections: { ...SECTIONS, results: 'Thêm 5 tài khoản; 30 hộ vào nhóm Zalo' },
      },
    );
    expect(resubmitted.json()).toMatchObject({ status: 'submitted' });
    const approved = await call(
      'POST',
      `/api/reports/${hamletReport.id}/approve`,
      'commune_officer.a',
      {},
    );
    expect(approved.json()).toMatchObject({ status: 'approved', returnComment: null });
  });

  it('refuses every change to an approved report', async () => {
    const before = await t.db
      .selectFrom('reports')
      .selectAll()
      .where('id', '=', hamletReport.id)
      .executeTakeFirstOrThrow();
    const attempts = [
      call('PATCH', `/api/reports/${hamletReport.id}`, 'team_leader.a', { sections: SECTIONS }),
      call('POST', `/api/reports/${hamletReport.id}/submit`, 'team_leader.a', {}),
      call('POST', `/api/reports/${hamletReport.id}/return`, 'commune_officer.a', {
        comment: 'Sửa lại',
      }),
      call('POST', `/api/reports/${hamletReport.id}/approve`, 'commune_officer.a', {}),
    ];
    for (const res of await Promise.all(attempts)) expect(res.statusCode).toBe(409);
    const after = await t.db
      .selectFrom('reports')
      .selectAll()
      .where('id', '=', hamletReport.id)
      .executeTakeFirstOrThrow();
    expect(after).toEqual(before);
  });

  it('corrects an approved report by an amendment that keeps the original', async () => {
    const amended = await call(
      'POST',
      `/api/reports/${hamletReport.id}/amend`,
      'team_leader.a',
      {},
    );
    expect(amended.statusCode).toBe(200);
    const v2: ReportDto = amended.json();
    expect(v2).toMatchObject({ version: 2, status: 'draft', amendsId: hamletReport.id });
    expect(v2.versions.map((v) => v.version)).toEqual([1, 2]);
    // A second amendment of the original is refused; the original is still there, approved.
    expect(
      (await call('POST', `/api/reports/${hamletReport.id}/amend`, 'team_leader.a', {})).statusCode,
    ).toBe(409);
    const original: ReportDto = (
      await call('GET', `/api/reports/${hamletReport.id}`, 'commune_officer.a')
    ).json();
    expect(original).toMatchObject({ status: 'approved', version: 1, supersededById: null });
    // Frozen at the resubmission, after the late records came in.
    expect(original.figures.indicators[0].reached).toBe(12);
    await call('POST', `/api/reports/${v2.id}/submit`, 'team_leader.a', {});
    await call('POST', `/api/reports/${v2.id}/approve`, 'commune_officer.a', {});
    const superseded: ReportDto = (
      await call('GET', `/api/reports/${hamletReport.id}`, 'commune_officer.a')
    ).json();
    expect(superseded.supersededById).toBe(v2.id);
    const list: ReportListDto = (
      await call('GET', `/api/reports?period=2022-06`, 'commune_officer.a')
    ).json();
    expect(list.children.find((c) => c.unitId === world.hamletA.id)).toMatchObject({
      version: 2,
      status: 'approved',
    });
  });
});

describe('commune report', () => {
  let communeReport: ReportDto;
  it('sums the approved hamlet reports and lists the missing hamlets', async () => {
    const res = await call('POST', '/api/reports', 'commune_officer.a', {
      unitId: world.communeA.id,
      periodKey: '2022-06',
    });
    communeReport = res.json();
    expect(communeReport.level).toBe('commune');
    // The amendment (version 2) was approved with the counts as they then stood.
    expect(communeReport.figures.indicators[0]).toMatchObject({ target: 300, reached: 12 });
    expect(communeReport.figures.hamletsIncluded).toEqual(['Xóm Làng Mới']);
    expect(communeReport.figures.hamletsMissing).toEqual(['Xóm Đồng Tâm']);
    expect(
      (
        await call('POST', '/api/reports', 'team_leader.a', {
          unitId: world.communeA.id,
          periodKey: '2022-06',
        })
      ).statusCode,
    ).toBe(404);
  });

  it('goes to the district, which returns and approves it; the commune cannot approve its own', async () => {
    await call('POST', `/api/reports/${communeReport.id}/submit`, 'commune_officer.a', {
      sections: SECTIONS,
    });
    expect(
      (await call('POST', `/api/reports/${communeReport.id}/approve`, 'commune_officer.a', {}))
        .statusCode,
    ).toBe(403);
    const ret = await call('POST', `/api/reports/${communeReport.id}/return`, 'district_officer', {
      comment: 'Nêu rõ xóm chưa báo cáo',
    });
    expect(ret.json().status).toBe('returned');
    await call('POST', `/api/reports/${communeReport.id}/submit`, 'commune_officer.a', {});
    const ok = await call(
      'POST',
      `/api/reports/${communeReport.id}/approve`,
      'district_officer',
      {},
    );
    expect(ok.json().status).toBe('approved');
    const district: ReportListDto = (
      await call('GET', '/api/reports?period=2022-06', 'district_officer')
    ).json();
    expect(district.own).toBeNull();
    expect(district.children.map((c) => [c.unitName, c.status])).toEqual([
      ['Xã Yên Đổ', 'approved'],
      ['Xã Động Đạt', null],
    ]);
  });

  it('gives reporting and on-time rates per commune', async () => {
    const rates: ReportingRatesDto = (
      await call('GET', '/api/reports/rates?period=2022-06', 'district_officer')
    ).json();
    const a = rates.rows.find((r) => r.unitId === world.communeA.id)!;
    // Two hamlets with a team; one reported, after the due date (the test runs years later).
    expect(a).toMatchObject({
      expected: 2,
      submitted: 1,
      onTime: 0,
      reportingRate: 50,
      onTimeRate: 0,
      communeStatus: 'approved',
    });
    const b = rates.rows.find((r) => r.unitId === world.communeB.id)!;
    expect(b).toMatchObject({ expected: 0, reportingRate: null });
    // Submitted on the due date counts as on time.
    await t.db
      .updateTable('reports')
      .set({ first_submitted_at: '2022-07-05T09:00:00.000Z' })
      .where('unit_id', '=', world.hamletA.id)
      .execute();
    const again: ReportingRatesDto = (
      await call('GET', '/api/reports/rates?period=2022-06', 'commune_officer.a')
    ).json();
    expect(again.rows).toHaveLength(1);
    expect(again.rows[0]).toMatchObject({ onTime: 1, onTimeRate: 50 });
    expect(
      (
        await call(
          'GET',
          `/api/reports/rates?period=2022-06&unitId=${world.communeA.id}`,
          'commune_officer.b',
        )
      ).statusCode,
    ).toBe(404);
  });
});

describe('exports', () => {
  it('renders the hamlet report as a Decree-30 Báo cáo', async () => {
    const res = await call('GET', `/api/reports/${hamletReport.id}/docx`, 'commune_officer.a');
    expect(res.statusCode).toBe(200);
    const docx = readDocx(res.rawPayload);
    const texts = paragraphTexts(docx.document);
    expect(texts).toContain('CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM');
    expect(texts).toContain('Độc lập - Tự do - Hạnh phúc');
    expect(texts).toContain('UBND XÃ YÊN ĐỔ');
    expect(texts).toContain('TỔ CÔNG NGHỆ SỐ CỘNG ĐỒNG');
    expect(texts).toContain('XÓM LÀNG MỚI');
    expect(texts.some((x) => /^Số: +\/BC-TCNSCĐ$/.test(x))).toBe(true);
    expect(texts.some((x) => /^Yên Đổ, ngày \d{2} tháng \d{1,2} năm \d{4}$/.test(x))).toBe(true);
    const title = findParagraph(docx.document, 'BÁO CÁO')!;
    expect(title.alignment).toBe('center');
    expect(title.runs[0].bold).toBe(true);
    expect(texts).toContain(
      'Kết quả hoạt động của Tổ công nghệ số cộng đồng xóm Làng Mới tháng 6/2022',
    );
    expect(texts).toContain('IV. KHÓ KHĂN, VƯỚNG MẮC');
    expect(texts).toContain(SECTIONS.difficulties);
    expect(texts).toContain('Nơi nhận:');
    expect(texts).toContain('- Lưu: Tổ CNSCĐ.');
    expect(texts).toContain('TỔ TRƯỞNG');
    expect(texts).toContain('- Số thành viên Tổ đã được tập huấn: 0.');
    // Header table, figures table, signature table.
    const all = tables(docx.document);
    expect(all).toHaveLength(3);
    const figures = tableCells(all[1]).map((row) => row.map((c) => paragraphTexts(c).join(' ')));
    expect(figures[0]).toEqual(['STT', 'Chỉ tiêu', 'Chỉ tiêu giao', 'Trong kỳ', 'Lũy kế', 'Tỉ lệ']);
    expect(figures[1][2]).toBe('40');
    expect(defaultRunProps(docx.styles).fonts.ascii).toBe('Times New Roman');
    for (const p of paragraphs(docx.document))
      for (const r of p.runs) if (r.font !== undefined) expect(r.font).toBe('Times New Roman');
    const section = sectionProps(docx.document);
    expect(section.pageWidth).toBe(11906);
    expect(section.titlePage).toBe(true);
  });

  it('gives the tables as .xlsx', async () => {
    const res = await call('GET', `/api/reports/${hamletReport.id}/xlsx`, 'team_leader.a');
    expect(res.statusCode).toBe(200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    const ws = wb.getWorksheet('Số liệu')!;
    expect(ws.getRow(1).getCell(2).value).toBe('Chỉ tiêu');
    expect(ws.getRow(2).getCell(3).value).toBe(40);
    expect(wb.getWorksheet('Nội dung')!.getRow(3).getCell(2).value).toBe(SECTIONS.difficulties);
  });

  it('builds the district’s consolidated report as a job with progress', async () => {
    const start = await call('POST', '/api/report-consolidations', 'district_officer', {
      period: '2022-06',
    });
    expect(start.statusCode).toBe(202);
    const { id } = start.json();
    let status = start.json();
    for (let i = 0; i < 100 && status.status === 'running'; i += 1) {
      await new Promise((r) => setTimeout(r, 20));
      status = (await call('GET', `/api/report-consolidations/${id}`, 'district_officer')).json();
    }
    expect(status).toMatchObject({ status: 'done', done: 3, total: 3 });
    expect(
      (await call('GET', `/api/report-consolidations/${id}`, 'commune_officer.a')).statusCode,
    ).toBe(404);
    const file = await call('GET', `/api/report-consolidations/${id}/docx`, 'district_officer');
    const texts = paragraphTexts(readDocx(file.rawPayload).document);
    expect(texts).toContain('HUYỆN PHÚ LƯƠNG');
    expect(texts).toContain(
      'Kết quả hoạt động của Tổ công nghệ số cộng đồng huyện Phú Lương tháng 6/2022',
    );
    expect(texts).toContain('XÃ YÊN ĐỔ');
    expect(texts).toContain('XÃ ĐỘNG ĐẠT');
    expect(texts).toContain(`Xã Yên Đổ: ${SECTIONS.difficulties}`);
    const commune = await call('POST', '/api/report-consolidations', 'commune_officer.a', {
      period: '2022-06',
    });
    expect(commune.statusCode).toBe(400);
  });
});

describe('ad hoc requests and due days', () => {
  it('lets the district ask a commune for an ad hoc report, seen only by that commune', async () => {
    const res = await call('POST', '/api/report-requests', 'district_officer', {
      title: 'Báo cáo nhanh kết quả tháng cao điểm',
      periodFrom: '2022-06-01',
      periodTo: '2022-06-15',
      dueOn: '2099-01-10',
      unitIds: [world.communeA.id],
    });
    expect(res.statusCode).toBe(201);
    const request = res.json();
    expect((await call('GET', '/api/report-requests', 'commune_officer.a')).json()).toMatchObject({
      total: 1,
      items: [{ id: request.id, units: [{ unitId: world.communeA.id, reportId: null }] }],
    });
    expect((await call('GET', '/api/report-requests', 'commune_officer.b')).json()).toEqual({
      items: [],
      total: 0,
      page: 1,
      pageSize: 20,
    });
    expect(
      (
        await call('POST', '/api/report-requests', 'commune_officer.a', {
          ...request,
          unitIds: [world.communeA.id],
        })
      ).statusCode,
    ).toBe(403);
    const report = await call('POST', '/api/reports', 'commune_officer.a', {
      unitId: world.communeA.id,
      requestId: request.id,
    });
    expect(report.json()).toMatchObject({
      requestTitle: 'Báo cáo nhanh kết quả tháng cao điểm',
      dueOn: '2099-01-10',
      level: 'commune',
    });
    // Straight from the commune's counts (the later records were added to the hamlet's only).
    expect(report.json().figures.indicators[0].inPeriod).toBe(7);
    const notAsked = await call('POST', '/api/reports', 'commune_officer.b', {
      unitId: world.communeB.id,
      requestId: request.id,
    });
    expect(notAsked.statusCode).toBe(404);
  });

  it('lists the requests page by page, newest first, each unit limited to the scope', async () => {
    const made: string[] = [];
    for (let i = 0; i < 5; i += 1) {
      const res = await call('POST', '/api/report-requests', 'district_officer', {
        title: `Báo cáo nhanh số ${i + 1}`,
        periodFrom: '2022-07-01',
        periodTo: '2022-07-15',
        dueOn: '2099-02-10',
        unitIds: i % 2 === 0 ? [world.communeA.id, world.communeB.id] : [world.communeB.id],
      });
      expect(res.statusCode).toBe(201);
      made.push(res.json().id);
    }
    const page = async (user: string, n: number) =>
      (await call('GET', `/api/report-requests?page=${n}&pageSize=2`, user)).json();
    // The district sees all six (five here and one before), newest first, two per page.
    const seen: string[] = [];
    for (let n = 1; n <= 4; n += 1) {
      const p = await page('district_officer', n);
      expect(p).toMatchObject({ total: 6, page: n, pageSize: 2 });
      seen.push(...p.items.map((r: { id: string }) => r.id));
    }
    expect(seen.slice(0, 5)).toEqual([...made].reverse());
    expect(seen).toHaveLength(6);
    // Commune A sees the three addressed to it (and the earlier one), and only its own unit.
    const a = await page('commune_officer.a', 1);
    expect(a.total).toBe(4);
    expect(a.items.map((r: { id: string }) => r.id)).toEqual([made[4], made[2]]);
    expect(a.items[0].units.map((u: { unitId: string }) => u.unitId)).toEqual([world.communeA.id]);
    expect((await page('commune_officer.b', 3)).items).toHaveLength(1);
    expect(
      (await call('GET', '/api/report-requests?pageSize=500', 'district_officer')).statusCode,
    ).toBe(400);
  });

  it('takes the due days from the district’s setting', async () => {
    expect(
      (await call('PUT', '/api/reports/settings', 'commune_officer.a', { dueDays: 10 })).statusCode,
    ).toBe(403);
    expect(
      (await call('PUT', '/api/reports/settings', 'district_officer', { dueDays: 10 })).statusCode,
    ).toBe(200);
    const list: ReportListDto = (
      await call('GET', '/api/reports?period=2022-08', 'team_leader.a')
    ).json();
    expect(list.dueOn).toBe('2022-09-10');
    expect(list.own).toMatchObject({ unitId: world.hamletA.id, reportId: null, late: true });
  });
});

describe('deadlines', () => {
  it('finds the reports due soon and those overdue, not those already sent', async () => {
    // July 2022 (due 10 August with the district's 10 days): nothing sent yet.
    expect(await scanReportDeadlines(t.db, '2022-07', '2022-07-20')).toEqual({
      dueSoon: 0,
      overdue: 0,
    });
    // The two hamlets of A with a team, and both communes (a commune reports even with no team).
    expect(await scanReportDeadlines(t.db, '2022-07', '2022-08-09')).toEqual({
      dueSoon: 4,
      overdue: 0,
    });
    expect(await scanReportDeadlines(t.db, '2022-07', '2022-08-11')).toEqual({
      dueSoon: 0,
      overdue: 4,
    });
    // June: hamlet A and commune A have reported; hamlet A2 and commune B have not.
    expect(await scanReportDeadlines(t.db, '2022-06', '2022-08-11')).toEqual({
      dueSoon: 0,
      overdue: 2,
    });
  });
});

describe('notifications of the workflow and the deadlines', () => {
  const kinds = async (who: string) =>
    (
      (await call('GET', '/api/notifications?pageSize=100', who)).json().items as {
        kind: string;
        link: string;
        params: Record<string, string>;
      }[]
    ).map((n) => n.kind);

  it('tells the commune of a submission and the leader of a return and an approval', async () => {
    const officer = await kinds('commune_officer.a');
    expect(officer).toContain('report_submitted');
    const leader = await kinds('team_leader.a');
    expect(leader).toContain('report_returned');
    expect(leader).toContain('report_approved');
    // Nobody is told of their own act, and another commune hears nothing.
    expect(await kinds('commune_officer.b')).not.toContain('report_submitted');
    const submitted = (await call('GET', '/api/notifications?pageSize=100', 'commune_officer.a'))
      .json()
      .items.find((n: { kind: string }) => n.kind === 'report_submitted');
    expect(submitted.link).toMatch(/^\/reports\/[0-9a-f-]{36}$/);
    expect(submitted.params).toMatchObject({ unit: world.hamletA.name, period: '06/2022' });
  });

  it('sends each overdue reminder once, to the unit and to the officers above it', async () => {
    const before = (await kinds('commune_officer.a')).filter((k) => k === 'report_overdue').length;
    await scanReportDeadlines(t.db, '2022-07', '2022-08-11');
    const once = (await kinds('commune_officer.a')).filter((k) => k === 'report_overdue').length;
    await scanReportDeadlines(t.db, '2022-07', '2022-08-12');
    const twice = (await kinds('commune_officer.a')).filter((k) => k === 'report_overdue').length;
    expect(once).toBeGreaterThan(0);
    expect(twice).toBe(once);
    expect(before).toBeLessThanOrEqual(once);
    expect(await kinds('team_leader.a')).toContain('report_overdue');
  });
});
