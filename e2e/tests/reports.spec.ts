import { expect, test, type Page } from '@playwright/test';
import { signIn } from './sign-in';

/**
 * A hamlet's monthly report through its workflow: the team leader (totruong) writes and sends it,
 * the commune officer (xa.yendo) returns it with a comment, the leader sees the comment, fixes and
 * resends, the commune approves, and the district officer (huyen) sees the figures change in the
 * district's reporting view for that month and on the district dashboard (Yên Đổ's approved hamlet
 * reports, read before and after). The leader raises a difficulty from the report's difficulties
 * section; the difficulty and the report link to each other. The demo leaves the leader's hamlet
 * without a report for November and December 2022; the phone and desktop projects share one
 * database, so each takes its own month.
 */
const PASSWORD = 'toso-demo-2022';
const COMMENT = 'Bổ sung số hộ đã tham gia nhóm Zalo của xóm';
const DIFFICULTY = 'Sóng điện thoại yếu ở cuối xóm, người dân không nhận được mã OTP';

async function confirm(page: Page, button: string) {
  await page.getByRole('button', { name: button }).first().click();
  const dialog = page.getByRole('dialog', { name: button });
  await dialog.getByRole('button', { name: button }).click();
  await expect(dialog).toBeHidden();
}

/** The "Đã báo cáo" cell of Xã Yên Đổ in the district's rates table. */
async function reportedInYenDo(page: Page): Promise<number> {
  const row = page.getByTestId('rates-table').getByRole('row', { name: /Xã Yên Đổ/ });
  const cell = row.getByRole('cell').nth(2);
  await expect(cell).toHaveText(/^\d+$/);
  return Number(await cell.textContent());
}

/** Yên Đổ's hamlet reports approved for the month on the district dashboard of `date`. */
async function approvedOnDashboard(page: Page, date: string): Promise<number> {
  await page.goto(`/dashboard?date=${date}`);
  const row = page.getByTestId('children-table').getByRole('row', { name: /Xã Yên Đổ/ });
  const link = row.getByTestId('child-reporting').getByRole('link');
  await expect(link).toHaveText(/^\d+\/\d+$/);
  return Number((await link.textContent())!.split('/')[0]);
}

