// A year of periodic reports for the province-scale dataset (issue 6), as the workflow would have
// left them: monthly hamlet reports reviewed by the commune, commune reports summing them and
// reviewed by the district. Figures are the ones the app pre-fills: a hamlet's are computed here in
// memory from the same kept counts and rows that `liveFigures` reads (a test compares them), a
// commune's through the reports feature's own `communeFigures`.
import { KPI_SKILL, type Outcome } from '@toso/domain/platforms';
import { monthPeriod, type ReportFigures, type ReportSections } from '@toso/domain/reports';
import type { Db, Executor } from '../../db/db';
import type { ReportActionsTable, ReportsTable, TargetsTable } from '../../db/schema';
import { newId } from '../../lib/ids';
import { systemActor } from '../../lib/system-actor';
import { campaignIndicators, communeFigures } from '../reports/report-figures';
import { expectedHamlets } from '../reports/reports.service';
import { childUnits } from '../reports/reports.repository';
import { trainedMembersByUnit } from '../trainings/training-coverage.service';
import type { UnitRow } from '../units/units.repository';
import { personName, type Random } from './demo-people';
import { at, reportThroughWorkflow } from './demo-reports';
import { prng } from './demo.service';

type Progress = (phase: string, done: number, total: number) => void;

export interface ProvinceReportsInput {
  province: UnitRow;
  districts: UnitRow[];
  communes: { commune: UnitRow; district: UnitRow }[];
  hamlets: { hamlet: UnitRow; commune: UnitRow }[];
  year: number;
  now: string;
}

/** The indicators of the province's campaign: the 70 % skill first, then three platforms. */
const CAMPAIGN_INDICATORS: { code: string; outcome: Outcome; share: number }[] = [
  { code: KPI_SKILL.platformCode, outcome: KPI_SKILL.outcome, share: 1.1 },
  { code: 'vneid', outcome: 'account_created', share: 1.15 },
  { code: 'so-suc-khoe', outcome: 'installed', share: 1.2 },
  { code: 'dvc-quoc-gia', outcome: 'account_created', share: 1.25 },
];

/**
 * The province's campaign for the year with four platform indicators and a target for every unit
 * (a hamlet's from what it reaches, ±; each level above the sum of its children), unless the
 * database already has a campaign.
 */
async function ensureCampaign(db: Db, input: ProvinceReportsInput, random: Random) {
  const existing = await db.selectFrom('campaigns').select('id').executeTakeFirst();
  if (existing) return;
  const { province, year, now } = input;
  const platforms = await db.selectFrom('platforms').select(['id', 'code', 'outcomes']).execute();
  const picked = CAMPAIGN_INDICATORS.map((c) => ({
    ...c,
    platform: platforms.find(
      (p) => p.code === c.code && (JSON.parse(p.outcomes) as string[]).includes(c.outcome),
    ),
  })).filter((c) => c.platform);
  const campaignId = newId();
  const indicators = picked.map((c, sort) => ({
    id: newId(),
    campaign_id: campaignId,
    kind: 'platform_outcome',
    platform_id: c.platform!.id,
    outcome: c.outcome,
    sort,
    share: c.share,
  }));
  const reached = new Map<string, number>();
  for (const r of await db
    .selectFrom('support_counts')
    .select(['unit_id', 'platform_id', 'outcome'])
    .select((eb) => eb.fn.sum<number>('count').as('n'))
    .where(
      'platform_id',
      'in',
      indicators.map((i) => i.platform_id),
    )
    .where('month', '>=', `${year}-01`)
    .where('month', '<=', `${year}-12`)
    .groupBy(['unit_id', 'platform_id', 'outcome'])
    .execute())
    reached.set(`${r.unit_id}|${r.platform_id}|${r.outcome}`, Number(r.n));
  const targets: TargetsTable[] = [];
  const sums = new Map<string, number>();
  const add = (unit: UnitRow, indicatorId: string, value: number) => {
    targets.push({
      indicator_id: indicatorId,
      unit_id: unit.id,
      unit_path: unit.path,
      value,
      updated_at: now,
      updated_by: null,
    });
    if (unit.parent_id) {
      const key = `${unit.parent_id}|${indicatorId}`;
      sums.set(key, (sums.get(key) ?? 0) + value);
    }
  };
  for (const i of indicators) {
    // A hamlet's target: what it reaches by December, give or take (some will fall short).
    for (const { hamlet } of input.hamlets) {
      const n = reached.get(`${hamlet.id}|${i.platform_id}|${i.outcome}`) ?? 0;
      add(hamlet, i.id, Math.max(5, Math.round((n * i.share * (0.75 + random() * 0.5)) / 5) * 5));
    }
    for (const { commune } of input.communes)
      add(commune, i.id, sums.get(`${commune.id}|${i.id}`) ?? 0);
    for (const district of input.districts)
      add(district, i.id, sums.get(`${district.id}|${i.id}`) ?? 0);
    add(province, i.id, sums.get(`${province.id}|${i.id}`) ?? 0);
  }
  await db.transaction().execute(async (tx) => {
    await tx
      .insertInto('campaigns')
      .values({
        id: campaignId,
        unit_id: province.id,
        unit_path: province.path,
        name: `Chiến dịch chuyển đổi số cộng đồng năm ${year}`,
        starts_on: `${year}-01-01`,
        ends_on: `${year}-12-31`,
        created_at: now,
        updated_at: now,
      })
      .execute();
    await tx
      .insertInto('indicators')
      .values(indicators.map(({ share: _share, ...i }) => i))
      .execute();
    for (let k = 0; k < targets.length; k += 500)
      await tx
        .insertInto('targets')
        .values(targets.slice(k, k + 500))
        .execute();
  });
}

