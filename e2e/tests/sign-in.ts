import { expect, type Page } from '@playwright/test';

/** Every demo account's password (README). */
export const DEMO_PASSWORD = 'toso-demo-2022';

/**
 * Signs in through the login form and waits to leave it. `fresh` first drops the cookies of an
 * earlier user, for tests that switch accounts in one page.
 */
export async function signIn(
  page: Page,
  username: string,
  options: { password?: string; fresh?: boolean } = {},
) {
  if (options.fresh) await page.context().clearCookies();
  await page.goto('/login');
  await page.getByLabel('Tên đăng nhập').fill(username);
  await page.getByLabel('Mật khẩu').fill(options.password ?? DEMO_PASSWORD);
  await page.getByRole('button', { name: 'Đăng nhập' }).click();
  await expect(page).not.toHaveURL(/\/login$/);
}
