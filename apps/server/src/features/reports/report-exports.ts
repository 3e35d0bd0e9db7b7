// Exports: one report as .docx (Decree 30) or .xlsx, and the district's consolidated report for a
// month built as a job whose progress the browser polls.
import {
  aggregateFigures,
  EMPTY_SECTIONS,
  monthPeriod,
  REPORT_SECTIONS,
  type ConsolidatedJobDto,
  type ReportFigures,
  type ReportSections,
} from '@toso/domain/reports';
import ExcelJS from 'exceljs';
import type { FileChild } from 'docx';
import type { Db, Executor } from '../../db/db';
import { AppError, forbidden, notFound } from '../../lib/app-error';
import { newId, nowIso, todayInVietnam } from '../../lib/ids';
import type { Actor } from '../../plugins/auth';
import { recordAudit } from '../audit/audit.service';
import { findUnitById, type UnitRow } from '../units/units.repository';
import { getUnitInScope } from '../units/units.service';
import { body, run } from '../../lib/decree30';
import {
  FIGURE_HEADERS,
  figureRows,
  gridTable,
  NO_FIGURE,
  partTitle,
  renderReportDocx,
  SECTION_TITLES,
  unitInSentence,
} from './report-docx';
import { approvedByUnit, childUnits, reportsFor, type ReportRow } from './reports.repository';
import { computeFigures, getReport, reportingRates } from './reports.service';
import { campaignFor, campaignIndicators } from './report-figures';
import type { Outcome } from '@toso/domain/platforms';

async function leaderName(db: Executor, hamletId: string): Promise<string> {
  const leader = await db
    .selectFrom('team_members')
    .innerJoin('teams', 'teams.id', 'team_members.team_id')
    .select('team_members.full_name')
    .where('teams.hamlet_id', '=', hamletId)
    .where('teams.status', '!=', 'dissolved')
    .where('team_members.role', '=', 'leader')
    .where('team_members.left_on', 'is', null)
    .executeTakeFirst();
  return leader?.full_name ?? '';
}

const fileStem = (unitName: string, period: string) =>
  `bao-cao-${unitName}-${period.replace(/^req:.*/, 'dot-xuat')}`;

/** One report as a Decree-30 .docx. */
export async function reportDocx(db: Db, actor: Actor, id: string) {
  const report = await getReport(db, actor, id);
  const unit = (await findUnitById(db, report.unitId))!;
  const date = report.submittedAt ? todayInVietnam(new Date(report.submittedAt)) : todayInVietnam();
  const data = await renderReportDocx({
    level: report.level,
    unitName: report.unitName,
    parentName: report.parentName,
    placeUnitName:
      report.level === 'hamlet' ? (report.parentName ?? report.unitName) : report.unitName,
    periodKey: report.requestId ? null : report.periodKey,
    requestTitle: report.requestTitle,
    date,
    figures: report.figures,
    sections: report.sections,
    signerName: report.level === 'hamlet' ? await leaderName(db, unit.id) : '',
  });
  return { data, filename: `${fileStem(report.unitName, report.periodKey)}.docx` };
}

function figuresSheet(wb: ExcelJS.Workbook, name: string, figures: ReportFigures) {
  const ws = wb.addWorksheet(name);
  ws.columns = [
    { width: 6 },
    { width: 48 },
    { width: 14 },
    { width: 12 },
    { width: 12 },
    { width: 10 },
  ];
  ws.addRow(FIGURE_HEADERS).font = { bold: true };
  for (const r of figureRows(figures))
    ws.addRow(r.map((c, i) => (i >= 2 && i <= 4 && c !== '' ? Number(c) : c)));
  ws.addRow([]);
  const fmt = (n: number | null) => (n === null ? NO_FIGURE : n);
  ws.addRow(['', 'Hộ tham gia nhóm cộng đồng', fmt(figures.chatGroupHouseholds)]);
  ws.addRow(['', 'Hộ gia đình', fmt(figures.households)]);
  ws.addRow(['', 'Thành viên Tổ đã được tập huấn', fmt(figures.membersTrained)]);
  if (figures.hamletsMissing)
    ws.addRow(['', 'Chưa có báo cáo được duyệt', figures.hamletsMissing.join(', ')]);
  return ws;
}

