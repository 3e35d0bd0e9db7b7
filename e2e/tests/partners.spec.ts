import { expect, test } from '@playwright/test';
import { signIn } from './sign-in';

/**
 * The district officer finds a partner without typing accents, reads its trainings and its
 * contributions page by page and searches them; the training form offers any partner by searching the server. Read
 * only: the phone and desktop projects share one database.
 */
test('partners and their contributions are searched without accents', async ({ page }) => {
  await signIn(page, 'huyen');
  await page.goto('/partners');
  await page.getByRole('searchbox', { name: 'Tìm doanh nghiệp' }).fill('buu dien');
  await expect(page.getByRole('link', { name: /Bưu điện tỉnh Thái Nguyên/ })).toBeVisible();
  await expect(page.getByRole('link', { name: /VNPT Thái Nguyên/ })).toHaveCount(0);

  await page.getByRole('searchbox', { name: 'Tìm doanh nghiệp' }).fill('vnpt');
  await page.getByRole('link', { name: /VNPT Thái Nguyên/ }).click();
  // Its trainings, a page at a time, searched by title without accents.
  const trainings = page.getByTestId('partner-trainings');
  await expect(trainings.locator('> *').first()).toBeVisible();
  expect(await trainings.locator('> *').count()).toBeLessThanOrEqual(20);
  await page.getByRole('searchbox', { name: 'Tìm buổi tập huấn theo tên' }).fill('TRUC tuyen');
  await expect(trainings.locator('> *').first()).toContainText('trực tuyến');
  await expect(trainings.locator('> *').filter({ hasNotText: 'trực tuyến' })).toHaveCount(0);
  const list = page.getByTestId('contribution-list');
  await expect(list.locator('> *').first()).toBeVisible();
  expect(await list.locator('> *').count()).toBeLessThanOrEqual(20);
  await page.getByRole('searchbox', { name: /Tìm đóng góp/ }).fill('to roi');
  await expect(list.locator('> *').first()).toContainText('Tờ rơi');
  for (const text of await list.locator('> *').allTextContents()) expect(text).toContain('Tờ rơi');
  await page.getByRole('searchbox', { name: /Tìm đóng góp/ }).fill('khong co dong gop nay');
  await expect(page.getByTestId('empty-state')).toContainText('Không có đóng góp nào khớp');

  await page.goto('/trainings/new');
  await page.getByLabel('Cơ quan tổ chức').selectOption('partner');
  const picker = page.getByRole('textbox', { name: 'Doanh nghiệp tổ chức' });
  await picker.click();
  await picker.fill('nhanh phu luong');
  // The server's answer to the search (after the debounce) holds this one partner only.
  await expect(page.getByRole('listbox').getByRole('option')).toHaveCount(1);
  await page.getByRole('option', { name: 'Agribank chi nhánh Phú Lương' }).click();
  await expect(picker).toHaveValue('Agribank chi nhánh Phú Lương');
});