// ---- free text ----

const pick = <T>(random: Random, list: readonly T[]): T => list[Math.floor(random() * list.length)];

const HAMLET_ACTIVITIES = [
  'Tổ chức buổi hướng dẫn tập trung tại nhà văn hóa {unit} vào tối thứ Bảy.',
  'Chia thành viên Tổ đến từng hộ hướng dẫn cài đặt và kích hoạt ứng dụng.',
  'Lồng ghép tuyên truyền chuyển đổi số trong buổi họp {unit}.',
  'Phát loa truyền thanh và đăng bài hướng dẫn lên nhóm Zalo của {unit}.',
  'Hỗ trợ người dân đăng ký tài khoản định danh điện tử mức 2 cùng Công an xã.',
  'Hướng dẫn người cao tuổi dùng Sổ sức khỏe điện tử để đặt lịch khám.',
  'Phối hợp với nhân viên bưu điện hướng dẫn thanh toán tiền điện, nước qua ứng dụng.',
  'Hướng dẫn các hộ kinh doanh mở tài khoản và nhận thanh toán bằng mã QR.',
  'Hướng dẫn phụ huynh nộp hồ sơ nhập học trực tuyến cho con.',
];
const HAMLET_DIFFICULTIES = [
  'Một số hộ chưa có điện thoại thông minh, chủ yếu là người cao tuổi.',
  'Sóng điện thoại yếu ở cuối {unit}, nhiều lần không gửi được hồ sơ.',
  'Nhiều lao động đi làm ăn xa, chỉ gặp được vào cuối tuần.',
  'Người dân còn e ngại cung cấp thông tin cá nhân trên ứng dụng.',
  'Thành viên Tổ kiêm nhiệm nhiều việc, thời gian hỗ trợ còn hạn chế.',
  'Hệ thống dịch vụ công có lúc quá tải, người dân phải làm lại nhiều lần.',
  'Một số người dân quên mật khẩu, phải hỗ trợ cấp lại nhiều lần.',
];
const HAMLET_PROPOSALS = [
  'Đề nghị xã cấp thêm tài liệu hướng dẫn in sẵn để phát cho các hộ.',
  'Đề nghị doanh nghiệp viễn thông tăng cường phủ sóng tại {unit}.',
  'Đề nghị tổ chức thêm lớp tập huấn cho thành viên Tổ về dịch vụ công mức độ toàn trình.',
  'Đề nghị hỗ trợ kinh phí sử dụng điện thoại, 4G cho thành viên Tổ.',
  'Đề nghị Công an xã bố trí lịch kích hoạt định danh điện tử tại {unit}.',
];
const COMMUNE_ACTIVITIES = [
  'Ban Chỉ đạo chuyển đổi số xã giao chỉ tiêu tháng cho từng Tổ công nghệ số cộng đồng.',
  'Cán bộ xã trực tiếp xuống các xóm kiểm tra, hướng dẫn hoạt động của Tổ.',
  'Tổ chức hội nghị sơ kết, trao đổi cách làm hay giữa các Tổ.',
  'Phối hợp với Viettel, VNPT tổ chức ngày hội chuyển đổi số tại trụ sở xã.',
  'Bộ phận một cửa hướng dẫn người dân nộp hồ sơ trực tuyến ngay tại quầy.',
];
const COMMUNE_DIFFICULTIES = [
  'Hạ tầng mạng ở các xóm vùng cao chưa ổn định.',
  'Tỉ lệ người dân có điện thoại thông minh ở một số xóm còn thấp.',
  'Một số Tổ báo cáo chậm, số liệu chưa đầy đủ.',
  'Kinh phí hoạt động cho các Tổ chưa được bố trí.',
];
const COMMUNE_PROPOSALS = [
  'Đề nghị huyện hỗ trợ kinh phí hoạt động cho các Tổ công nghệ số cộng đồng.',
  'Đề nghị huyện mở lớp tập huấn chuyên sâu cho tổ trưởng các Tổ.',
  'Đề nghị các doanh nghiệp viễn thông hỗ trợ thiết bị cho hộ nghèo.',
];

