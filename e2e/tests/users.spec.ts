import { expect, test, type Page } from '@playwright/test';

async function login(page: Page, username: string, password: string) {
  await page.goto('/login');
  await page.getByLabel('Tên đăng nhập').fill(username);
  await page.getByLabel('Mật khẩu').fill(password);
  await page.getByRole('button', { name: 'Đăng nhập' }).click();
}

/**
 * The district officer gives a new commune officer of Xã Động Đạt an account, finds it by typing
 * the name without accents, and the new officer logs in. Then the account is locked, and the same
 * password no longer opens the app. The phone and desktop projects share one database: each run
 * makes its own account.
 */
test('district officer creates, finds and locks a commune officer account', async ({
  page,
}, info) => {
  const username = `can.bo.dongdat.${info.project.name}`;
  const fullName = `Lương Thị Thuỷ ${info.project.name === 'phone' ? 'Một' : 'Hai'}`;
  const password = 'mat-khau-dong-dat-2026';
  await login(page, 'huyen', 'toso-demo-2022');
  await expect(page).not.toHaveURL(/\/login$/);

  await page.goto('/users');
  await expect(page.getByRole('heading', { name: 'Tài khoản', level: 2 })).toBeVisible();
  await page.getByRole('button', { name: 'Thêm tài khoản' }).click();
  const dialog = page.getByRole('dialog', { name: 'Thêm tài khoản' });
  await dialog.getByLabel('Tên đăng nhập').fill(username);
  await dialog.getByLabel('Họ và tên').fill(fullName);
  await dialog.getByLabel('Vai trò').selectOption({ label: 'Cán bộ xã' });
  // A short password is refused in Vietnamese before anything is sent.
  await dialog.getByLabel('Mật khẩu ban đầu').fill('ngan');
  await dialog.getByRole('button', { name: 'Tạo tài khoản' }).click();
  await expect(dialog.getByText('Chọn đơn vị cho tài khoản')).toBeVisible();
  await expect(dialog.getByText(/ít nhất 10 ký tự/i).first()).toBeVisible();

  await dialog.getByRole('textbox', { name: 'Đơn vị' }).fill('dong dat');
  await page
    .getByRole('listbox')
    .getByRole('option', { name: /^Xã Động Đạt/ })
    .click();
  await dialog.getByLabel('Mật khẩu ban đầu').fill(password);
  const created = page.waitForResponse(
    (r) => r.url().endsWith('/api/users') && r.request().method() === 'POST',
  );
  await dialog.getByRole('button', { name: 'Tạo tài khoản' }).click();
  expect((await created).status()).toBe(201);
  await expect(dialog).toBeHidden();

  // Found by a name typed without accents.
  await page.getByRole('searchbox', { name: 'Tìm tài khoản' }).fill('luong thi thuy');
  const entry = page
    .getByRole('row')
    .or(page.getByTestId('user-card'))
    .filter({ hasText: fullName });
  await expect(entry).toHaveCount(1);
  await expect(entry).toContainText('Cán bộ xã');
  await expect(entry).toContainText('Xã Động Đạt');
  await expect(entry).toContainText('Đang hoạt động');

  // The new officer can log in and lands on their commune.
  await page.getByRole('button', { name: 'Đăng xuất' }).click();
  await expect(page).toHaveURL(/\/login$/);
  await login(page, username, password);
  await expect(page).not.toHaveURL(/\/login$/);
  await page.getByRole('button', { name: 'Đăng xuất' }).click();
  await expect(page).toHaveURL(/\/login$/);

  // The district officer locks the account.
  await login(page, 'huyen', 'toso-demo-2022');
  await expect(page).not.toHaveURL(/\/login$/);
  await page.goto('/users');
  await page.getByRole('searchbox', { name: 'Tìm tài khoản' }).fill('luong thi thuy');
  await expect(entry).toHaveCount(1);
  await entry.getByRole('button', { name: `Sửa tài khoản ${fullName}` }).click();
  const edit = page.getByRole('dialog', { name: `Sửa tài khoản ${username}` });
  const allowed = edit.getByRole('switch', { name: 'Cho phép đăng nhập' });
  await expect(allowed).toBeChecked();
  await allowed.click();
  await expect(allowed).not.toBeChecked();
  await edit.getByRole('button', { name: 'Lưu' }).click();
  await expect(edit).toBeHidden();
  await expect(entry).toContainText('Đã khóa');

  // A locked account no longer opens the app.
  await page.getByRole('button', { name: 'Đăng xuất' }).click();
  await expect(page).toHaveURL(/\/login$/);
  await login(page, username, password);
  await expect(page).toHaveURL(/\/login$/);
  await expect(page.getByRole('alert')).toBeVisible();
});
