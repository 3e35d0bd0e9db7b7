import { expect, test } from '@playwright/test';
import { signIn } from './sign-in';

/**
 * A resident asks the commune to delete their data. The commune officer of Xã Yên Đổ records the
 * request (found by typing a name without accents), sees it open with its 15-day due date, starts
 * to grant it and is warned that granting erases the person's data for good, then refuses it with
 * a reason instead: nothing is erased, and the request leaves the open list.
 * The phone and desktop projects share one database: each run takes the first resident found
 * that has no open request yet.
 */
test('commune officer records a request to delete personal data and answers it', async ({
  page,
}) => {
  await signIn(page, 'xa.yendo');

  await page.goto('/data-requests');
  await expect(
    page.getByRole('heading', { name: 'Yêu cầu về dữ liệu cá nhân', level: 2 }),
  ).toBeVisible();
  const open = page.getByTestId('data-request');
  await expect(open.first().or(page.getByText('Không có yêu cầu nào đang chờ.'))).toBeVisible();
  const openBefore = await open.allTextContents();

  await page.getByRole('button', { name: 'Ghi yêu cầu mới' }).click();
  const dialog = page.getByRole('dialog', { name: 'Ghi yêu cầu về dữ liệu cá nhân' });
  // Without a person the request is not sent, and the field says why.
  await dialog.getByRole('button', { name: 'Ghi yêu cầu' }).click();
  await expect(dialog.getByText('Chọn người đề nghị')).toBeVisible();

  await dialog.getByRole('textbox', { name: 'Người đề nghị' }).fill('nguyen thi');
  const options = page.getByRole('listbox').getByRole('option');
  await expect(options.first()).toBeVisible();
  // The first person found who has no open request yet.
  let name = '';
  for (const text of await options.allTextContents()) {
    const candidate = text.split(' (')[0] ?? '';
    if (!openBefore.some((row) => row.includes(candidate))) {
      name = candidate;
      await options.filter({ hasText: text }).first().click();
      break;
    }
  }
  expect(name).toMatch(/^Nguyễn Thị /);
  await dialog.getByLabel('Loại yêu cầu').selectOption({ label: 'Xóa dữ liệu' });
  await dialog.getByLabel('Nội dung').fill('Bà đề nghị xoá số điện thoại và năm sinh khỏi sổ.');
  const created = page.waitForResponse(
    (r) => r.url().endsWith('/api/data-requests') && r.request().method() === 'POST',
  );
  await dialog.getByRole('button', { name: 'Ghi yêu cầu' }).click();
  expect((await created).status()).toBe(201);
  await expect(dialog).toBeHidden();

  const row = page.getByTestId('data-request').filter({ hasText: name });
  await expect(row).toContainText('Xóa dữ liệu');
  await expect(row).toContainText('Đang chờ xử lý');
  await expect(row).toContainText(/Nhận ngày \d\d\/\d\d\/\d{4} · Hạn \d\d\/\d\d\/\d{4}/);

  await row.getByRole('button', { name: 'Xử lý' }).click();
  const handle = page.getByRole('dialog', { name: `Xóa dữ liệu: ${name}` });
  // Granting a deletion erases for good: the dialog says so before anything is done.
  await handle.getByLabel('Đáp ứng yêu cầu').check();
  await expect(handle.getByText('Không thể hoàn tác')).toBeVisible();
  await expect(handle.getByRole('button', { name: 'Xóa dữ liệu và đóng yêu cầu' })).toBeDisabled();
  // Refused instead, with the reason told to the person.
  await handle.getByLabel('Từ chối (ghi rõ lý do)').check();
  await expect(handle.getByText('Không thể hoàn tác')).toBeHidden();
  await handle
    .getByLabel('Kết quả xử lý / trả lời người dân')
    .fill('Số điện thoại cần giữ để Tổ hỗ trợ bà cài VNeID; đã giải thích, bà đồng ý.');
  const handled = page.waitForResponse(
    (r) => /\/api\/data-requests\/[^/]+\/handle$/.test(r.url()) && r.request().method() === 'POST',
  );
  await handle.getByRole('button', { name: 'Ghi kết quả' }).click();
  expect((await handled).status()).toBe(200);
  await expect(handle).toBeHidden();

  // No longer open; listed among all requests as refused, with the answer.
  await expect(page.getByTestId('data-request').filter({ hasText: name })).toHaveCount(0);
  await page.getByLabel('Lọc theo trạng thái').selectOption({ label: 'Tất cả' });
  const answered = page.getByTestId('data-request').filter({ hasText: name }).first();
  await expect(answered).toContainText('Từ chối');
  await expect(answered).toContainText('đã giải thích, bà đồng ý');
  // The person was not erased: their page still shows the name.
  await answered.getByRole('link', { name }).click();
  await expect(page.getByRole('heading', { name, level: 2 })).toBeVisible();
});
