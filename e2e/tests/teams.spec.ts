import { readFile } from 'node:fs/promises';
import { expect, test, type Page } from '@playwright/test';
import { signIn } from './sign-in';

/**
 * Establishing a team as the commune officer of Xã Yên Đổ: from the board, create the team of a
 * hamlet that has none, add six members while the composition panel turns complete, draft the
 * decision, download it, upload the signed scan, issue it, and see the board count it.
 * The phone and desktop projects share one database: each run takes the first hamlet still free.
 */
const MEMBERS = [
  { name: 'Nguyễn Văn Hùng', affiliation: 'Trưởng xóm / Tổ trưởng tổ dân phố', role: 'Tổ trưởng' },
  { name: 'Trần Thị Mai', affiliation: 'Chi đoàn thanh niên', role: 'Tổ phó' },
  { name: 'Lê Thị Hoa', affiliation: 'Chi hội phụ nữ', role: 'Thành viên' },
  { name: 'Phạm Văn Nam', affiliation: 'Tình nguyện viên', role: 'Thành viên' },
  { name: 'Hoàng Văn Đức', affiliation: 'Giáo viên', role: 'Thành viên' },
  { name: 'Đỗ Thị Lan', affiliation: 'Chi hội nông dân', role: 'Thành viên' },
];

const TINY_PDF = Buffer.from(
  '%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n2 0 obj<</Type/Pages/Kids[]/Count 0>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n',
);

async function establishedCount(page: Page): Promise<number> {
  const value = page.getByTestId('stat-established').getByTestId('stat-value');
  await expect(value).toHaveText(/^\d+$/);
  return Number(await value.textContent());
}

test('commune officer establishes a hamlet team from the board', async ({ page }) => {
  await signIn(page, 'xa.yendo');

  // The home page of an officer is the board of their commune.
  await page.goto('/');
  await expect(page).toHaveURL(/\/coverage/);
  await expect(
    page.getByRole('heading', { name: 'Bảng theo dõi thành lập Tổ', level: 2 }),
  ).toBeVisible();
  await expect(page.getByTestId('deadline')).toContainText(
    /còn \d+ ngày|quá hạn \d+ ngày|hạn cuối/i,
  );
  const hamlets = page.getByRole('list', { name: 'Các xóm của Xã Yên Đổ' });
  await expect(hamlets).toBeVisible();
  const before = await establishedCount(page);

  const free = hamlets.getByRole('listitem').filter({ hasText: 'Chưa có Tổ' }).first();
  await expect(free).toBeVisible();
  const hamletName = (await free.getAttribute('aria-label')) ?? '';
  expect(hamletName).not.toBe('');

  const created = page.waitForResponse(
    (r) => r.url().endsWith('/api/teams') && r.request().method() === 'POST',
  );
  await free.getByRole('button', { name: `Lập Tổ cho ${hamletName}` }).click();
  expect((await created).status()).toBe(201);

  // The team page, still without members.
  await expect(page).toHaveURL(/\/teams\/[0-9a-f-]+$/);
  await expect(page.getByRole('heading', { level: 2 })).toContainText('Tổ công nghệ số cộng đồng');
  const panel = page.getByRole('region', { name: 'Thành phần Tổ' });
  await expect(panel.getByTestId('composition-status')).toHaveText('Chưa đủ thành phần');

  for (const [i, member] of MEMBERS.entries()) {
    await page.getByRole('button', { name: 'Thêm thành viên' }).click();
    const dialog = page.getByRole('dialog', { name: 'Thêm thành viên' });
    await dialog.getByLabel('Họ và tên').fill(member.name);
    await dialog.getByLabel('Thuộc thành phần').selectOption({ label: member.affiliation });
    await dialog.getByLabel('Vai trò trong Tổ').selectOption({ label: member.role });
    if (i === 0) await dialog.getByLabel('Số điện thoại').fill('0912 345 678');
    // The preview shows the team as it would be with this member.
    await expect(dialog.getByTestId('composition-status')).toHaveText(
      i >= 4 ? 'Đủ thành phần' : 'Chưa đủ thành phần',
    );
    const added = page.waitForResponse(
      (r) => /\/api\/teams\/[^/]+\/members$/.test(r.url()) && r.request().method() === 'POST',
    );
    await dialog.getByRole('button', { name: 'Thêm', exact: true }).click();
    expect((await added).status()).toBe(200);
    await expect(dialog).toBeHidden();
    await expect(panel.getByTestId('composition-status')).toHaveText(
      i >= 4 ? 'Đủ thành phần' : 'Chưa đủ thành phần',
    );
  }
  await expect(page.getByRole('heading', { name: 'Thành viên (6)' })).toBeVisible();

  // Draft the decision.
  const form = page.getByRole('form', { name: 'Quyết định thành lập Tổ' });
  await form.getByLabel('Họ tên người ký').fill('Nguyễn Văn Bình');
  const saved = page.waitForResponse(
    (r) => /\/api\/teams\/[^/]+\/decision$/.test(r.url()) && r.request().method() === 'PUT',
  );
  await form.getByRole('button', { name: 'Lưu dự thảo' }).click();
  expect((await saved).status()).toBe(200);

  // Download the .docx.
  const downloading = page.waitForEvent('download');
  await page.getByRole('link', { name: 'Tải quyết định (.docx)' }).click();
  const download = await downloading;
  expect(download.suggestedFilename()).toMatch(/\.docx$/);
  const bytes = await readFile(await download.path());
  expect(bytes.subarray(0, 2).toString('latin1')).toBe('PK');

  // Upload the signed scan.
  const choosing = page.waitForEvent('filechooser');
  await page.getByRole('button', { name: 'Tải lên bản quét' }).click();
  const uploaded = page.waitForResponse(
    (r) => /\/api\/decisions\/[^/]+\/scan$/.test(r.url()) && r.request().method() === 'POST',
  );
  await (
    await choosing
  ).setFiles({ name: 'quyet-dinh-da-ky.pdf', mimeType: 'application/pdf', buffer: TINY_PDF });
  expect((await uploaded).status()).toBe(200);
  await expect(page.getByTestId('scan-status')).toBeVisible();

  // Issue it: the team is established.
  const issued = page.waitForResponse(
    (r) => /\/api\/decisions\/[^/]+\/issue$/.test(r.url()) && r.request().method() === 'POST',
  );
  await page.getByRole('button', { name: 'Ban hành quyết định' }).click();
  expect((await issued).status()).toBe(200);
  await expect(page.getByText('Đã ban hành', { exact: true })).toBeVisible();
  await expect(page.getByTestId('team-status')).toContainText('Đã thành lập');

  // Back on the board, the hamlet counts as established.
  await page.goto('/coverage');
  const row = page
    .getByRole('list', { name: 'Các xóm của Xã Yên Đổ' })
    .getByRole('listitem', { name: hamletName, exact: true });
  await expect(row.getByTestId('hamlet-state')).toHaveText('Đã thành lập');
  await expect(page.getByTestId('stat-established').getByTestId('stat-value')).toHaveText(
    String(before + 1),
  );
});