/** A report's tables as .xlsx: the figures, and the sections as text. */
export async function reportXlsx(db: Db, actor: Actor, id: string) {
  const report = await getReport(db, actor, id);
  const wb = new ExcelJS.Workbook();
  wb.creator = 'Tổ Số';
  figuresSheet(wb, 'Số liệu', report.figures);
  const ws = wb.addWorksheet('Nội dung');
  ws.columns = [{ width: 30 }, { width: 100 }];
  for (const key of REPORT_SECTIONS) ws.addRow([SECTION_TITLES[key], report.sections[key]]);
  ws.getColumn(2).alignment = { wrapText: true, vertical: 'top' };
  const data = Buffer.from(await wb.xlsx.writeBuffer());
  return { data, filename: `${fileStem(report.unitName, report.periodKey)}.xlsx` };
}

// ---- the district's consolidated report ----

interface Job {
  userId: string;
  createdAt: number;
  dto: ConsolidatedJobDto;
  data: Buffer | null;
  filename: string;
}

const jobs = new Map<string, Job>();
const JOB_TTL_MS = 30 * 60 * 1000;

function sweep() {
  const now = Date.now();
  for (const [id, job] of jobs)
    if (now - job.createdAt > JOB_TTL_MS && job.dto.status !== 'running') jobs.delete(id);
}

interface CommunePart {
  commune: { id: string; name: string; path: string; level: string };
  figures: ReportFigures;
  sections: ReportSections;
  note: string;
}

/** The part of one commune: its approved report, else the sum of its approved hamlet reports. */
async function communePart(db: Executor, commune: UnitRow, key: string): Promise<CommunePart> {
  const period = monthPeriod(key);
  const approved = approvedByUnit(await reportsFor(db, [commune.id], key)).get(commune.id);
  if (approved)
    return {
      commune,
      figures: JSON.parse(approved.figures!) as ReportFigures,
      sections: JSON.parse(approved.sections) as ReportSections,
      note: `Báo cáo của xã đã được duyệt (bản ${approved.version}).`,
    };
  const virtual = {
    level: 'commune',
    request_id: null,
    period_key: key,
    period_from: period.from,
    period_to: period.to,
  } as ReportRow;
  return {
    commune,
    figures: await computeFigures(db, virtual, commune),
    sections: EMPTY_SECTIONS,
    note: 'Xã chưa có báo cáo được duyệt; số liệu tổng hợp từ báo cáo đã duyệt của các xóm.',
  };
}

/** A section's lines as one sentence: bullets dropped, lines joined by semicolons. */
function oneLine(text: string): string {
  const lines = text
    .split(/\r?\n/)
    .map((l) => l.trim().replace(/^[-•+*]\s+/, ''))
    .filter(Boolean);
  return lines.map((l, i) => (i < lines.length - 1 ? l.replace(/[.;]+$/, '') : l)).join('; ');
}

