import { expect, request, test, type APIRequestContext, type Page } from '@playwright/test';
import { signIn } from './sign-in';

/**
 * The field screen of a team member, on a phone, in a hamlet with no signal: the device copy is
 * downloaded online, three supports are recorded offline (residents found by typing unaccented
 * partial names), the app even reloads offline, and once the connection is back the records are
 * sent — each stored exactly once by the server and counted exactly once in the team's progress
 * card and in the hamlet's, commune's and district's progress (read by the district officer).
 * A record the server refuses stays visible with
 * its reason until discarded. Phone and desktop share one database: residents already helped
 * for the chosen platform show "đã ghi" and are skipped.
 */
const PLATFORM = 'C-Thái Nguyên';
const OUTCOME = 'Đã cài đặt';
/** Pairs to try, in order, on a resident (the demo may have recorded some already). */
const PAIRS = [
  `${PLATFORM}: ${OUTCOME}`,
  'VNeID (định danh điện tử): Đã cài đặt',
  'Sổ sức khỏe điện tử: Đã cài đặt',
  'Kỹ năng: bảo vệ bản thân trên môi trường mạng: Thành thạo kỹ năng',
  'Gian hàng số voso.vn: Đã tạo tài khoản',
];

/** Ticks the first pair not yet recorded for the open resident; false when all are. */
async function tickFreePair(page: Page): Promise<string | null> {
  for (const label of PAIRS) {
    const box = page.getByRole('checkbox', { name: label, exact: true });
    await expect(box).toBeVisible();
    if (!(await box.isDisabled())) {
      await box.check();
      return label;
    }
  }
  return null;
}

/** "Nguyễn Văn Đức" → "nguyen van duc" */
const fold = (s: string) =>
  s
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[đĐ]/g, 'd')
    .toLowerCase();

interface DeviceRecord {
  id: string;
  residentId: string;
  residentName: string;
  platformId: string;
  outcome: string;
  status: string;
}

/** The records the page keeps in IndexedDB (database "toso-field", table "records"). */
async function deviceRecords(page: Page): Promise<DeviceRecord[]> {
  return page.evaluate(
    () =>
      new Promise<DeviceRecord[]>((resolve, reject) => {
        const open = indexedDB.open('toso-field');
        open.onerror = () => reject(open.error);
        open.onsuccess = () => {
          const request = open.result.transaction('records').objectStore('records').getAll();
          request.onsuccess = () => {
            open.result.close();
            resolve(request.result as DeviceRecord[]);
          };
          request.onerror = () => reject(request.error);
        };
      }),
  );
}

/** Counts by "platformId|outcome" shown on the field screen's team progress card. */
async function cardCounts(page: Page): Promise<Map<string, number>> {
  const rows = page.getByTestId('team-progress-row');
  const out = new Map<string, number>();
  for (const row of await rows.all()) {
    const pair = await row.getAttribute('data-pair');
    const count = Number(await row.getByTestId('team-progress-count').textContent());
    if (pair) out.set(pair, count);
  }
  return out;
}

/** Counts by "platformId|outcome" of each unit, all time, from `GET /api/progress`. */
async function unitCounts(api: APIRequestContext, unitIds: string[]) {
  const out = new Map<string, Map<string, number>>();
  for (const unitId of unitIds) {
    const response = await api.get(`/api/progress?unitId=${unitId}`);
    expect(response.ok()).toBe(true);
    const body = (await response.json()) as {
      rows: { platformId: string; outcome: string; count: number }[];
    };
    out.set(unitId, new Map(body.rows.map((r) => [`${r.platformId}|${r.outcome}`, r.count])));
  }
  return out;
}

/** How many of the records are for each "platformId|outcome". */
function tally(records: { platformId: string; outcome: string }[]): Map<string, number> {
  const out = new Map<string, number>();
  for (const r of records) {
    const pair = `${r.platformId}|${r.outcome}`;
    out.set(pair, (out.get(pair) ?? 0) + 1);
  }
  return out;
}

