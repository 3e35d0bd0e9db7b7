import { expect, test, type Page } from '@playwright/test';
import { signIn } from './sign-in';

/**
 * The district officer of Phú Lương opens the dashboard of the 70% goal: the KPI, the communes
 * that are behind, one number opened down to the residents behind it; then changes the evaluation
 * weights and sees the ranking change. The phone and desktop projects share one database; each run
 * sets the weights it needs and puts the defaults back.
 */
async function setWeights(page: Page, targets: number, timeliness: number, kpi: number) {
  const values: [string, number][] = [
    ['Hoàn thành chỉ tiêu', targets],
    ['Báo cáo đúng hạn', timeliness],
    ['Tiến độ mục tiêu 70%', kpi],
  ];
  for (const [label, value] of values) {
    const input = page.getByRole('textbox', { name: label });
    await input.fill(String(value));
  }
  await expect(page.getByText('Tổng: 100% (phải bằng 100%)')).toBeVisible();
  const saved = page.waitForResponse(
    (r) => r.url().includes('/api/evaluation/weights') && r.request().method() === 'PUT',
  );
  const reranked = page.waitForResponse(
    (r) => r.url().includes('/api/evaluation/ranking') && r.request().method() === 'GET',
  );
  await page.getByRole('button', { name: 'Lưu trọng số' }).click();
  expect((await saved).status()).toBe(200);
  await reranked;
}

async function rankingOrder(page: Page): Promise<string[]> {
  const rows = page.getByTestId('ranking-table').locator('tbody tr');
  await expect(rows.first()).toBeVisible();
  return rows.locator('td:nth-child(2)').allInnerTexts();
}

test('district officer sees the 70% goal, the communes behind, and re-weights the ranking', async ({
  page,
}) => {
  await signIn(page, 'huyen');
  // The home page of a district officer is the dashboard.
  await page.goto('/');
  await expect(page).toHaveURL(/\/dashboard/);
  await expect(page.getByRole('heading', { name: 'Bảng điều hành mục tiêu 70%' })).toBeVisible();
  await expect(page.getByTestId('kpi-rate')).toHaveText(/\d+(,\d)?%/);
  await expect(page.getByText(/dự kiến|Đã đạt mục tiêu|chưa có tiến bộ/i).first()).toBeVisible();

  // The communes: some are behind and say so.
  const table = page.getByTestId('children-table');
  await expect(table.locator('tbody tr')).toHaveCount(15);
  await expect(page.getByText(/đơn vị đang chậm tiến độ/)).toBeVisible();
  const behind = table.locator('tbody tr[data-behind="true"]');
  expect(await behind.count()).toBeGreaterThan(0);
  await expect(behind.first().getByText(/Chậm/)).toBeVisible();

  // The phases of the 2022 pilot on the timeline.
  await expect(page.getByTestId('phases-list')).toContainText('Thành lập các Tổ công nghệ số');

  // One number opens the residents behind it: the commune's able residents, as many as shown.
  const kpiCell = behind.first().locator('td').nth(1);
  const able = Number((await kpiCell.locator('p').innerText()).split('/')[0].replace(/\D/g, ''));
  const listed = page.waitForResponse(
    (r) =>
      new URL(r.url()).pathname === '/api/residents/search' &&
      (r.request().postDataJSON() as { kpi?: string }).kpi === 'able' &&
      r.ok(),
  );
  await kpiCell.getByRole('link').click();
  await expect(page).toHaveURL(/\/residents\?unitId=[0-9a-f-]+&kpi=able&on=\d{4}-\d{2}-\d{2}$/);
  await expect(page.getByTestId('kpi-filter')).toContainText('biết sử dụng DVC trực tuyến');
  expect((await (await listed).json()).total).toBe(Math.min(able, 1000));

  // Evaluation: change the weights and the ranking changes.
  await page.goto('/evaluation');
  await expect(page.getByRole('heading', { name: 'Đánh giá và xếp hạng thi đua' })).toBeVisible();
  // Reporting timeliness comes from the demo's periodic reports: no "no figure" notice.
  await expect(page.getByTestId('ranking-table').locator('tbody tr').first()).toBeVisible();
  await expect(page.getByText(/Chưa có số liệu báo cáo đúng hạn/)).toHaveCount(0);
  await setWeights(page, 100, 0, 0);
  const byTargets = await rankingOrder(page);
  await setWeights(page, 0, 0, 100);
  await expect.poll(async () => (await rankingOrder(page)).join('|')).not.toBe(byTargets.join('|'));
  await setWeights(page, 50, 20, 30);
});
