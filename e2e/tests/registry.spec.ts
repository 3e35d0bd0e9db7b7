import ExcelJS from 'exceljs';
import { expect, test, type Page } from '@playwright/test';
import { signIn } from './sign-in';

/**
 * The household list of a hamlet of Xã Yên Đổ: the commune officer uploads a file with two bad
 * rows, sees both reported by row and column, uploads the fixed file, writes it; then the team
 * member of that hamlet, on a phone, finds one of the new residents by typing the name without
 * accents. The phone and desktop projects share one database: names carry a per-run tag.
 */
const SYLLABLES = ['An', 'Bình', 'Chính', 'Dũng', 'Giang', 'Hà', 'Khánh', 'Lộc', 'Minh', 'Nga'];

/** "Nguyễn Văn Đức" → "nguyen van duc" */
const fold = (s: string) =>
  s
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[đĐ]/g, 'd')
    .toLowerCase();

const HEADERS = [
  'Xóm / Thôn / Tổ dân phố',
  'Mã hộ',
  'Họ và tên',
  'Năm sinh',
  'Giới tính',
  'Quan hệ với chủ hộ',
];

async function workbook(rows: (string | number)[][]): Promise<Buffer> {
  const book = new ExcelJS.Workbook();
  const sheet = book.addWorksheet('Danh sách hộ');
  sheet.addRow(HEADERS);
  for (const row of rows) sheet.addRow(row);
  return Buffer.from(await book.xlsx.writeBuffer());
}

async function upload(page: Page, name: string, buffer: Buffer) {
  const choosing = page.waitForEvent('filechooser');
  await page.getByLabel('Tệp danh sách hộ').click();
  await (
    await choosing
  ).setFiles({
    name,
    mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    buffer,
  });
  const uploaded = page.waitForResponse(
    (r) => r.url().includes('/api/imports/residents') && r.request().method() === 'POST',
  );
  await page.getByRole('button', { name: 'Tải lên và kiểm tra' }).click();
  expect((await uploaded).status()).toBe(202);
}

