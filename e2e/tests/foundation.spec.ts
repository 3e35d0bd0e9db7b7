import { expect, test } from '@playwright/test';

/**
 * Foundation flow in the Vietnamese UI: log in, walk the unit tree down to a commune,
 * add a hamlet, find it by typing its name without accents, log out.
 */
test('admin browses units, adds a hamlet and finds it without accents', async ({
  page,
}, testInfo) => {
  const suffix = `${(Date.now() + testInfo.project.name.length * 7) % 100000}`;
  const properName = `Đồng Ổi ${suffix}`;
  const fullName = `Xóm ${properName}`;

  await page.goto('/');
  await expect(page).toHaveURL(/\/login$/);
  await expect(
    page.getByRole('heading', { name: 'Tổ Số — Tổ công nghệ số cộng đồng' }),
  ).toBeVisible();

  await page.getByLabel('Tên đăng nhập').fill('admin');
  await page.getByLabel('Mật khẩu').fill('toso-demo-2022');
  await page.getByRole('button', { name: 'Đăng nhập' }).click();

  // The admin's scope starts at the province.
  await expect(page.getByRole('heading', { name: 'Đơn vị hành chính', level: 2 })).toBeVisible();
  const rows = page.getByTestId('unit-row');
  await rows.filter({ hasText: 'Tỉnh Thái Nguyên' }).getByRole('link').click();
  await expect(page.getByRole('heading', { name: 'Tỉnh Thái Nguyên', level: 2 })).toBeVisible();

  // The district lists its 15 communes with their GSO codes.
  const district = rows.filter({ hasText: 'Huyện Phú Lương' });
  await expect(district).toContainText('15 đơn vị trực thuộc');
  await district.getByRole('link').click();
  await expect(page.getByRole('heading', { name: 'Huyện Phú Lương', level: 2 })).toBeVisible();
  await expect(rows).toHaveCount(15);
  const yenDo = rows.filter({ hasText: 'Xã Yên Đổ' });
  await expect(yenDo).toContainText('Mã 05620');

  // Add a hamlet to Xã Yên Đổ.
  await yenDo.getByRole('link').click();
  await expect(page.getByRole('heading', { name: 'Xã Yên Đổ', level: 2 })).toBeVisible();
  await expect(page.getByRole('navigation', { name: 'Đường dẫn đơn vị' })).toContainText(
    'Huyện Phú Lương',
  );
  await page.getByRole('button', { name: 'Thêm xóm/thôn/tổ dân phố' }).click();
  const form = page.getByRole('form', { name: /Thêm xóm\/thôn\/tổ dân phố vào Xã Yên Đổ/ });
  await form.getByLabel('Loại').selectOption({ label: 'Xóm' });
  await form.getByRole('textbox', { name: 'Tên', exact: true }).fill(properName);
  await expect(form).toContainText(`Sẽ lưu là: ${fullName}`);
  await form.getByRole('button', { name: 'Thêm', exact: true }).click();
  await expect(rows.filter({ hasText: fullName })).toHaveCount(1);

  // Search the whole scope without accents.
  await page.getByLabel('Tìm đơn vị').fill(`xom dong oi ${suffix}`);
  const found = rows.filter({ hasText: fullName });
  await expect(found).toHaveCount(1);
  await expect(found).toContainText('Tỉnh Thái Nguyên › Huyện Phú Lương › Xã Yên Đổ');
  await expect(page.getByText(/Tìm thấy 1 đơn vị/)).toBeVisible();

  // Log out and land on the login page.
  await page.getByRole('button', { name: 'Đăng xuất' }).click();
  await expect(page).toHaveURL(/\/login$/);
  await expect(page.getByRole('button', { name: 'Đăng nhập' })).toBeVisible();
});
