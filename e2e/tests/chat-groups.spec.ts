import { expect, test } from '@playwright/test';
import { signIn } from './sign-in';

/**
 * A commune officer of Xã Yên Đổ records the commune's Zalo group with its invite link, updates how
 * many households have joined, prints the QR card, then finds both changes named in Vietnamese in
 * the audit log. The phone and desktop projects share one database: each run names its own group.
 */
test('commune officer records a Zalo group, its households and its QR card; the audit log names it', async ({
  page,
}, info) => {
  const name = `Nhóm Zalo chung Yên Đổ (${info.project.name})`;
  await signIn(page, 'xa.yendo');

  await page.goto('/chat-groups');
  await expect(
    page.getByRole('heading', { name: 'Nhóm Zalo của xóm, xã', level: 2 }),
  ).toBeVisible();
  await page.getByRole('button', { name: 'Thêm nhóm' }).first().click();
  const dialog = page.getByRole('dialog', { name: 'Thêm nhóm' });
  // Submitting without a unit names the missing field and sends nothing.
  await dialog.getByLabel('Tên nhóm').fill(name);
  await dialog.getByRole('button', { name: 'Thêm nhóm' }).click();
  await expect(dialog.getByText('Chọn xóm hoặc xã')).toBeVisible();

  // The unit is found by typing without accents.
  await dialog.getByRole('textbox', { name: 'Xóm hoặc xã' }).fill('yen do');
  await page.getByRole('option', { name: /^Xã Yên Đổ/ }).click();
  await dialog.getByLabel('Đường dẫn mời').fill('https://zalo.me/g/yendo-e2e');
  await dialog.getByLabel('Tổng số hộ').fill('120');
  await dialog.getByLabel('Số hộ đã tham gia').fill('30');
  const created = page.waitForResponse(
    (r) => r.url().endsWith('/api/chat-groups') && r.request().method() === 'POST',
  );
  await dialog.getByRole('button', { name: 'Thêm nhóm' }).click();
  expect((await created).status()).toBe(201);
  await expect(dialog).toBeHidden();

  const row = page.getByTestId('chat-group-row').filter({ hasText: name });
  // The commune's registry knows its households, so its count is the total shown.
  await expect(row).toContainText(/30\/\d+ hộ đã tham gia \(theo sổ hộ\)/);
  await expect(row).toContainText('Xã Yên Đổ');

  // A new count of households, kept in the group's history.
  await row.getByRole('button', { name: `Thao tác với nhóm ${name}` }).click();
  await page.getByRole('menuitem', { name: 'Cập nhật số hộ' }).click();
  const counts = page.getByRole('dialog', { name: `Số hộ tham gia ${name}` });
  await counts.getByLabel('Số hộ đã tham gia').fill('45');
  const recorded = page.waitForResponse(
    (r) => /\/api\/chat-groups\/[^/]+\/counts$/.test(r.url()) && r.request().method() === 'POST',
  );
  await counts.getByRole('button', { name: 'Ghi nhận' }).click();
  expect((await recorded).status()).toBeLessThan(300);
  await expect(counts.getByRole('table', { name: 'Lịch sử' })).toContainText('45');
  await counts.getByRole('button', { name: 'Đóng' }).click();
  await expect(row).toContainText(/45\/\d+ hộ đã tham gia/);

  // The printable card carries a QR code that loads.
  await row.getByRole('link', { name: 'In thẻ mã QR' }).click();
  await expect(page).toHaveURL(/\/chat-groups\/[0-9a-f-]+\/card$/);
  const card = page.getByTestId('chat-group-card');
  await expect(card).toContainText('Quét mã để tham gia nhóm Zalo của xã');
  const qr = card.getByRole('img', { name: `Mã QR tham gia nhóm ${name}` });
  await expect(qr).toBeVisible();
  await expect
    .poll(() => qr.evaluate((img: HTMLImageElement) => img.naturalWidth))
    .toBeGreaterThan(0);

  // The audit log, filtered to chat groups, names both changes in Vietnamese.
  await page.goto('/audit');
  await page.getByLabel('Đối tượng').selectOption({ label: 'Nhóm Zalo, Mocha, Gapo' });
  const entries = page.getByRole('main');
  await expect(entries.getByText(`Tên: ${name}; Nền tảng: Zalo`).first()).toBeVisible();
  await expect(entries.getByText('Cập nhật số hộ · Nhóm Zalo, Mocha, Gapo').first()).toBeVisible();
  await expect(entries.getByText('Thêm · Nhóm Zalo, Mocha, Gapo').first()).toBeVisible();
  await expect(entries).not.toContainText('chat_group');
});