const fill = (s: string, unit: string) => s.replace(/\{unit\}/g, unit);

function hamletSections(
  random: Random,
  hamlet: { name: string },
  f: ReportFigures,
): ReportSections {
  const activities = [pick(random, HAMLET_ACTIVITIES), pick(random, HAMLET_ACTIVITIES)]
    .filter((s, i, all) => all.indexOf(s) === i)
    .map((s) => `- ${fill(s, hamlet.name)}`)
    .join('\n');
  const during = f.indicators.reduce((s, i) => s + i.inPeriod, 0);
  const skill = f.indicators[0];
  const results = [
    `Trong tháng, Tổ đã hỗ trợ ${during} lượt người dân.`,
    skill
      ? `Lũy kế ${skill.reached} người dân thành thạo kỹ năng (${skill.platformName})${skill.target ? `, đạt ${Math.round((skill.reached / skill.target) * 100)}% chỉ tiêu` : ''}.`
      : '',
  ]
    .filter(Boolean)
    .join(' ');
  const r = random();
  const difficulties =
    r < 0.25
      ? ''
      : [pick(random, HAMLET_DIFFICULTIES), ...(r > 0.8 ? [pick(random, HAMLET_DIFFICULTIES)] : [])]
          .filter((s, i, all) => all.indexOf(s) === i)
          .map((s) => fill(s, hamlet.name))
          .join(' ');
  const proposals = random() < 0.4 ? '' : fill(pick(random, HAMLET_PROPOSALS), hamlet.name);
  return { activities, results, difficulties, proposals };
}

function communeSections(random: Random, f: ReportFigures): ReportSections {
  const during = f.indicators.reduce((s, i) => s + i.inPeriod, 0);
  const included = f.hamletsIncluded?.length ?? 0;
  const missing = f.hamletsMissing ?? [];
  return {
    activities: [pick(random, COMMUNE_ACTIVITIES), pick(random, COMMUNE_ACTIVITIES)]
      .filter((s, i, all) => all.indexOf(s) === i)
      .map((s) => `- ${s}`)
      .join('\n'),
    results:
      `${included} Tổ có báo cáo được duyệt; các Tổ đã hỗ trợ ${during} lượt người dân trong tháng.` +
      (missing.length ? ` Chưa có báo cáo: ${missing.join(', ')}.` : ''),
    difficulties: random() < 0.2 ? '' : pick(random, COMMUNE_DIFFICULTIES),
    proposals: random() < 0.35 ? '' : pick(random, COMMUNE_PROPOSALS),
  };
}

// ---- figures ----