/** Ten supports in a row in airplane mode (issue 5's "Done when"). */
const OFFLINE_RECORDS = 10;

test('team member records ten supports offline; they are sent and counted once back online', async ({
  page,
  context,
  baseURL,
}) => {
  test.setTimeout(180_000);
  const project = test.info().project.name;
  await signIn(page, 'thanhvien');
  // The district officer reads the hamlet's, commune's and district's progress before and after.
  const me = (
    (await (await page.request.get('/api/auth/me')).json()) as { user: { unitId: string } }
  ).user;
  const officer = await request.newContext({ baseURL });
  const signedIn = await officer.post('/api/auth/login', {
    data: { username: 'huyen', password: 'toso-demo-2022' },
  });
  expect(signedIn.ok()).toBe(true);
  const officerMe = (
    (await (await officer.get('/api/auth/me')).json()) as { user: { unitId: string } }
  ).user;
  const hamlet = (await (await officer.get(`/api/units/${me.unitId}`)).json()) as {
    parentId: string;
  };
  const units = [me.unitId, hamlet.parentId, officerMe.unitId];
  const unitsBefore = await unitCounts(officer, units);
  // Team members' home is the field screen.
  await page.goto('/');
  await expect(page).toHaveURL(/\/field$/);
  await expect(page.getByRole('heading', { name: 'Ghi nhận hỗ trợ', level: 2 })).toBeVisible();
  await expect(page.getByTestId('device-copy')).toContainText('người dân trên máy', {
    timeout: 30_000,
  });
  const counter = page.getByTestId('pending-counter');
  await expect(counter).toContainText('Đã gửi hết');
  await expect(page.getByTestId('team-progress')).toBeVisible();
  const cardBefore = await cardCounts(page);
  // The service worker is active and holds the app shell and the field screen's files.
  await page.evaluate(() => navigator.serviceWorker.ready.then(() => undefined));
  await expect
    .poll(
      () =>
        page.evaluate(async () => {
          const shell = await (await caches.open('toso-shell-v1')).match('/');
          const assets = (await (await caches.open('toso-assets-v1')).keys()).map((r) => r.url);
          return Boolean(shell) && assets.some((url) => url.includes('/assets/field-page-'));
        }),
      { timeout: 15_000 },
    )
    .toBe(true);

  // The first load may not be controlled by the service worker yet: reload once online so every
  // chunk of the screen goes through it before the signal goes.
  const results = page.getByTestId('field-resident');
  if (!(await page.evaluate(() => Boolean(navigator.serviceWorker.controller)))) {
    await page.reload();
    await expect(results.first()).toBeVisible();
  }
  // The first residents shown on the device copy.
  await expect(results.first()).toBeVisible();
  const candidates: string[] = [];
  for (let i = 0; i < 30; i++) {
    const name = (await results.nth(i).locator('p').first().textContent())?.trim();
    if (name && !candidates.includes(name)) candidates.push(name);
  }
  expect(candidates.length).toBeGreaterThan(5);
  await page.screenshot({ path: `test-results/field-online-${project}.png`, fullPage: true });

  // No signal from here on.
  await context.setOffline(true);
  await expect(page.getByTestId('field-offline')).toBeVisible();
  const search = page.getByRole('textbox', { name: 'Tìm người dân' });
  const recorded: string[] = [];
  const labels = new Map<string, string>();
  for (const name of candidates) {
    if (recorded.length === OFFLINE_RECORDS) break;
    // An unaccented partial name: the last two words ("thi mai").
    const partial = fold(name).split(' ').slice(-2).join(' ');
    await search.fill(partial);
    const match = results.filter({ has: page.getByText(name, { exact: true }) }).first();
    await match.click();
    await expect(page.getByTestId('field-resident-name')).toHaveText(name);
    const label = await tickFreePair(page);
    if (!label) {
      // Already helped with all of these (an earlier run): someone else.
      await page.getByRole('button', { name: 'Chọn người khác' }).click();
      continue;
    }
    labels.set(name, label);
    await page.getByRole('button', { name: /^Lưu/ }).click();
    await expect(search).toBeVisible();
    recorded.push(name);
    await expect(counter).toContainText(`${recorded.length} bản ghi chờ gửi, từ`);
  }
  expect(recorded).toHaveLength(OFFLINE_RECORDS);
  await expect(counter).toContainText(
    new RegExp(`${OFFLINE_RECORDS} bản ghi chờ gửi, từ \\d\\d:\\d\\d \\d\\d/\\d\\d`),
  );
  await page.screenshot({ path: `test-results/field-pending-${project}.png`, fullPage: true });

  // Still no signal: the app reopens from the service worker and the device copy.
  await page.reload();
  await expect(page.getByRole('heading', { name: 'Ghi nhận hỗ trợ', level: 2 })).toBeVisible({
    timeout: 30_000,
  });
  await expect(counter).toContainText(`${OFFLINE_RECORDS} bản ghi chờ gửi`);
  await page.getByRole('textbox', { name: 'Tìm người dân' }).fill(fold(recorded[0]!));
  await expect(results.filter({ hasText: recorded[0]! }).first()).toBeVisible();
  await page.screenshot({ path: `test-results/field-offline-${project}.png`, fullPage: true });

  const stored = (await deviceRecords(page)).filter((r) => recorded.includes(r.residentName));
  expect(stored).toHaveLength(OFFLINE_RECORDS);
  for (const r of stored) expect(r.status).toBe('pending');
  const added = tally(stored);

  // Signal again: the records go out without anything being tapped.
  await context.setOffline(false);
  await expect(counter).toContainText('Đã gửi hết', { timeout: 30_000 });
  for (const r of await deviceRecords(page)) {
    if (stored.some((s) => s.id === r.id)) expect(r.status).toBe('sent');
  }

  // The server has each record exactly once, under the id made on the phone.
  for (const r of stored) {
    const response = await page.request.get(`/api/supports?residentId=${r.residentId}`);
    expect(response.ok()).toBe(true);
    const body = (await response.json()) as {
      items: { id: string; platformId: string; outcome: string; residentName: string }[];
    };
    expect(body.items.filter((s) => s.id === r.id)).toHaveLength(1);
    expect(
      body.items.filter((s) => s.platformId === r.platformId && s.outcome === r.outcome),
    ).toHaveLength(1);
    expect(body.items.find((s) => s.id === r.id)?.residentName).toBe(r.residentName);
  }

  // The team's progress card counts each record exactly once…
  const card = page.getByTestId('team-progress');
  await expect(card).toBeVisible();
  for (const [pair, n] of added)
    await expect(
      card.locator(`[data-pair="${pair}"]`).getByTestId('team-progress-count'),
    ).toHaveText(String((cardBefore.get(pair) ?? 0) + n));
  // …and so do the hamlet's, the commune's and the district's progress.
  const unitsAfter = await unitCounts(officer, units);
  for (const unitId of units)
    for (const [pair, n] of added)
      expect(unitsAfter.get(unitId)!.get(pair) ?? 0, `${unitId} ${pair}`).toBe(
        (unitsBefore.get(unitId)!.get(pair) ?? 0) + n,
      );
  await officer.dispose();
  await page.screenshot({ path: `test-results/field-progress-${project}.png`, fullPage: true });

  // Reopening a resident shows the pair ticked as recorded.
  await page.getByRole('textbox', { name: 'Tìm người dân' }).fill(fold(recorded[1]!));
  await results
    .filter({ has: page.getByText(recorded[1]!, { exact: true }) })
    .first()
    .click();
  const done = page.getByRole('checkbox', { name: labels.get(recorded[1]!)!, exact: true });
  await expect(done).toBeChecked();
  await expect(done).toBeDisabled();
  await page.getByRole('button', { name: 'Chọn người khác' }).click();
});

