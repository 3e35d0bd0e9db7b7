import { expect, test } from '@playwright/test';
import { signIn } from './sign-in';

/**
 * Moves kept in history (issue 4): the commune officer of Xã Yên Đổ moves a person to another
 * household, then that household to another hamlet, through the move dialogs. Each run makes its
 * own two households (named with a per-run tag) so the demo's own households are left alone.
 */
type Unit = { id: string; name: string };

test('commune officer moves a person to another household, then the household to another hamlet', async ({
  page,
}) => {
  await signIn(page, 'xa.yendo');
  const api = page.request;
  const me = ((await (await api.get('/api/auth/me')).json()) as { user: { unitId: string } }).user;
  const hamlets = (
    (await (await api.get(`/api/units?parentId=${me.unitId}&level=hamlet`)).json()) as {
      items: Unit[];
    }
  ).items;
  expect(hamlets.length).toBeGreaterThan(1);
  const [from, to] = [hamlets[0]!, hamlets[1]!];

  const tag = `${test.info().project.name} ${Date.now() % 100000}`;
  const household = async (headName: string) => {
    const r = await api.post('/api/households', {
      data: { hamletId: from.id, headName, address: `Số ${tag}` },
    });
    expect(r.status()).toBe(201);
    return ((await r.json()) as { id: string }).id;
  };
  const first = await household(`Lò Văn Pọm ${tag}`);
  const second = await household(`Hà Thị Lụa ${tag}`);
  const created = await api.post('/api/residents', {
    data: { householdId: first, fullName: `Lò Thị Én ${tag}`, birthYear: 1999, sex: 'female' },
  });
  expect(created.status()).toBe(201);
  const person = ((await created.json()) as { resident: { id: string } }).resident.id;

  // 1. The person moves to the second household, through the dialog.
  await page.goto(`/residents/${person}`);
  await page.getByRole('button', { name: 'Thao tác khác' }).click();
  await page.getByRole('menuitem', { name: 'Chuyển sang hộ khác' }).click();
  const dialog = page.getByRole('dialog', { name: `Chuyển Lò Thị Én ${tag} sang hộ khác` });
  // Nothing picked: the dialog says what is missing and sends nothing.
  await dialog.getByRole('button', { name: 'Chuyển hộ' }).click();
  await expect(dialog.getByText('Chọn hộ gia đình')).toBeVisible();
  await dialog.getByRole('textbox', { name: 'Hộ mới' }).fill('ha thi lua');
  await page.getByRole('option', { name: new RegExp(`Hà Thị Lụa ${tag}`) }).click();
  const moved = page.waitForResponse(
    (r) => r.url().endsWith(`/api/residents/${person}/move`) && r.request().method() === 'POST',
  );
  await dialog.getByRole('button', { name: 'Chuyển hộ' }).click();
  expect((await moved).status()).toBe(200);
  await expect(dialog).toBeHidden();
  await expect(
    page.getByText(`Đã chuyển Lò Thị Én ${tag} sang hộ Hà Thị Lụa ${tag}.`),
  ).toBeVisible();

  // 2. The second household moves to another hamlet; its new member goes with it.
  await page.goto(`/households/${second}`);
  await page.getByRole('button', { name: 'Chuyển hộ' }).click();
  const householdDialog = page.getByRole('dialog', { name: 'Chuyển hộ sang thôn/xóm khác' });
  await householdDialog.getByRole('textbox', { name: 'Thôn/xóm mới' }).fill(to.name);
  await page
    .getByRole('option', { name: new RegExp(to.name) })
    .first()
    .click();
  await householdDialog.getByRole('button', { name: 'Chuyển hộ' }).click();
  await expect(householdDialog).toBeHidden();
  await expect(page.getByText(`Đã chuyển hộ sang ${to.name}.`)).toBeVisible();

  const after = (await (await api.get(`/api/residents/${person}`)).json()) as {
    householdId: string;
    hamletId: string;
  };
  expect(after).toMatchObject({ householdId: second, hamletId: to.id });
  // The history keeps both moves.
  const history = (await (await api.get(`/api/residents/${person}/history`)).json()) as {
    residentMoves: { fromHouseholdId: string; toHouseholdId: string }[];
    householdMoves: { fromHamletId: string; toHamletId: string }[];
  };
  expect(history.residentMoves).toEqual([
    expect.objectContaining({ fromHouseholdId: first, toHouseholdId: second }),
  ]);
  expect(history.householdMoves).toEqual([
    expect.objectContaining({ fromHamletId: from.id, toHamletId: to.id }),
  ]);
});
