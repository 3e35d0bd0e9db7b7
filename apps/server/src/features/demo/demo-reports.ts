import type { Outcome } from '@toso/domain/platforms';
import {
  aggregateFigures,
  monthPeriod,
  reportDueOn,
  DEFAULT_REPORT_DUE_DAYS,
  type ReportFigures,
} from '@toso/domain/reports';
import type { Tx } from '../../db/db';
import type { ReportActionsTable, ReportsTable } from '../../db/schema';
import { newId } from '../../lib/ids';
import type { UnitRow } from '../units/units.repository';
import type { Random } from './demo-people';

const MONTHS = ['2022-06', '2022-07', '2022-08', '2022-09', '2022-10', '2022-11', '2022-12'];

/** `hour`:00 (09:00 by default) in Vietnam, `days` days after `date`, as an ISO instant. */
export function at(date: string, days: number, hour = 9): string {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  d.setUTCHours(hour - 7);
  return d.toISOString();
}

/**
 * A monthly report as the workflow leaves it, with its history: created two days before it is
 * submitted `submitDay` days after the period, returned once with `returnComment` and submitted
 * again if `returned`, then approved or still waiting. Used by the demo seed and the province-scale
 * generator.
 */
export function reportThroughWorkflow(a: {
  unit: { id: string; path: string };
  level: 'hamlet' | 'commune';
  month: string;
  sections: object;
  figures: object;
  submitDay: number;
  returned: boolean;
  approved: boolean;
  author: string;
  reviewer: string;
  returnComment: string;
}): { row: ReportsTable; actions: ReportActionsTable[] } {
  const period = monthPeriod(a.month);
  const id = newId();
  const created = at(period.to, a.submitDay - 2, 8);
  const submitted = at(period.to, a.submitDay);
  const resubmitted = at(period.to, a.submitDay + 2);
  const reviewed = at(period.to, a.submitDay + (a.returned ? 3 : 1), 15);
  const actions: ReportActionsTable[] = [];
  const log = (action: string, when: string, by: string, comment: string | null = null) =>
    actions.push({
      id: newId(),
      report_id: id,
      action,
      comment,
      user_id: null,
      user_name: by,
      at: when,
    });
  log('create', created, a.author);
  log('submit', submitted, a.author);
  if (a.returned) {
    log('return', at(period.to, a.submitDay + 1, 10), a.reviewer, a.returnComment);
    log('submit', resubmitted, a.author);
  }
  if (a.approved) log('approve', reviewed, a.reviewer);
  const row: ReportsTable = {
    id,
    unit_id: a.unit.id,
    unit_path: a.unit.path,
    level: a.level,
    period_key: a.month,
    period_from: period.from,
    period_to: period.to,
    request_id: null,
    version: 1,
    amends_id: null,
    superseded_by: null,
    status: a.approved ? 'approved' : 'submitted',
    sections: JSON.stringify(a.sections),
    figures: JSON.stringify(a.figures),
    due_on: reportDueOn(period.to, DEFAULT_REPORT_DUE_DAYS),
    first_submitted_at: submitted,
    submitted_at: a.returned ? resubmitted : submitted,
    submitted_by: null,
    reviewed_at: a.approved ? reviewed : null,
    reviewed_by: null,
    return_comment: null,
    created_by: null,
    created_at: created,
    updated_at: a.approved ? reviewed : a.returned ? resubmitted : submitted,
  };
  return { row, actions };
}

const SECTIONS = {
  activities: [
    'Tổ chức buổi hướng dẫn tại nhà văn hóa xóm; đến từng hộ hướng dẫn cài đặt ứng dụng.',
    'Hướng dẫn người dân kích hoạt tài khoản định danh điện tử mức 2 và cài Sổ sức khỏe điện tử.',
    'Tuyên truyền trên loa truyền thanh và nhóm Zalo của xóm về dịch vụ công trực tuyến.',
  ],
  results: [
    'Nhiều hộ đã biết nộp hồ sơ trực tuyến, thanh toán tiền điện qua ứng dụng.',
    'Người cao tuổi được con cháu hỗ trợ cài ứng dụng sau buổi hướng dẫn.',
  ],
  difficulties: [
    'Một số hộ chưa có điện thoại thông minh; sóng điện thoại yếu ở cuối xóm.',
    'Người dân đi làm ăn xa, khó gặp để hướng dẫn.',
    '',
  ],
  proposals: [
    'Đề nghị xã hỗ trợ thêm tài liệu hướng dẫn in sẵn.',
    'Đề nghị doanh nghiệp viễn thông tăng cường phủ sóng.',
    '',
  ],
};