/** What `liveFigures` reads for the hamlets of one commune, loaded once. */
async function loadCommuneRecords(db: Executor, hamletIds: string[], year: number) {
  const counts = new Map<string, number>();
  for (const c of await db
    .selectFrom('support_counts')
    .select(['unit_id', 'platform_id', 'outcome', 'month', 'count'])
    .where('unit_id', 'in', hamletIds)
    .where('month', '<=', `${year}-12`)
    .execute())
    counts.set(`${c.unit_id}|${c.platform_id}|${c.outcome}|${c.month}`, Number(c.count));
  const groups = await db
    .selectFrom('chat_groups')
    .select(['id', 'unit_id', 'households_joined', 'joined_updated_on'])
    .where('unit_id', 'in', hamletIds)
    .where('is_active', '=', 1)
    .execute();
  const dated = groups.length
    ? await db
        .selectFrom('chat_group_counts')
        .select(['chat_group_id', 'recorded_on', 'households_joined'])
        .where(
          'chat_group_id',
          'in',
          groups.map((g) => g.id),
        )
        .orderBy('recorded_on', 'asc')
        .orderBy('created_at', 'asc')
        .execute()
    : [];
  const households = new Map(
    (
      await db
        .selectFrom('households')
        .select('hamlet_id')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .where('hamlet_id', 'in', hamletIds)
        .groupBy('hamlet_id')
        .execute()
    ).map((h) => [h.hamlet_id, Number(h.n)]),
  );
  const leaders = new Map(
    (
      await db
        .selectFrom('team_members')
        .innerJoin('teams', 'teams.id', 'team_members.team_id')
        .select(['teams.hamlet_id', 'team_members.full_name'])
        .where('teams.hamlet_id', 'in', hamletIds)
        .where('team_members.role', '=', 'leader')
        .execute()
    ).map((l) => [l.hamlet_id, l.full_name]),
  );
  /** Households in the hamlet's active chat groups as last counted by `to` (`chatGroupHouseholds`). */
  const chatHouseholds = (hamletId: string, to: string) => {
    const mine = groups.filter((g) => g.unit_id === hamletId);
    if (mine.length === 0) return null;
    return mine.reduce((s, g) => {
      const counted = dated.filter((c) => c.chat_group_id === g.id && c.recorded_on <= to).at(-1);
      if (counted) return s + Number(counted.households_joined);
      return g.joined_updated_on !== null && g.joined_updated_on <= to
        ? s + Number(g.households_joined)
        : s;
    }, 0);
  };
  return { counts, households, leaders, chatHouseholds };
}

const monthOf = (date: string) => date.slice(0, 7);

function monthsFrom(from: string, to: string): string[] {
  const out: string[] = [];
  for (let k = from; k <= to;) {
    out.push(k);
    const [y, m] = k.split('-').map(Number);
    k = m === 12 ? `${y + 1}-01` : `${y}-${String(m + 1).padStart(2, '0')}`;
  }
  return out;
}

/**
 * Writes the year's reports, commune by commune in one transaction each, reporting progress as
 * `reports`. Returns the number of reports written.
 */
