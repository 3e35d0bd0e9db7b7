import { expect, test, type Page } from '@playwright/test';
import { signIn } from './sign-in';

/**
 * Targets down the hierarchy on the 2022 pilot campaign: the district officer edits two communes'
 * targets by keyboard, sees the sums no longer add up, and saves; the commune officer fills one
 * column with the suggested split among the hamlets and saves; both grids keep the values after a
 * reload. The phone and desktop projects share one database: the edits are relative to what is
 * there, and each project splits a different column.
 */
async function openGrid(page: Page) {
  await page.goto('/targets');
  await expect(page.getByRole('heading', { name: 'Giao chỉ tiêu', level: 2 })).toBeVisible();
  await expect(page.getByLabel('Đợt triển khai')).toContainText('Thí điểm');
  await expect(page.getByTestId('target-row').first()).toBeVisible();
}

const cell = (page: Page, row: number, col: number) =>
  page.getByTestId('target-row').nth(row).locator('input').nth(col);

async function saveAll(page: Page, count: number) {
  const saved = page.waitForResponse(
    (r) => /\/api\/campaigns\/[^/]+\/targets$/.test(r.url()) && r.request().method() === 'PUT',
  );
  await page.getByRole('button', { name: `Lưu ${count} ô` }).click();
  expect((await saved).status()).toBe(200);
  await expect(page.getByTestId('unsaved-count')).toHaveCount(0);
}

test('the district edits communes by keyboard and the commune splits its target', async ({
  page,
}, testInfo) => {
  await signIn(page, 'huyen');
  await openGrid(page);
  await expect(page.getByText('Đơn vị trực thuộc Huyện Phú Lương')).toBeVisible();

  // Two commune cells of the first indicator, by keyboard only after the first click.
  const first = Number(await cell(page, 0, 0).inputValue());
  const second = Number(await cell(page, 1, 0).inputValue());
  await cell(page, 0, 0).click();
  await page.keyboard.type(String(first + 1));
  await page.keyboard.press('Enter');
  await expect(cell(page, 1, 0)).toBeFocused();
  await page.keyboard.type(String(second + 2));
  await page.keyboard.press('Tab');
  await expect(cell(page, 1, 1)).toBeFocused();
  await expect(cell(page, 0, 0)).toHaveAttribute('data-changed', 'true');
  await expect(page.getByTestId('unsaved-count')).toHaveText('2 ô chưa lưu');
  await expect(page.getByTestId('balance-warning')).toBeVisible();
  await expect(page.getByTestId('balance-warning')).toContainText('Tổng chỉ tiêu chưa khớp');
  await expect(page.getByTestId('mismatch').first()).toContainText(/Vượt|Còn thiếu/);
  await saveAll(page, 2);

  await page.reload();
  await expect(cell(page, 0, 0)).toHaveValue(String(first + 1));
  await expect(cell(page, 1, 0)).toHaveValue(String(second + 2));
  await expect(page.getByTestId('balance-warning')).toBeVisible();

  // The commune officer of Xã Yên Đổ divides one indicator among the hamlets.
  await page.context().clearCookies();
  await signIn(page, 'xa.yendo');
  await openGrid(page);
  await expect(page.getByText('Đơn vị trực thuộc Xã Yên Đổ')).toBeVisible();
  const col = testInfo.project.name === 'phone' ? 1 : 2;
  await page.getByTestId(`suggest-${col}`).click();
  const rows = await page.getByTestId('target-row').count();
  const values: string[] = [];
  for (let r = 0; r < rows; r += 1) values.push(await cell(page, r, col).inputValue());
  expect(values.every((v) => /^\d+$/.test(v))).toBe(true);
  const changed = await page.locator('input[data-changed]').count();
  expect(changed).toBeGreaterThan(0);
  await saveAll(page, changed);

  await page.reload();
  for (let r = 0; r < rows; r += 1) await expect(cell(page, r, col)).toHaveValue(values[r]);
  await expect(page.locator('input[data-changed]')).toHaveCount(0);
});