/**
 * Monthly reports June–December 2022: most hamlets with a team report, most on time, a few late,
 * some returned once then approved, a few missing; communes sum their approved hamlet reports and
 * are approved by the district. The featured hamlet (the demo team leader's) has no report for
 * November and December 2022 (and its commune none for December), so the end-to-end flow can write
 * them on a fresh demo: the phone run takes December, the desktop run November.
 */
export async function seedDemoReports(
  tx: Tx,
  random: Random,
  communes: { commune: UnitRow; hamlets: UnitRow[] }[],
  featuredHamletId: string | undefined,
): Promise<{ reports: number }> {
  const campaign = await tx
    .selectFrom('campaigns')
    .selectAll()
    .orderBy('starts_on')
    .executeTakeFirst();
  if (!campaign) return { reports: 0 };
  const indicators = await tx
    .selectFrom('indicators')
    .innerJoin('platforms', 'platforms.id', 'indicators.platform_id')
    .select(['indicators.id', 'indicators.platform_id', 'indicators.outcome', 'platforms.name'])
    .where('indicators.campaign_id', '=', campaign.id)
    .orderBy('indicators.sort')
    .execute();
  const targets = await tx
    .selectFrom('targets')
    .select(['indicator_id', 'unit_id', 'value'])
    .execute();
  const targetOf = (unitId: string, indicatorId: string) =>
    targets.find((t) => t.unit_id === unitId && t.indicator_id === indicatorId)?.value ?? null;
  const counts = new Map<string, number>();
  for (const c of await tx.selectFrom('support_counts').selectAll().execute())
    counts.set(`${c.unit_id}|${c.platform_id}|${c.outcome}|${c.month}`, Number(c.count));
  const households = new Map(
    (
      await tx
        .selectFrom('households')
        .select(['hamlet_id'])
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .groupBy('hamlet_id')
        .execute()
    ).map((h) => [h.hamlet_id, Number(h.n)]),
  );
  const groups = await tx
    .selectFrom('chat_groups')
    .innerJoin('chat_group_counts', 'chat_group_counts.chat_group_id', 'chat_groups.id')
    .select([
      'chat_groups.unit_id',
      'chat_group_counts.recorded_on',
      'chat_group_counts.households_joined',
    ])
    .orderBy('chat_group_counts.recorded_on')
    .execute();
  const teams = await tx
    .selectFrom('teams')
    .leftJoin('team_members', (j) =>
      j.onRef('team_members.team_id', '=', 'teams.id').on('team_members.role', '=', 'leader'),
    )
    .select(['teams.hamlet_id', 'teams.established_on', 'team_members.full_name'])
    .execute();
  const teamOf = new Map(teams.map((t) => [t.hamlet_id, t]));
  const officers = new Map(
    (
      await tx
        .selectFrom('users')
        .select(['unit_id', 'full_name', 'role'])
        .where('role', 'in', ['commune_officer', 'district_officer'])
        .execute()
    ).map((u) => [u.unit_id, u.full_name]),
  );
  const districtOfficer =
    officers.get(communes[0]?.commune.parent_id ?? '') ?? 'Cán bộ Phòng Văn hóa - Thông tin';

  const monthsTo = (m: string) => {
    const out: string[] = [];
    for (let k = campaign.starts_on.slice(0, 7); k <= m;) {
      out.push(k);
      const [y, mm] = k.split('-').map(Number);
      k = mm === 12 ? `${y + 1}-01` : `${y}-${String(mm + 1).padStart(2, '0')}`;
    }
    return out;
  };
  const hamletFigures = (hamlet: UnitRow, month: string): ReportFigures => {
    const to = monthPeriod(month).to;
    const joined = new Map<string, number>();
    for (const g of groups)
      if (g.unit_id === hamlet.id && g.recorded_on <= to)
        joined.set(g.unit_id, Number(g.households_joined));
    return {
      campaignName: campaign.name,
      indicators: indicators.map((i) => {
        const of = (m: string) =>
          counts.get(`${hamlet.id}|${i.platform_id}|${i.outcome}|${m}`) ?? 0;
        return {
          indicatorId: i.id,
          platformName: i.name,
          outcome: i.outcome as Outcome,
          target: targetOf(hamlet.id, i.id),
          reached: monthsTo(month).reduce((s, m) => s + of(m), 0),
          inPeriod: of(month),
        };
      }),
      chatGroupHouseholds: joined.get(hamlet.id) ?? null,
      households: households.get(hamlet.id) ?? 0,
      membersTrained: null,
    };
  };

  const reports: ReportsTable[] = [];
  const actions: ReportActionsTable[] = [];
  /** One report through its workflow: submitted on `submitDay` days after the period, maybe returned once. */
  const add = (
    unit: UnitRow,
    level: 'hamlet' | 'commune',
    month: string,
    figures: ReportFigures,
    o: {
      submitDay: number;
      returned: boolean;
      approved: boolean;
      author: string;
      reviewer: string;
    },
  ) => {
    const pickText = (list: string[]) => list[Math.floor(random() * list.length)];
    const done = reportThroughWorkflow({
      unit,
      level,
      month,
      figures,
      ...o,
      sections: {
        activities: pickText(SECTIONS.activities),
        results: pickText(SECTIONS.results),
        difficulties: pickText(SECTIONS.difficulties),
        proposals: pickText(SECTIONS.proposals),
      },
      returnComment:
        level === 'hamlet'
          ? 'Bổ sung số hộ đã tham gia nhóm Zalo và nêu rõ khó khăn.'
          : 'Đề nghị nêu rõ các xóm chưa báo cáo và lý do.',
    });
    reports.push(done.row);
    actions.push(...done.actions);
  };

  for (const [ci, { commune, hamlets }] of communes.entries()) {
    const officer = officers.get(commune.id) ?? `Cán bộ Văn hóa - Xã hội ${commune.name}`;
    // Each commune has its own discipline: some report late more often, one misses more.
    const lateness = [0.1, 0.3, 0.15, 0.05, 0.4][ci % 5];
    const missing = ci % 7 === 5 ? 0.25 : 0.06;
    for (const month of MONTHS) {
      const period = monthPeriod(month);
      const isLast = month === MONTHS.at(-1);
      const approved: { name: string; figures: ReportFigures }[] = [];
      const expected: string[] = [];
      for (const hamlet of hamlets) {
        const team = teamOf.get(hamlet.id);
        if (!team?.established_on || team.established_on > period.to) continue;
        expected.push(hamlet.name);
        if (hamlet.id === featuredHamletId && month >= '2022-11') continue;
        if (random() < missing) continue;
        const late = random() < lateness;
        const submitDay = late ? 6 + Math.floor(random() * 8) : 1 + Math.floor(random() * 5);
        const isApproved = !(isLast && random() < 0.25);
        const figures = hamletFigures(hamlet, month);
        add(hamlet, 'hamlet', month, figures, {
          submitDay,
          returned: random() < 0.1,
          approved: isApproved,
          author: team.full_name ?? `Tổ trưởng ${hamlet.name}`,
          reviewer: officer,
        });
        if (isApproved) approved.push({ name: hamlet.name, figures });
      }
      // The featured commune keeps December open; one commune in seven skips the last months.
      if (isLast && hamlets.some((h) => h.id === featuredHamletId)) continue;
      if (ci % 7 === 5 && month >= '2022-11') continue;
      const sum = aggregateFigures(
        approved.map((a) => a.figures),
        indicators.map((i) => ({
          indicatorId: i.id,
          platformName: i.name,
          outcome: i.outcome as Outcome,
        })),
      );
      const figures: ReportFigures = {
        ...sum,
        campaignName: campaign.name,
        indicators: sum.indicators.map((i) => ({
          ...i,
          target: targetOf(commune.id, i.indicatorId) ?? i.target,
        })),
        hamletsIncluded: approved.map((a) => a.name),
        hamletsMissing: expected.filter((n) => !approved.some((a) => a.name === n)),
      };
      add(commune, 'commune', month, figures, {
        submitDay:
          random() < lateness ? 9 + Math.floor(random() * 4) : 4 + Math.floor(random() * 2),
        returned: random() < 0.15,
        approved: !(isLast && random() < 0.4),
        author: officer,
        reviewer: districtOfficer,
      });
    }
  }
  for (let i = 0; i < reports.length; i += 200)
    await tx
      .insertInto('reports')
      .values(reports.slice(i, i + 200))
      .execute();
  for (let i = 0; i < actions.length; i += 500)
    await tx
      .insertInto('report_actions')
      .values(actions.slice(i, i + 500))
      .execute();
  return { reports: reports.length };
}
