import { foldText } from '@toso/domain/text';
import type { Tx } from '../../db/db';
import { newId } from '../../lib/ids';
import type { HouseholdRow, ResidentRow } from '../registry/registry.repository';
import { insertHouseholds, insertResidents } from '../registry/registry.repository';
import type { UnitRow } from '../units/units.repository';
import { mobileNumber, personName, type Random } from './demo-people';

// Ethnic groups of Phú Lương in rough proportion (treated as sensitive data in the product).
const ETHNICITIES: [string, number][] = [
  ['Kinh', 0.58],
  ['Tày', 0.2],
  ['Nùng', 0.08],
  ['Sán Chay', 0.05],
  ['Dao', 0.05],
  ['Sán Dìu', 0.02],
  ['Hoa', 0.02],
];

function ethnicity(random: Random): string {
  let r = random();
  for (const [name, share] of ETHNICITIES) {
    if (r < share) return name;
    r -= share;
  }
  return 'Kinh';
}

/** Birth year of an adult head or spouse, or of a child, following a plausible age pyramid. */
function adultBirthYear(random: Random): number {
  return 1940 + Math.floor(Math.pow(random(), 0.8) * 62);
}

const BATCH = 400;

/**
 * About 27,000 households and 100,000 residents across the demo hamlets: heads, spouses, children
 * and some grandparents, with invented names and phones. Marked as demo data.
 */
export async function seedDemoPopulation(
  tx: Tx,
  random: Random,
  hamlets: UnitRow[],
  now: string,
  targetResidents = 100_000,
): Promise<{ households: number; residents: number }> {
  const perHamlet = Math.ceil(targetResidents / Math.max(1, hamlets.length) / 3.45);
  let households: HouseholdRow[] = [];
  let residents: ResidentRow[] = [];
  let hCount = 0;
  let rCount = 0;
  const flush = async () => {
    await insertHouseholds(tx, households);
    for (let i = 0; i < residents.length; i += BATCH)
      await insertResidents(tx, residents.slice(i, i + BATCH));
    households = [];
    residents = [];
  };
  const person = (
    h: HouseholdRow,
    hamlet: UnitRow,
    sex: 'male' | 'female',
    year: number | null,
    relation: string,
    family?: string,
  ): ResidentRow => {
    let fullName = personName(random, sex);
    if (family) fullName = `${family} ${fullName.split(' ').slice(1).join(' ')}`;
    const adult = year !== null && year <= 2008;
    return {
      id: newId(),
      household_id: h.id,
      hamlet_id: hamlet.id,
      unit_path: hamlet.path,
      full_name: fullName,
      full_name_folded: foldText(fullName),
      // A few records have an unknown sex or birth year, as real lists do.
      sex: random() < 0.005 ? null : sex,
      birth_year: year,
      relation,
      phone: adult && random() < 0.55 ? mobileNumber(random) : null,
      national_id_hash: null,
      national_id_last4: null,
      ethnicity: null,
      notes: '',
      status: 'active',
      merged_into_id: null,
      erased_at: null,
      is_demo: 1,
      created_at: now,
      updated_at: now,
    };
  };
  for (const hamlet of hamlets) {
    const count = Math.round(perHamlet * (0.7 + random() * 0.6));
    for (let i = 0; i < count; i += 1) {
      const headSex = random() < 0.78 ? 'male' : 'female';
      const headYear = adultBirthYear(random);
      const h: HouseholdRow = {
        id: newId(),
        hamlet_id: hamlet.id,
        unit_path: hamlet.path,
        address: `${hamlet.name}, số nhà ${i + 1}`,
        address_folded: foldText(`${hamlet.name}, số nhà ${i + 1}`),
        head_name: '',
        head_name_folded: '',
        phone: null,
        notes: '',
        is_demo: 1,
        created_at: now,
        updated_at: now,
      };
      const eth = ethnicity(random);
      const head = person(h, hamlet, headSex, headYear, 'head');
      head.ethnicity = eth;
      const family = head.full_name.split(' ')[0];
      Object.assign(h, {
        head_name: head.full_name,
        head_name_folded: head.full_name_folded,
        phone: head.phone,
      });
      const members = [head];
      if (random() < 0.8)
        members.push(
          person(
            h,
            hamlet,
            headSex === 'male' ? 'female' : 'male',
            Math.min(2006, headYear + Math.floor(random() * 7) - 3),
            'spouse',
          ),
        );
      const children = Math.floor(random() * 4);
      for (let c = 0; c < children; c += 1) {
        const year = Math.min(2026, headYear + 20 + Math.floor(random() * 18));
        members.push(
          person(
            h,
            hamlet,
            random() < 0.51 ? 'male' : 'female',
            random() < 0.01 ? null : year,
            'child',
            family,
          ),
        );
      }
      if (headYear > 1975 && random() < 0.25)
        members.push(
          person(
            h,
            hamlet,
            random() < 0.4 ? 'male' : 'female',
            headYear - 22 - Math.floor(random() * 10),
            'parent',
          ),
        );
      for (const m of members) m.ethnicity ??= eth;
      households.push(h);
      residents.push(...members);
      hCount += 1;
      rCount += members.length;
      if (residents.length >= 4000) await flush();
    }
  }
  await flush();
  return { households: hCount, residents: rCount };
}