async function buildConsolidated(db: Db, district: UnitRow, key: string, job: Job, actor: Actor) {
  const period = monthPeriod(key);
  const communes = await childUnits(db, district.id, 'commune', period.from);
  job.dto.total = communes.length + 1;
  const parts: CommunePart[] = [];
  for (const c of communes) {
    parts.push(await communePart(db, c as UnitRow, key));
    job.dto.done += 1;
    // Let other requests (the progress polls) run between communes.
    await new Promise((resolve) => setImmediate(resolve));
  }
  const campaign = await campaignFor(db, district.path, period.from, period.to);
  const indicators = campaign ? await campaignIndicators(db, campaign.id) : [];
  const total = aggregateFigures(
    parts.map((p) => p.figures),
    indicators.map((i) => ({
      indicatorId: i.id,
      platformName: i.platform_name,
      outcome: i.outcome as Outcome,
    })),
  );
  const ownTargets = new Map(
    (
      await db
        .selectFrom('targets')
        .select(['indicator_id', 'value'])
        .where('unit_id', '=', district.id)
        .execute()
    ).map((t) => [t.indicator_id, Number(t.value)]),
  );
  total.indicators = total.indicators.map((i) => ({
    ...i,
    target: ownTargets.get(i.indicatorId) ?? i.target,
  }));
  total.campaignName = campaign?.name ?? total.campaignName;
  const rates = await reportingRates(db, actor, key, district.id);
  const pct = (n: number | null) => (n === null ? '' : `${n.toLocaleString('vi-VN')}%`);
  const extra: FileChild[] = [
    body([run('Tỉ lệ báo cáo của các xóm (tổ dân phố) theo xã:', { bold: true })], {
      keepNext: true,
    }),
    gridTable(
      [600, 3000, 1200, 1200, 1400, 1400],
      ['STT', 'Xã, thị trấn', 'Phải báo cáo', 'Đã báo cáo', 'Tỉ lệ báo cáo', 'Đúng hạn'],
      rates.rows.map((r, n) => [
        String(n + 1),
        r.unitName,
        String(r.expected),
        String(r.submitted),
        pct(r.reportingRate),
        pct(r.onTimeRate),
      ]),
    ),
    body(
      `Toàn huyện: ${rates.total.submitted}/${rates.total.expected} xóm đã báo cáo (${pct(rates.total.reportingRate)}), đúng hạn ${pct(rates.total.onTimeRate)}.`,
      { spacing: { before: 120, after: 120 } },
    ),
  ];
  for (const p of parts) {
    extra.push(
      partTitle(p.commune.name.toLocaleUpperCase('vi')),
      body([run(p.note, { italics: true })]),
    );
    if (p.figures.indicators.length > 0)
      extra.push(
        gridTable([600, 3600, 1300, 1100, 1100, 1000], FIGURE_HEADERS, figureRows(p.figures)),
      );
  }
  const joined = (k: (typeof REPORT_SECTIONS)[number]) =>
    parts
      .filter((p) => p.sections[k].trim() !== '')
      .map((p) => `${p.commune.name}: ${oneLine(p.sections[k])}`)
      .join('\n');
  const sections = Object.fromEntries(REPORT_SECTIONS.map((k) => [k, joined(k)])) as ReportSections;
  const data = await renderReportDocx({
    level: 'district',
    unitName: district.name,
    parentName: null,
    placeUnitName: district.name,
    periodKey: key,
    requestTitle: null,
    date: todayInVietnam(),
    figures: total,
    sections,
    signerName: '',
    extra,
  });
  job.data = data;
  job.filename = `bao-cao-tong-hop-${unitInSentence(district.name)}-${key}.docx`;
  job.dto.done = job.dto.total;
  job.dto.status = 'done';
}

/** Starts building the consolidated report of a district (the user's, or one in scope) for a month. */
export async function startConsolidated(
  db: Db,
  actor: Actor,
  key: string,
  unitId: string | undefined,
): Promise<ConsolidatedJobDto> {
  sweep();
  const id = unitId ?? actor.unitId;
  if (!id) throw forbidden('Chọn huyện cần tổng hợp');
  const district = await getUnitInScope(db, actor.scope, id);
  if (district.level !== 'district')
    throw new AppError('validation_failed', 'Báo cáo tổng hợp lập cho một huyện', [
      { path: 'body.unitId', message: 'Chọn một huyện' },
    ]);
  const job: Job = {
    userId: actor.userId,
    createdAt: Date.now(),
    dto: { id: newId(), status: 'running', done: 0, total: 1, message: null },
    data: null,
    filename: '',
  };
  jobs.set(job.dto.id, job);
  await db.transaction().execute(async (tx) =>
    recordAudit(tx, actor, {
      entity: 'report',
      entityId: job.dto.id,
      action: 'export_consolidated',
      unitPath: district.path,
      summary: { after: { period: key, at: nowIso() } },
    }),
  );
  setImmediate(() => {
    buildConsolidated(db, district, key, job, actor).catch(() => {
      job.dto.status = 'failed';
      job.dto.message = 'Không lập được báo cáo tổng hợp, hãy thử lại';
    });
  });
  return job.dto;
}

function jobOf(actor: Actor, id: string): Job {
  const job = jobs.get(id);
  if (!job || job.userId !== actor.userId) throw notFound('Không tìm thấy báo cáo tổng hợp');
  return job;
}

export function consolidatedStatus(actor: Actor, id: string): ConsolidatedJobDto {
  return jobOf(actor, id).dto;
}

export function consolidatedFile(actor: Actor, id: string) {
  const job = jobOf(actor, id);
  if (job.dto.status !== 'done' || !job.data)
    throw new AppError('conflict', 'Báo cáo tổng hợp chưa lập xong');
  return { data: job.data, filename: job.filename };
}