export async function generateProvinceReports(
  db: Db,
  input: ProvinceReportsInput,
  progress: Progress = () => {},
): Promise<{ reports: number }> {
  const random = prng(input.year * 7 + 6);
  progress('reports', 0, input.communes.length);
  await ensureCampaign(db, input, random);
  const months = monthsFrom(`${input.year}-01`, `${input.year}-12`);
  const scope = systemActor('province-scale').scope;
  // One officer name per commune and district (the dataset has accounts only for the first ones).
  const officer = new Map<string, string>();
  const officerOf = (unitId: string) => {
    if (!officer.has(unitId))
      officer.set(unitId, personName(random, random() < 0.6 ? 'female' : 'male'));
    return officer.get(unitId)!;
  };
  // The campaign of a unit for a month, chosen as `campaignFor` does (the latest started one
  // overlapping the month whose unit contains it), from the campaigns read once.
  const campaigns = await db
    .selectFrom('campaigns')
    .selectAll()
    .orderBy('starts_on', 'desc')
    .execute();
  const indicatorCache = new Map<string, Awaited<ReturnType<typeof campaignIndicators>>>();
  const campaignOf = async (path: string, month: string) => {
    const p = monthPeriod(month);
    const campaign = campaigns.find(
      (c) => c.starts_on <= p.to && c.ends_on >= p.from && path.startsWith(c.unit_path),
    );
    if (!campaign) return null;
    if (!indicatorCache.has(campaign.id))
      indicatorCache.set(campaign.id, await campaignIndicators(db, campaign.id));
    return { campaign, indicators: indicatorCache.get(campaign.id)! };
  };
  const targetRows = await db
    .selectFrom('targets')
    .select(['indicator_id', 'unit_id', 'value'])
    .execute();
  const targets = new Map(
    targetRows.map((t) => [`${t.unit_id}|${t.indicator_id}`, Number(t.value)]),
  );

  let written = 0;
  for (const [ci, { commune, district }] of input.communes.entries()) {
    // Each commune has its own discipline: some report late more often, a few miss more.
    const lateness = [0.08, 0.25, 0.12, 0.04, 0.35][ci % 5];
    const missing = ci % 9 === 4 ? 0.12 : 0.02;
    const hamlets = await childUnits(db, commune.id, 'hamlet', `${input.year}-01-01`);
    const records = await loadCommuneRecords(
      db,
      hamlets.map((h) => h.id),
      input.year,
    );
    const reports: ReportsTable[] = [];
    const actions: ReportActionsTable[] = [];
    const add = (
      unit: { id: string; path: string },
      level: 'hamlet' | 'commune',
      month: string,
      figures: ReportFigures,
      sections: ReportSections,
      o: {
        submitDay: number;
        returned: boolean;
        approved: boolean;
        author: string;
        reviewer: string;
      },
    ) => {
      const done = reportThroughWorkflow({
        unit,
        level,
        month,
        figures,
        sections,
        ...o,
        // Drawn only for a returned report, as the generator always has.
        returnComment: !o.returned
          ? ''
          : level === 'hamlet'
            ? pick(random, [
                'Đề nghị bổ sung số hộ đã tham gia nhóm Zalo và nêu rõ khó khăn.',
                'Phần kết quả chưa khớp số liệu, đề nghị Tổ rà soát lại.',
                'Đề nghị ghi rõ các hoạt động đã làm trong tháng.',
              ])
            : pick(random, [
                'Đề nghị nêu rõ các xóm chưa báo cáo và lý do.',
                'Đề nghị bổ sung đề xuất, kiến nghị cụ thể.',
              ]),
      });
      reports.push(done.row);
      actions.push(...done.actions);
      return done.row;
    };

    for (const month of months) {
      const period = monthPeriod(month);
      const isLast = month === months.at(-1);
      const found = await campaignOf(commune.path, month);
      const campaign = found?.campaign ?? null;
      const indicators = found?.indicators ?? [];
      const { expected } = await expectedHamlets(db, commune.id, period.from, period.to);
      const trained = await trainedMembersByUnit(
        db,
        scope,
        expected.map((h) => h.id),
        { until: period.to },
      );
      const approved: { id: string; unitName: string; figures: ReportFigures; at: string }[] = [];
      for (const hamlet of expected) {
        if (random() < missing) continue;
        // The hamlet's figures as `liveFigures` computes them.
        const reachedMonths = campaign
          ? monthsFrom(
              monthOf(campaign.starts_on),
              monthOf(period.to < campaign.ends_on ? period.to : campaign.ends_on),
            )
          : [];
        const count = (i: (typeof indicators)[number], m: string) =>
          records.counts.get(`${hamlet.id}|${i.platform_id}|${i.outcome}|${m}`) ?? 0;
        const figures: ReportFigures = {
          campaignName: campaign?.name ?? null,
          indicators: indicators.map((i) => ({
            indicatorId: i.id,
            platformName: i.platform_name,
            outcome: i.outcome as Outcome,
            target: targets.get(`${hamlet.id}|${i.id}`) ?? null,
            reached: reachedMonths.reduce((s, m) => s + count(i, m), 0),
            inPeriod: count(i, month),
          })),
          chatGroupHouseholds: records.chatHouseholds(hamlet.id, period.to),
          households: records.households.get(hamlet.id) ?? 0,
          membersTrained: trained.get(hamlet.id)?.trainedMembers ?? null,
        };
        const late = random() < lateness;
        const isApproved = !(isLast && random() < 0.12);
        const row = add(hamlet, 'hamlet', month, figures, hamletSections(random, hamlet, figures), {
          submitDay: late ? 6 + Math.floor(random() * 3) : 1 + Math.floor(random() * 3),
          returned: random() < 0.08,
          approved: isApproved,
          author: records.leaders.get(hamlet.id) ?? `Tổ trưởng ${hamlet.name}`,
          reviewer: officerOf(commune.id),
        });
        if (isApproved)
          approved.push({ id: hamlet.id, unitName: hamlet.name, figures, at: row.reviewed_at! });
      }
      // The commune's report sums the hamlet reports approved when it was (last) sent, as the app
      // freezes them at submission: hamlets approved later are listed as missing.
      const submitDay = random() < lateness ? 10 + Math.floor(random() * 4) : 5;
      const returned = random() < 0.1;
      const sentAt = at(period.to, returned ? submitDay + 2 : submitDay);
      const included = approved.filter((a) => a.at < sentAt);
      const figures = await communeFigures(
        db,
        commune,
        period.from,
        period.to,
        included,
        expected,
        new Set(included.map((a) => a.id)),
      );
      add(commune, 'commune', month, figures, communeSections(random, figures), {
        submitDay,
        returned,
        approved: !(isLast && random() < 0.2),
        author: officerOf(commune.id),
        reviewer: officerOf(district.id),
      });
    }
    await db.transaction().execute(async (tx) => {
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
    });
    written += reports.length;
    progress('reports', ci + 1, input.communes.length);
  }
  return { reports: written };
}