test('the district reads the campaign set-up and the platform catalogue', async ({ page }) => {
  await signIn(page, 'huyen');
  await page.goto('/campaigns');
  await expect(page.getByRole('heading', { name: 'Đợt triển khai', level: 2 })).toBeVisible();
  const pilot = page.getByTestId('campaign-row').filter({ hasText: 'Thí điểm' });
  await expect(pilot).toContainText('VNeID (định danh điện tử) — Đã tạo tài khoản');
  await pilot.getByRole('button', { name: 'Kỳ báo cáo' }).click();
  await expect(page.getByRole('dialog')).toContainText('Tháng 5/2022');
  await expect(page.getByRole('dialog')).toContainText('Tháng 12/2022');
  await page.getByRole('dialog').getByText('Quý', { exact: true }).click();
  await expect(page.getByRole('dialog')).toContainText('Quý 4/2022');
  await page.keyboard.press('Escape');

  await page.goto('/platforms');
  const government = page.getByRole('region', { name: 'Chính quyền số' });
  await expect(government.getByText('VNeID (định danh điện tử)')).toBeVisible();
  await expect(page.getByTestId('platform-row').filter({ hasText: 'PC-COVID' })).toContainText(
    'Ngừng từ',
  );
  await page.getByRole('button', { name: 'Thêm nền tảng' }).click();
  await page.getByRole('dialog').getByLabel('Đường dẫn', { exact: true }).fill('khong-phai-link');
  await page.getByRole('dialog').getByRole('button', { name: 'Lưu' }).click();
  await expect(page.getByRole('dialog')).toContainText('Nhập tên nền tảng');
  await expect(page.getByRole('dialog')).toContainText('Đường dẫn phải bắt đầu bằng http');
});

test('the district attaches a how-to guide file to a platform; it opens, then is removed', async ({
  page,
}) => {
  await signIn(page, 'huyen');
  await page.goto('/platforms');
  const row = page.getByTestId('platform-row').filter({ hasText: 'VNeID (định danh điện tử)' });
  await expect(row).toBeVisible();
  const pdf = Buffer.from(
    '%PDF-1.4\n1 0 obj<</Type/Catalog>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n',
  );
  const chooser = page.waitForEvent('filechooser');
  await row.getByRole('button', { name: /^Tải tệp hướng dẫn cho VNeID/ }).click();
  await (
    await chooser
  ).setFiles({ name: 'Hướng dẫn VNeID.pdf', mimeType: 'application/pdf', buffer: pdf });
  const link = row.getByRole('link', { name: /Tệp hướng dẫn: Hướng dẫn VNeID\.pdf/ });
  await expect(link).toBeVisible();
  await expect(row).toContainText('Cần có mạng để mở tệp');
  const href = await link.getAttribute('href');
  const file = await page.request.get(href!);
  expect(file.ok()).toBe(true);
  expect(file.headers()['content-type']).toContain('application/pdf');
  await page.screenshot({
    path: `test-results/platform-guide-${test.info().project.name}.png`,
    fullPage: true,
  });

  // A file that is not a guide is refused with the reason.
  const wrong = page.waitForEvent('filechooser');
  await row.getByRole('button', { name: /^Tải tệp hướng dẫn cho VNeID/ }).click();
  await (
    await wrong
  ).setFiles({ name: 'ghi-chu.pdf', mimeType: 'application/pdf', buffer: Buffer.from('hello') });
  await expect(
    page.getByText('Chỉ nhận tệp PDF, PNG, JPEG hoặc Word (.docx)').first(),
  ).toBeVisible();

  // Removing asks first.
  await row
    .getByRole('button', { name: 'Xóa tệp hướng dẫn của VNeID (định danh điện tử)' })
    .click();
  const dialog = page.getByRole('dialog');
  await expect(dialog).toContainText('Hướng dẫn VNeID.pdf');
  await dialog.getByRole('button', { name: 'Xóa tệp' }).click();
  await expect(link).toHaveCount(0);
});
