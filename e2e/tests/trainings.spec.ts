import { expect, test, type Page } from '@playwright/test';
import { signIn } from './sign-in';

/**
 * The district officer schedules a training for the teams of Xã Yên Đổ and Xã Động Đạt; the
 * commune officer of Yên Đổ takes attendance on a phone-sized screen; the training coverage of
 * the topic goes up by the members marked present. The phone and desktop projects share one
 * database, so each takes a topic the demo never taught (and no other run touches).
 */
const TOPIC: Record<string, { key: string; label: string }> = {
  phone: { key: 'policy:personal_data', label: 'Bảo vệ dữ liệu cá nhân' },
  desktop: { key: 'policy:team_duties', label: 'Nhiệm vụ của Tổ công nghệ số cộng đồng' },
};

/** The name as typed on a phone without Vietnamese keyboard: no accents, no đ. */
function plain(text: string): string {
  return text
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/đ/g, 'd')
    .replace(/Đ/g, 'D');
}

/** Two members of the commune not yet trained on the topic (from the coverage page). */
async function untrainedNames(page: Page, commune: string): Promise<string[]> {
  await page
    .getByTestId(`coverage-commune-${commune}`)
    .getByRole('button', { name: commune })
    .click();
  const table = page.getByRole('table', { name: 'Thành viên chưa được tập huấn' });
  await expect(page).toHaveURL(/unitId=/);
  // Wait for the commune's own list (the district's stays shown while it loads).
  await expect(table.getByRole('row').nth(1)).toContainText(commune);
  const links = table.getByRole('link');
  await expect(links.nth(1)).toBeVisible();
  return [(await links.nth(0).textContent()) ?? '', (await links.nth(1).textContent()) ?? ''];
}

/** "40% (2/5)" of the commune's row → the number trained. */
async function trainedIn(page: Page, topicKey: string, commune: string): Promise<number> {
  await page.goto(`/trainings/coverage?topic=${encodeURIComponent(topicKey)}`);
  const row = page.getByTestId(`coverage-commune-${commune}`);
  await expect(row).toContainText(/\(\d+\/\d+\)/);
  const match = /\((\d+)\/(\d+)\)/.exec((await row.textContent()) ?? '');
  return Number(match?.[1]);
}

test('district schedules a training for two communes, a commune takes attendance on a phone', async ({
  page,
  browser,
  baseURL,
}, testInfo) => {
  const topic = TOPIC[testInfo.project.name] ?? TOPIC.desktop;
  await signIn(page, 'huyen');
  test.setTimeout(180_000);
  const before = await trainedIn(page, topic.key, 'Xã Yên Đổ');
  const names = await untrainedNames(page, 'Xã Yên Đổ');

  // Schedule the training from the menu.
  await page.goto('/trainings');
  await expect(
    page.getByRole('heading', { name: 'Tập huấn Tổ công nghệ số', level: 2 }),
  ).toBeVisible();
  await page.getByRole('link', { name: 'Lên lịch tập huấn' }).click();
  await expect(page).toHaveURL(/\/trainings\/new$/);
  const title = `Tập huấn ${topic.label} (${testInfo.project.name})`;
  await page.getByLabel('Tên buổi tập huấn').fill(title);
  await page.getByRole('textbox', { name: 'Chủ đề' }).click();
  await page.getByRole('option', { name: topic.label }).click();
  await page.keyboard.press('Escape');
  await page.getByLabel('Địa điểm').fill('Hội trường UBND huyện Phú Lương');
  await page.getByLabel('Giảng viên').fill('Trần Văn Đức');
  const communes = page.getByRole('textbox', { name: 'Xã', exact: true });
  await communes.click();
  await page.getByRole('option', { name: 'Xã Yên Đổ' }).click();
  await communes.click();
  await page.getByRole('option', { name: 'Xã Động Đạt' }).click();
  await page.keyboard.press('Escape');
  const all = page.getByLabel(/^Tất cả \d+ Tổ$/);
  await expect(all).toBeVisible();
  await all.check();
  const created = page.waitForResponse(
    (r) => r.url().endsWith('/api/trainings') && r.request().method() === 'POST',
  );
  await page.getByRole('button', { name: 'Lưu và gửi lời mời' }).click();
  expect((await created).status()).toBe(201);
  await expect(page).toHaveURL(/\/trainings\/[0-9a-f-]{36}$/);
  const trainingUrl = new URL(page.url()).pathname;
  await expect(page.getByRole('heading', { name: title, level: 2 })).toBeVisible();
  // The invitations come a page at a time: the commune is found by its name without accents.
  await page.getByRole('searchbox', { name: 'Tìm theo tên, thôn/xóm hoặc xã' }).fill('dong dat');
  await expect(page.getByText('Xã Động Đạt —').first()).toBeVisible();
  await expect(page.getByText('Xã Yên Đổ —')).toHaveCount(0);

  // The commune officer of Yên Đổ, on a 360 px phone, sees only the commune's invitations.
  const phone = await browser.newContext({
    baseURL,
    viewport: { width: 360, height: 740 },
    isMobile: true,
    hasTouch: true,
    locale: 'vi-VN',
    timezoneId: 'Asia/Ho_Chi_Minh',
  });
  const officer = await phone.newPage();
  await signIn(officer, 'xa.yendo');
  await officer.goto(trainingUrl);
  await expect(officer.getByRole('heading', { name: title, level: 2 })).toBeVisible();
  await expect(officer.getByText('Xã Yên Đổ —').first()).toBeVisible();
  await expect(officer.getByText('Xã Động Đạt —')).toHaveCount(0);
  // Nothing is wider than the phone.
  const overflow = await officer.evaluate(
    () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
  );
  expect(overflow).toBeLessThanOrEqual(1);
  // The invitations come a page at a time: find each of the two members not yet trained on the
  // topic by name without accents, and tap it; the first mark stays while the second is found.
  const find = officer.getByRole('searchbox', { name: 'Tìm theo tên, thôn/xóm hoặc xã' });
  const first = officer.getByRole('checkbox', { name: names[0], exact: true }).first();
  for (const name of names) {
    if ((await find.count()) > 0) {
      // Wait for the list of this search: a box of the list before it is replaced under the tap.
      const searched = officer.waitForResponse(
        (r) =>
          r.url().endsWith('/invitations/search') &&
          (r.request().postDataJSON() as { q?: string }).q === plain(name),
      );
      await find.fill(plain(name));
      await searched;
    }
    const box = officer.getByRole('checkbox', { name, exact: true }).first();
    await box.tap();
    await expect(box).toBeChecked();
  }
  await expect(officer.getByText('2 người có mặt')).toBeVisible();
  if ((await find.count()) > 0) {
    await find.fill(plain(names[0]));
    await expect(first).toBeChecked();
  }
  const saved = officer.waitForResponse(
    (r) => r.url().endsWith('/attendance') && r.request().method() === 'PUT',
  );
  await officer.getByRole('button', { name: 'Lưu điểm danh' }).tap();
  expect((await saved).status()).toBe(200);
  await expect(officer.getByText('Đã lưu điểm danh: 2 người có mặt')).toBeVisible();
  await phone.close();

  // The district sees the coverage of the topic go up by the two members present.
  expect(await trainedIn(page, topic.key, 'Xã Yên Đổ')).toBe(before + 2);
  await expect(page.getByTestId('untrained-total')).toBeVisible();
});