test('a hamlet report is sent, returned, fixed, approved and seen by the district', async ({
  page,
}, testInfo) => {
  // Six sign-ins (argon2) and four workflow steps: more than the default minute on a busy machine.
  test.setTimeout(240_000);
  const period = testInfo.project.name === 'phone' ? '2022-12' : '2022-11';
  const periodEnd = period === '2022-12' ? '2022-12-31' : '2022-11-30';

  // The district's view of the month before anything happens, and its dashboard.
  await signIn(page, 'huyen', { password: PASSWORD, fresh: true });
  await page.goto(`/reports?period=${period}`);
  await expect(page.getByRole('heading', { name: 'Báo cáo định kỳ', level: 2 })).toBeVisible();
  const before = await reportedInYenDo(page);
  const approvedBefore = await approvedOnDashboard(page, periodEnd);

  // The team leader starts the hamlet's report: its figures are filled in from the records.
  await signIn(page, 'totruong', { password: PASSWORD, fresh: true });
  await page.goto(`/reports?period=${period}`);
  const own = page.getByTestId('report-row').first();
  await expect(own.getByTestId('report-status')).toHaveText('Chưa lập');
  const hamlet = (await own.getAttribute('data-unit')) ?? '';
  expect(hamlet).not.toBe('');
  await own.getByTestId('report-start').click();
  await expect(page).toHaveURL(/\/reports\/[0-9a-f-]+$/);
  const reportUrl = new URL(page.url()).pathname;
  await expect(page.getByTestId('report-status')).toHaveText('Bản nháp');
  await expect(page.getByTestId('report-figures')).toBeVisible();
  await page
    .getByLabel('Các hoạt động đã triển khai')
    .fill('Hướng dẫn bà con cài VNeID tại nhà văn hóa xóm');
  await page.getByLabel('Khó khăn, vướng mắc').fill(DIFFICULTY);
  await confirm(page, 'Gửi báo cáo');
  await expect(page.getByTestId('report-status')).toHaveText('Chờ duyệt');

  // The commune officer returns it with a comment.
  await signIn(page, 'xa.yendo', { password: PASSWORD, fresh: true });
  await page.goto(reportUrl);
  await expect(page.getByTestId('report-status')).toHaveText('Chờ duyệt');
  await page.getByRole('button', { name: 'Trả lại' }).click();
  const dialog = page.getByRole('dialog', { name: 'Trả lại' });
  await dialog.getByLabel('Nội dung cần sửa').fill(COMMENT);
  await dialog.getByRole('button', { name: 'Trả lại' }).click();
  await expect(page.getByTestId('report-status')).toHaveText('Bị trả lại');

  // The leader finds it returned, reads the comment, fixes and resends.
  await signIn(page, 'totruong', { password: PASSWORD, fresh: true });
  await page.goto(`/reports?period=${period}`);
  await expect(own.getByTestId('report-status')).toHaveText('Bị trả lại');
  await own.getByRole('link', { name: 'Mở' }).click();
  await expect(page.getByTestId('return-comment')).toContainText(COMMENT);
  await page.getByLabel('Kết quả đạt được').fill('Thêm 12 hộ tham gia nhóm Zalo của xóm');
  await confirm(page, 'Gửi báo cáo');
  await expect(page.getByTestId('report-status')).toHaveText('Chờ duyệt');

  // The commune approves it; it is locked from then on.
  await signIn(page, 'xa.yendo', { password: PASSWORD, fresh: true });
  await page.goto(reportUrl);
  await confirm(page, 'Duyệt');
  await expect(page.getByTestId('report-status')).toHaveText('Đã duyệt');
  await expect(page.getByLabel('Kết quả đạt được')).toHaveCount(0);

  // The district sees one more hamlet reported in Yên Đổ and the approved report with its figures.
  await signIn(page, 'huyen', { password: PASSWORD, fresh: true });
  if (testInfo.project.name === 'desktop') {
    await page.getByRole('link', { name: 'Báo cáo định kỳ' }).click();
    await page.getByTestId('report-period').selectOption(period);
  } else await page.goto(`/reports?period=${period}`);
  await expect.poll(() => reportedInYenDo(page)).toBe(before + 1);
  const yenDo = page.getByTestId('report-row').filter({ hasText: 'Xã Yên Đổ' });
  await yenDo.getByRole('button', { name: 'Xem các xóm' }).click();
  const row = page.getByTestId('report-row').filter({ hasText: hamlet });
  await expect(row.getByTestId('report-status')).toHaveText('Đã duyệt');
  await row.getByRole('link', { name: 'Mở' }).click();
  await expect(page.getByTestId('report-figures')).toBeVisible();
  await expect(page.getByText('Thêm 12 hộ tham gia nhóm Zalo của xóm')).toBeVisible();

  // The district dashboard counts one more approved hamlet report in Yên Đổ for the month.
  await expect.poll(() => approvedOnDashboard(page, periodEnd)).toBe(approvedBefore + 1);

  // The leader raises the report's difficulty to be solved: the form starts from its text.
  await signIn(page, 'totruong', { password: PASSWORD, fresh: true });
  await page.goto(reportUrl);
  await page.getByRole('button', { name: 'Nêu khó khăn cần giải quyết' }).click();
  const raise = page.getByRole('dialog', { name: 'Nêu khó khăn, vướng mắc' });
  await expect(raise.getByTestId('raise-from-report')).toContainText(hamlet);
  await expect(raise.getByLabel('Mô tả')).toHaveValue(DIFFICULTY);
  await raise.getByRole('button', { name: 'Gửi', exact: true }).click();
  await expect(raise).toBeHidden();
  const raised = page
    .getByTestId('report-difficulties')
    .getByRole('link', { name: /Sóng điện thoại yếu/ });
  await expect(raised).toBeVisible();
  await raised.click();
  await expect(page).toHaveURL(/\/difficulties\/[0-9a-f-]+$/);
  await page.getByTestId('difficulty-report-link').click();
  await expect(page).toHaveURL(new RegExp(`${reportUrl}$`));
});