test('commune officer imports a household list; the team member finds a resident', async ({
  page,
  playwright,
  baseURL,
}) => {
  // The hamlet of the team member, read from their own account.
  const api = await playwright.request.newContext({
    baseURL,
    extraHTTPHeaders: { Origin: baseURL ?? '' },
  });
  const signedIn = await api.post('/api/auth/login', {
    data: { username: 'thanhvien', password: 'toso-demo-2022' },
  });
  expect(signedIn.ok()).toBe(true);
  const me = (await (await api.get('/api/auth/me')).json()) as { user: { unitName: string } };
  const hamlet = me.user.unitName;
  expect(hamlet).toMatch(/^(Xóm|Thôn|Bản|Tổ dân phố) /);
  await api.dispose();

  const tag = String(Date.now())
    .slice(-5)
    .split('')
    .map((d) => SYLLABLES[Number(d)])
    .join(' ');
  const head = `Nguyễn Văn Đức ${tag}`;
  const good: (string | number)[][] = [
    [hamlet, 'H1', head, 1978, 'Nam', 'Chủ hộ'],
    [hamlet, 'H1', `Hoàng Thị Thủy ${tag}`, 1981, 'Nữ', 'Vợ'],
    [hamlet, 'H1', `Nguyễn Thị Ánh ${tag}`, 2012, 'Nữ', 'Con'],
    [hamlet, 'H2', `Lương Văn Sính ${tag}`, 1955, 'Nam', 'Chủ hộ'],
    [hamlet, 'H2', `Lương Thị Nụ ${tag}`, 1958, 'Nữ', 'Vợ'],
  ];
  const bad = good.map((row) => [...row]);
  bad[1]![3] = '19x0'; // sheet row 3
  bad[3]![4] = 'Nữa'; // sheet row 5

  await signIn(page, 'xa.yendo');
  await page.goto('/households/import');
  await expect(page.getByRole('heading', { name: 'Nhập danh sách hộ', level: 2 })).toBeVisible();
  // An officer of the commune imports for the commune; the file names each row's hamlet.
  await expect(page.getByRole('textbox', { name: 'Nhập cho xóm hoặc xã' })).toHaveValue(
    'Xã Yên Đổ',
  );

  // 1. Two bad rows: both reported with their row and column, nothing written.
  await upload(page, 'danh-sach-ho-loi.xlsx', await workbook(bad));
  const status = page.getByTestId('import-status');
  await expect(status).toHaveAttribute('data-status', 'invalid');
  await expect(status).toContainText('Chưa ghi gì vào sổ');
  const errors = page.getByRole('table', { name: 'Tệp có lỗi, chưa nhập dòng nào' });
  const errorRows = errors.getByRole('row');
  await expect(errorRows).toHaveCount(3);
  const yearRow = errorRows.filter({ hasText: 'Năm sinh không hợp lệ' });
  await expect(yearRow.getByRole('cell').nth(0)).toHaveText('3');
  await expect(yearRow.getByRole('cell').nth(1)).toHaveText('Năm sinh');
  const sexRow = errorRows.filter({ hasText: 'Nữa' });
  await expect(sexRow.getByRole('cell').nth(0)).toHaveText('5');
  await expect(sexRow.getByRole('cell').nth(1)).toHaveText('Giới tính');
  await page.screenshot({
    path: `test-results/registry-import-errors-${test.info().project.name}.png`,
    fullPage: true,
  });

  // 2. The fixed file is ready: 2 households, 5 residents.
  await upload(page, 'danh-sach-ho.xlsx', await workbook(good));
  await expect(status).toHaveAttribute('data-status', 'ready');
  await expect(status).toContainText('2 hộ, 5 nhân khẩu');
  await page.screenshot({
    path: `test-results/registry-import-ready-${test.info().project.name}.png`,
    fullPage: true,
  });

  // 3. Write it.
  const committed = page.waitForResponse(
    (r) => /\/api\/imports\/[^/]+\/commit$/.test(r.url()) && r.request().method() === 'POST',
  );
  await page.getByRole('button', { name: 'Ghi vào sổ' }).click();
  expect((await committed).status()).toBe(202);
  await expect(status).toHaveAttribute('data-status', 'done', { timeout: 30_000 });
  await expect(status).toContainText('Đã ghi 2 hộ, 5 nhân khẩu');

  await page.getByRole('button', { name: 'Đăng xuất' }).click();
  await expect(page).toHaveURL(/\/login$/);

  // 4. The team member, on a phone, finds a new resident without typing accents.
  await page.setViewportSize({ width: 360, height: 740 });
  await signIn(page, 'thanhvien');
  await page.getByRole('button', { name: 'Mở menu' }).click();
  await page.getByRole('link', { name: 'Người dân' }).click();
  await expect(page).toHaveURL(/\/residents$/);
  await expect(page.getByRole('heading', { name: 'Tìm người dân', level: 2 })).toBeVisible();
  await expect(page.getByText(`Người dân của ${hamlet}`)).toBeVisible();
  const box = page.getByRole('searchbox', { name: 'Tìm người dân' });
  await expect(box).toBeFocused();
  // The search is a POST with the name in its body: never in a URL (issue 4).
  const searched = page.waitForResponse(
    (r) =>
      new URL(r.url()).pathname === '/api/residents/search' &&
      r.request().method() === 'POST' &&
      (r.request().postDataJSON() as { q?: string }).q === fold(head) &&
      r.status() === 200,
  );
  await box.fill(fold(head));
  expect((await searched).url()).not.toContain('q=');
  const results = page.getByRole('list', { name: 'Kết quả tìm kiếm' });
  const card = results.getByRole('listitem').filter({ hasText: head });
  await expect(card).toHaveCount(1);
  await expect(card).toContainText('Sinh năm 1978 · Nam · Chủ hộ');
  await expect(card).toContainText(hamlet);
  await expect(card).toContainText('Trong độ tuổi lao động');
  // Nor in the address bar, which browser history keeps.
  const typedInUrl = (url: string) => {
    const plain = fold(decodeURIComponent(url.replace(/\+/g, ' ')));
    return url.includes('q=') || plain.includes(fold(head)) || plain.includes(fold(tag));
  };
  expect(typedInUrl(page.url())).toBe(false);
  await page.screenshot({
    path: `test-results/registry-search-${test.info().project.name}.png`,
    fullPage: true,
  });

  // The resident page: details and the consent notice, no answer chosen in advance.
  await card.getByRole('link').click();
  await expect(page.getByRole('heading', { name: head, level: 2 })).toBeVisible();
  await expect(page.getByTestId('consent-notice')).toContainText('Tổ công nghệ số cộng đồng');
  await expect(page.getByText('Chưa hỏi ý kiến').first()).toBeVisible();
  await page.screenshot({
    path: `test-results/registry-resident-${test.info().project.name}.png`,
    fullPage: true,
  });

  // Back to the list: the search is still there (kept in this tab's session, not in the URL).
  await page.goBack();
  await expect(page).toHaveURL(/\/residents$/);
  await expect(box).toHaveValue(fold(head));
  await expect(results.getByRole('listitem').filter({ hasText: head })).toHaveCount(1);

  // An old bookmark with ?q= still searches, and the address loses the name at once.
  await page.goto(`/residents?q=${encodeURIComponent(fold(head))}`);
  await expect(box).toHaveValue(fold(head));
  await expect(page).toHaveURL(/\/residents$/);
  await expect(results.getByRole('listitem').filter({ hasText: head })).toHaveCount(1);
  expect(typedInUrl(page.url())).toBe(false);

  // The households list too: found by the head's name, asked by POST, the URL without it.
  await page.goto('/households');
  const households = page.waitForResponse(
    (r) =>
      new URL(r.url()).pathname === '/api/households/search' &&
      (r.request().postDataJSON() as { q?: string }).q === fold(head) &&
      r.status() === 200,
  );
  await page.getByRole('searchbox', { name: 'Tìm hộ' }).fill(fold(head));
  expect((await (await households).json()).total).toBe(1);
  await expect(
    page.getByRole('list', { name: 'Hộ gia đình' }).getByRole('listitem').filter({ hasText: head }),
  ).toHaveCount(1);
  await expect(page).toHaveURL(/\/households$/);
  expect(typedInUrl(page.url())).toBe(false);

  // A mistyped address says "not found" and offers a way back, not "invalid" and a retry.
  await page.goto('/residents/abc');
  const missing = page.getByRole('alert');
  await expect(missing).toContainText('Không tìm thấy dữ liệu yêu cầu.');
  await expect(missing.getByRole('button', { name: 'Thử lại' })).toHaveCount(0);
  await missing.getByRole('link', { name: 'Về trang đơn vị hành chính' }).click();
  await expect(page).toHaveURL(/\/units$/);
});
