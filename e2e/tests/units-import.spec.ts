import { expect, test, type Page } from '@playwright/test';
import { signIn } from './sign-in';

/**
 * The province officer imports the official unit list of the 2025 reform for one commune (Xã Cổ
 * Lũng leaves Huyện Phú Lương for directly under the province): the preview says a unit will move
 * with its records, the commit runs as a job whose progress the page follows, and the result says
 * how many data rows moved with it. Then the former list moves it back, so the demo data (shared by
 * the phone and desktop projects and the other specs) ends as it began.
 */
const HEAD = 'Mã,Tên,Loại,Mã cấp trên\n';

async function ancestorsOfCoLung(page: Page): Promise<string[]> {
  const found = await page.request.get('/api/units?q=co%20lung');
  expect(found.status()).toBe(200);
  const unit = (await found.json()).items[0] as { path: { name: string }[] };
  return unit.path.map((p) => p.name);
}

async function importList(page: Page, csv: string, moved: RegExp) {
  await page
    .locator('input[type="file"]')
    .setInputFiles({ name: 'danh-muc.csv', mimeType: 'text/csv', buffer: Buffer.from(csv) });
  await page.getByRole('button', { name: 'Kiểm tra thử' }).click();
  const preview = page.getByRole('alert').filter({ hasText: 'Kết quả kiểm tra thử' });
  await expect(preview).toContainText('1 đơn vị sẽ được cập nhật');
  await expect(preview).toContainText('1 đơn vị sẽ chuyển sang đơn vị cấp trên khác');

  const started = page.waitForResponse(
    (r) => r.url().includes('/api/units/import/jobs') && r.request().method() === 'POST',
  );
  await page.getByRole('button', { name: 'Xác nhận nhập' }).click();
  const response = await started;
  expect(response.status()).toBe(202);
  // The job answers at once, still running, with what it will do.
  expect(await response.json()).toMatchObject({ status: 'running', total: 1 });
  await expect(page).toHaveURL(/\/units\/import\?job=/);

  const done = page.getByTestId('unit-import-done');
  await expect(done).toBeVisible({ timeout: 30_000 });
  await expect(done).toContainText('Đã nhập xong danh mục đơn vị');
  await expect(done).toContainText('cập nhật 1');
  await expect(done).toContainText(moved);
  // Nothing wider than the screen (360 px on the phone project).
  expect(
    await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth + 1),
  ).toBe(true);
}

test('province officer imports a reform list that moves a commune, and follows its progress', async ({
  page,
}) => {
  await signIn(page, 'tinh');

  await page.goto('/units/import');
  await expect(
    page.getByRole('heading', { name: 'Nhập danh mục đơn vị hành chính', level: 2 }),
  ).toBeVisible();

  await importList(
    page,
    `${HEAD}05650,Xã Cổ Lũng,Xã,19\n`,
    /1 đơn vị đã chuyển sang đơn vị cấp trên mới; [\d.]+ dòng dữ liệu đã được cập nhật theo/,
  );
  // A reload keeps the job's result (its id is in the address).
  await page.reload();
  await expect(page.getByTestId('unit-import-done')).toBeVisible();

  // The commune is now directly under the province: no district on its way up.
  expect(await ancestorsOfCoLung(page)).not.toContain('Huyện Phú Lương');

  await page.getByRole('button', { name: 'Nhập tệp khác' }).click();
  await expect(page).toHaveURL(/\/units\/import$/);
  await importList(page, `${HEAD}05650,Xã Cổ Lũng,Xã,168\n`, /1 đơn vị đã chuyển/);
  expect(await ancestorsOfCoLung(page)).toContain('Huyện Phú Lương');
});
