import { expect, test, type Page } from '@playwright/test';
import { signIn } from './sign-in';

/**
 * A difficulty from the hamlet up to the district and back: the team leader of the first hamlet of
 * Xã Yên Đổ raises an urgent one; the commune officer sees the bell count go up, opens it from the
 * notification and escalates it to the district; the district officer answers and resolves it;
 * the team leader sees the answer and the notifications. Phone and desktop share one database, so
 * counts are compared with what they were before.
 */
async function bellCount(page: Page): Promise<number> {
  const bell = page.locator('[data-testid="bell-count"][data-count]');
  await expect(bell).toBeVisible();
  return Number(await bell.getAttribute('data-count'));
}

test('a difficulty goes up from the hamlet to the district and its answer comes back', async ({
  page,
}, testInfo) => {
  // Four sign-ins and a dozen steps: more than the default minute on a loaded machine.
  test.setTimeout(180_000);
  const project = testInfo.project.name;
  const title = `Mất sóng ở cuối xóm (${project} ${Date.now()})`;

  await signIn(page, 'xa.yendo', { fresh: true });
  const communeBefore = await bellCount(page);

  // The team leader raises an urgent difficulty.
  await signIn(page, 'totruong', { fresh: true });
  await page.goto('/difficulties');
  await expect(page.getByRole('heading', { name: 'Khó khăn, vướng mắc', level: 2 })).toBeVisible();
  await page.getByRole('button', { name: 'Nêu khó khăn' }).first().click();
  const dialog = page.getByRole('dialog', { name: 'Nêu khó khăn, vướng mắc' });
  await dialog
    .getByLabel('Loại khó khăn')
    .selectOption({ label: 'Hạ tầng, sóng di động, internet' });
  await dialog.getByLabel('Mức độ khẩn').selectOption({ label: 'Khẩn' });
  await dialog.getByLabel('Tiêu đề').fill(title);
  await dialog
    .getByLabel('Mô tả')
    .fill('Cuối xóm không có sóng 4G, người dân không nhận được mã OTP khi kích hoạt VNeID.');
  const raised = page.waitForResponse(
    (r) => r.url().endsWith('/api/difficulties') && r.request().method() === 'POST',
  );
  await dialog.getByRole('button', { name: 'Gửi' }).click();
  expect((await raised).status()).toBe(201);
  await expect(page).toHaveURL(/\/difficulties\/[0-9a-f-]+$/);
  await expect(page.getByRole('heading', { name: title, level: 2 })).toBeVisible();
  await expect(page.getByText('Chờ xử lý')).toBeVisible();
  const link = new URL(page.url()).pathname;

  // The commune officer's bell counts it; the notification opens it.
  await signIn(page, 'xa.yendo', { fresh: true });
  await expect.poll(() => bellCount(page)).toBe(communeBefore + 1);
  await page.screenshot({ path: `test-results/difficulties-bell-${project}.png` });
  await page.locator('[data-testid="bell-count"] a').click();
  await expect(page).toHaveURL(/\/notifications$/);
  const note = page.getByTestId('notification-row').filter({ hasText: title });
  await expect(note).toContainText('nêu khó khăn mới');
  await expect(note).toHaveAttribute('data-unread', '1');
  await note.click();
  await expect(page).toHaveURL(new RegExp(`${link}$`));
  await expect.poll(() => bellCount(page)).toBe(communeBefore);

  await page.getByRole('button', { name: 'Chuyển lên cấp trên' }).click();
  const escalate = page.getByRole('dialog', { name: 'Chuyển lên cấp trên để xử lý' });
  await escalate
    .getByLabel('Lý do chuyển lên')
    .fill('Cần nhà mạng lắp trạm phát sóng, vượt khả năng của xã.');
  await escalate.getByRole('button', { name: 'Gửi' }).click();
  await expect(page.getByText('Đã chuyển lên cấp trên')).toBeVisible();
  await expect(page.getByText('Huyện Phú Lương', { exact: true })).toBeVisible();
  await expect(page.getByTestId('difficulty-actions')).toHaveCount(0);

  // The district officer finds it in the list to handle, answers and resolves it.
  await signIn(page, 'huyen', { fresh: true });
  await page.goto('/difficulties');
  await page
    .getByRole('searchbox', { name: 'Tìm kiếm' })
    .fill(title.slice(0, 18).replace('ó', 'o'));
  const row = page.getByTestId('difficulty-row').filter({ hasText: title });
  await expect(row).toBeVisible();
  await row.click();
  await page
    .getByRole('textbox', { name: 'Trả lời' })
    .fill('Đã đề nghị Viettel lắp trạm BTS; trong khi chờ, hỗ trợ tại nhà văn hóa xóm có wifi.');
  await page.getByRole('button', { name: 'Trả lời', exact: true }).click();
  await expect(page.getByTestId('difficulty-answer')).toContainText(
    'Đã đề nghị Viettel lắp trạm BTS',
  );
  await page.getByRole('button', { name: 'Đã giải quyết xong' }).click();
  const resolve = page.getByRole('dialog', { name: 'Đã giải quyết xong' });
  await resolve.getByRole('button', { name: 'Gửi' }).click();
  await expect(page.getByText('Đã giải quyết', { exact: true }).first()).toBeVisible();

  // The team leader is told and reads the answer.
  await signIn(page, 'totruong', { fresh: true });
  expect(await bellCount(page)).toBeGreaterThanOrEqual(2);
  await page.goto('/notifications');
  const answered = page
    .getByTestId('notification-row')
    .filter({ hasText: `đã trả lời khó khăn “${title}”` });
  await expect(answered).toBeVisible();
  await expect(
    page
      .getByTestId('notification-row')
      .filter({ hasText: `đã giải quyết xong khó khăn “${title}”` }),
  ).toBeVisible();
  await page.screenshot({ path: `test-results/difficulties-notifications-${project}.png` });
  await answered.click();
  await expect(page).toHaveURL(new RegExp(`${link}$`));
  await expect(page.getByTestId('difficulty-answer')).toContainText(
    'Đã đề nghị Viettel lắp trạm BTS',
  );
  await expect(page.getByRole('button', { name: 'Mở lại (chưa được giải quyết)' })).toBeVisible();
  await page.screenshot({
    path: `test-results/difficulties-answer-${project}.png`,
    fullPage: true,
  });
});
