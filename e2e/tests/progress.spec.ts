import { expect, test, type Locator, type Page } from '@playwright/test';
import { signIn } from './sign-in';

/**
 * Progress against the targets of the 2022 pilot: the district officer sees the communes, opens
 * Xã Yên Đổ, then the records behind one figure; the team leader sees only his hamlet.
 */
const isPhone = () => test.info().project.name === 'phone';

async function openProgress(page: Page) {
  if (isPhone()) await page.getByRole('button', { name: 'Mở menu' }).click();
  await page.getByRole('link', { name: 'Tiến độ chỉ tiêu' }).click();
  await expect(page).toHaveURL(/\/progress/);
  await expect(
    page.getByRole('heading', { name: 'Tiến độ thực hiện chỉ tiêu', level: 2 }),
  ).toBeVisible();
}

/** The breakdown of the units below: cards on a phone, a table on a desktop. */
function childRows(page: Page): Locator {
  return isPhone() ? page.getByTestId('child-card') : page.getByTestId('child-row');
}

test('district officer follows the 2022 pilot down to the records behind a figure', async ({
  page,
}) => {
  await signIn(page, 'huyen');
  await openProgress(page);
  await expect(page.getByText('Thí điểm Tổ công nghệ số cộng đồng năm 2022')).toBeVisible();
  await expect(page.getByTestId('progress-unit')).toHaveText('Huyện Phú Lương');
  const indicators = page.getByTestId('indicator');
  await expect(indicators.first()).toBeVisible();
  expect(await indicators.count()).toBeGreaterThanOrEqual(3);
  // Every indicator has a district target: reached / target and a coloured level.
  await expect(indicators.first().getByTestId('figure')).toHaveText(/^\d+ \/ \d+$/);
  await expect(indicators.first().getByTestId('level')).toHaveText(/^\d+% · /);

  // The communes, each with its state (red / amber / green).
  const communes = childRows(page);
  await expect(communes).toHaveCount(15);
  await expect(communes.first()).toHaveAttribute('data-level', /behind|on_track|reached/);
  if (!isPhone()) {
    await expect(page.getByTestId('breakdown-cards')).toBeHidden();
    // Sorted by the lowest share first, the first row is the one most behind.
    await page.getByRole('textbox', { name: 'Sắp xếp theo' }).click();
    await page.getByRole('option', { name: 'Tiến độ chung (chỉ tiêu thấp nhất)' }).click();
    await expect(page).toHaveURL(/sort=overall/);
    if ((await communes.locator('xpath=self::*[@data-level="behind"]').count()) > 0)
      await expect(communes.first()).toHaveAttribute('data-level', 'behind');
  } else {
    await expect(page.getByTestId('breakdown-table')).toBeHidden();
  }

  // Drill down to Xã Yên Đổ: its own progress and its hamlets.
  await communes
    .filter({ hasText: 'Xã Yên Đổ' })
    .getByRole('link', { name: 'Xã Yên Đổ' })
    .first()
    .click();
  await expect(page.getByTestId('progress-unit')).toHaveText('Xã Yên Đổ');
  await expect(page).toHaveURL(/unit=[0-9a-f-]{36}/);
  await expect(page.getByRole('link', { name: 'Huyện Phú Lương' })).toBeVisible();
  await expect(childRows(page).first()).toBeVisible();
  expect(await childRows(page).count()).toBeGreaterThan(3);

  // One figure: the records behind it, as many as the figure says.
  const figure = page.getByTestId('indicator').first().getByTestId('figure');
  const count = Number(((await figure.textContent()) ?? '').split('/')[0].trim());
  expect(count).toBeGreaterThan(0);
  await figure.click();
  await expect(page).toHaveURL(/\/progress\/records\?/);
  await expect(page.getByRole('heading', { name: 'Các bản ghi hỗ trợ', level: 2 })).toBeVisible();
  await expect(page.getByTestId('records-total')).toHaveText(`${count} bản ghi`);
  const records = isPhone() ? page.getByTestId('record-card') : page.getByTestId('record-row');
  await expect(records.first()).toBeVisible();
  expect(await records.count()).toBe(Math.min(25, count));
  // Above the commune, residents are shown by their initials only.
  await expect(records.first()).toContainText(/([A-ZĐÀ-Ỹ]\. ){2,}/u);
  await expect(records.first()).toContainText('Được tính');
  // No personal data in the address bar: ids and dates only.
  expect(decodeURIComponent(page.url())).not.toMatch(/[À-ỹ]/u);

  await page.getByRole('link', { name: 'Về bảng tiến độ' }).click();
  await expect(page.getByTestId('progress-unit')).toHaveText('Xã Yên Đổ');
});

test('team leader sees only his hamlet’s progress', async ({ page }) => {
  await signIn(page, 'totruong');
  await openProgress(page);
  const unit = page.getByTestId('progress-unit');
  await expect(unit).toBeVisible();
  await expect(unit).not.toHaveText(/Huyện|Xã/);
  await expect(page.getByTestId('indicator').first()).toBeVisible();
  await expect(page.getByTestId('child-row')).toHaveCount(0);
  await expect(page.getByTestId('child-card')).toHaveCount(0);
  // Another unit's progress is out of reach (the commune of his hamlet answers 404).
  const response = await page.request.get('/api/campaigns');
  const [campaign] = (await response.json()) as { id: string; unitId: string }[];
  const other = await page.request.get(
    `/api/campaigns/${campaign.id}/progress?unitId=${campaign.unitId}`,
  );
  expect(other.status()).toBe(404);
});
