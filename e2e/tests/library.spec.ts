import { expect, test, type Page } from '@playwright/test';
import { signIn } from './sign-in';

/**
 * The library and good practices. A team member reaches the VNeID guide card from the field
 * screen in two taps (the cards are kept on the device with the catalogue); the commune officer
 * of Yên Đổ posts a practice; the district features it and the officer of Động Đạt sees it first.
 * Phone and desktop share one database: each run posts its own practice, named by project.
 */
async function logout(page: Page) {
  await page.context().clearCookies();
}

/** The guide cards the field screen keeps in IndexedDB (database "toso-field", table "guides"). */
async function deviceGuides(page: Page): Promise<{ platformName: string; steps: string[] }[]> {
  return page.evaluate(
    () =>
      new Promise((resolve, reject) => {
        const open = indexedDB.open('toso-field');
        open.onerror = () => reject(open.error);
        open.onsuccess = () => {
          const request = open.result.transaction('guides').objectStore('guides').getAll();
          request.onsuccess = () => {
            open.result.close();
            resolve(request.result as { platformName: string; steps: string[] }[]);
          };
          request.onerror = () => reject(request.error);
        };
      }),
  );
}

test('a team member finds the VNeID guide in two taps from the field screen', async ({ page }) => {
  await signIn(page, 'thanhvien');
  await page.goto('/field');
  await expect(page.getByRole('heading', { name: 'Ghi nhận hỗ trợ', level: 2 })).toBeVisible();
  await expect(page.getByTestId('device-copy')).toContainText('người dân trên máy', {
    timeout: 30_000,
  });
  // The cards came down with the catalogue, so they read with no connection.
  await expect
    .poll(async () => (await deviceGuides(page)).find((g) => g.platformName.startsWith('VNeID')))
    .toMatchObject({ steps: expect.arrayContaining([expect.stringContaining('VNeID')]) });

  // Tap 1: the guides; tap 2: VNeID.
  await page.getByRole('button', { name: 'Hướng dẫn hỗ trợ' }).click();
  await page
    .getByRole('navigation', { name: 'Hướng dẫn hỗ trợ người dân' })
    .getByText('VNeID (định danh điện tử)', { exact: true })
    .click();
  const card = page.getByTestId('guide-card');
  await expect(card).toBeVisible();
  await expect(
    page.getByRole('heading', { name: 'Hướng dẫn: VNeID (định danh điện tử)' }),
  ).toBeVisible();
  await expect(
    card.getByRole('list', { name: 'Các bước' }).getByRole('listitem').first(),
  ).toContainText('Cài ứng dụng VNeID');
  await expect(card).toContainText('Căn cước công dân gắn chip');
  await expect(card).toContainText('Không nhận được OTP');
  await page.screenshot({
    path: `test-results/library-guide-${test.info().project.name}.png`,
    fullPage: true,
  });
});

test('a commune posts a practice, the district features it, another commune sees it first', async ({
  page,
  baseURL,
}) => {
  const project = test.info().project.name;
  const title = `Hỗ trợ thanh toán điện tử tại chợ phiên (${project} ${Date.now()})`;

  // The commune officer of Yên Đổ writes a draft and publishes it.
  await signIn(page, 'xa.yendo');
  await page.goto('/practices');
  await expect(
    page.getByRole('heading', { name: 'Cách làm hay, mô hình điển hình', level: 2 }),
  ).toBeVisible();
  await page.getByRole('button', { name: 'Đăng cách làm hay' }).first().click();
  const dialog = page.getByRole('dialog');
  await dialog.getByLabel('Tiêu đề').fill(title);
  await dialog
    .getByLabel('Cách làm')
    .fill(
      'Mỗi phiên chợ, Tổ dựng một bàn ở cổng chợ, hướng dẫn bà con và tiểu thương quét mã QR để thanh toán, kèm tờ rơi về lừa đảo trực tuyến.',
    );
  await dialog.getByRole('button', { name: 'Lưu nháp' }).click();
  await expect(page).toHaveURL(/\/practices\/[0-9a-f-]+$/);
  await expect(page.getByRole('heading', { name: title, level: 2 })).toBeVisible();
  await expect(page.getByText('Bản nháp', { exact: true })).toBeVisible();
  await page.getByRole('button', { name: 'Đăng', exact: true }).click();
  await expect(page.getByText('Đã đăng', { exact: true })).toBeVisible();
  await logout(page);

  // The district officer finds it without accents and features it.
  await signIn(page, 'huyen');
  await page.goto('/practices');
  await page.getByLabel('Tìm cách làm hay').fill(`cho phien (${project}`);
  await page.getByTestId('practice-row').filter({ hasText: title }).click();
  await page.getByRole('button', { name: 'Nêu gương' }).click();
  await expect(page.getByText('Tiêu biểu', { exact: true })).toBeVisible();
  await logout(page);

  // Another commune's officer reads the province's practices: the featured one comes first.
  await signIn(page, 'xa.ducdat');
  await page.goto('/practices');
  const rows = page
    .getByRole('list', { name: 'Danh sách cách làm hay' })
    .getByTestId('practice-row');
  await expect(rows.first()).toContainText(title);
  await expect(rows.first()).toContainText('Tiêu biểu');
  await expect(rows.first()).toContainText('Xã Yên Đổ');
  await rows.first().click();
  await expect(page).toHaveURL(/\/practices\/[0-9a-f-]+$/);
  // More than a page of comments (20): a new one still shows at once, on top (newest first).
  const practiceUrl = `/api${new URL(page.url()).pathname}/comments`;
  for (let i = 1; i <= 21; i++) {
    const posted = await page.request.post(practiceUrl, {
      headers: { Origin: baseURL ?? '' },
      data: { body: `Ý kiến thử số ${i}` },
    });
    expect(posted.status()).toBe(201);
  }
  await page.reload();
  const comments = page.getByTestId('practice-comment');
  await expect(comments).toHaveCount(20);
  await expect(comments.first()).toContainText('Ý kiến thử số 21');
  await expect(page.getByRole('button', { name: /Xem thêm bình luận/ })).toBeVisible();
  await page.getByLabel('Viết bình luận').fill('Động Đạt sẽ làm thử ở chợ Đu.');
  await page.getByRole('button', { name: 'Gửi bình luận' }).click();
  await expect(comments.first()).toContainText('Động Đạt sẽ làm thử');
  await expect(comments.nth(1)).toContainText('Ý kiến thử số 21');
  // Not theirs to edit.
  await expect(page.getByRole('button', { name: 'Sửa' })).toHaveCount(0);
  await page.screenshot({ path: `test-results/library-practice-${project}.png`, fullPage: true });
});