test('a record the server refuses stays visible with its reason until discarded', async ({
  page,
  context,
  baseURL,
}) => {
  const project = test.info().project.name;
  await signIn(page, 'thanhvien');
  await page.goto('/field');
  await expect(page.getByTestId('device-copy')).toContainText('người dân trên máy', {
    timeout: 30_000,
  });
  const counter = page.getByTestId('pending-counter');
  await expect(counter).toContainText('Đã gửi hết');

  // Offline, the member records a support; meanwhile another phone of the team sends the
  // same resident, platform and outcome: once online, the server refuses this one.
  const results = page.getByTestId('field-resident');
  await context.setOffline(true);
  let name = '';
  for (let i = 0; i < 30; i++) {
    await results.nth(i).click();
    if (await tickFreePair(page)) {
      name = (await page.getByTestId('field-resident-name').textContent()) ?? '';
      break;
    }
    await page.getByRole('button', { name: 'Chọn người khác' }).click();
  }
  expect(name).not.toBe('');
  await page.screenshot({ path: `test-results/field-checklist-${project}.png`, fullPage: true });
  await page.getByRole('button', { name: /^Lưu/ }).click();
  const [mine] = (await deviceRecords(page)).filter(
    (r) => r.residentName === name && r.status === 'pending',
  );
  expect(mine).toBeDefined();
  const other = await page.request.post('/api/sync/supports', {
    headers: { Origin: baseURL ?? '' },
    data: {
      records: [
        {
          id: crypto.randomUUID(),
          residentId: mine!.residentId,
          platformId: mine!.platformId,
          outcome: mine!.outcome,
          supportedOn: new Date().toISOString().slice(0, 10),
          note: '',
          voidsId: null,
        },
      ],
    },
  });
  expect(other.ok()).toBe(true);
  await expect(counter).toContainText('1 bản ghi chờ gửi');
  await context.setOffline(false);
  const rejected = page.getByTestId('rejected-record');
  await expect(rejected).toHaveCount(1);
  await expect(rejected).toContainText(name);
  await expect(rejected).toContainText('Người này đã được ghi nhận kết quả này rồi');
  await expect(counter).toContainText('Đã gửi hết');
  await page.screenshot({ path: `test-results/field-rejected-${project}.png`, fullPage: true });
  await rejected.getByRole('button', { name: 'Bỏ' }).click();
  await expect(rejected).toHaveCount(0);

  // Logging out erases the device copy, after a warning when records are still unsent.
  await context.setOffline(true);
  let ticked = false;
  for (let i = 0; i < 30 && !ticked; i++) {
    await results.nth(i).click();
    ticked = (await tickFreePair(page)) !== null;
    if (!ticked) await page.getByRole('button', { name: 'Chọn người khác' }).click();
  }
  expect(ticked).toBe(true);
  await page.getByRole('button', { name: /^Lưu/ }).click();
  await expect(counter).toContainText('1 bản ghi chờ gửi');
  await page.getByRole('button', { name: 'Đăng xuất' }).click();
  const warning = page.getByRole('dialog');
  await expect(warning).toContainText(
    'Còn 1 bản ghi chưa gửi. Đăng xuất sẽ xóa chúng khỏi máy. Gửi trước?',
  );
  await page.screenshot({ path: `test-results/field-logout-${project}.png` });
  await warning.getByRole('button', { name: 'Đăng xuất và xóa' }).click();
  await expect(page).toHaveURL(/\/login$/);
  await context.setOffline(false);
  const left = await page.evaluate(
    () =>
      new Promise<number>((resolve) => {
        const open = indexedDB.open('toso-field');
        open.onsuccess = () => {
          const tx = open.result.transaction(['residents', 'records']);
          const request = tx.objectStore('residents').count();
          const records = tx.objectStore('records').count();
          tx.oncomplete = () => {
            open.result.close();
            resolve(request.result + records.result);
          };
        };
      }),
  );
  expect(left).toBe(0);
});
