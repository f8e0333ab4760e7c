/**
 * Issue 19, "My licences" in the sandbox (`npm start`, the licences' browser and HTTP tests): the
 * admin's registry of a few codes (one 3-seat family licence, one expiring within the month, one
 * already expired) and one blacklisted code; pavel holds the family licence and a code expiring
 * soon, konstantin holds the family licence too (2 of 3 seats), anna an unverified code. olga's
 * store order already lists its licence by itself.
 */
import type { FakeHost } from './index';
import { okValue } from './results';

const D = 24 * 60 * 60 * 1000;
/** A demo code in the 4×5 format: a product prefix and a number. */
export const licenceCode = (prefix: string, n: number): string => `${prefix}-${String(n).padStart(5, '0')}-LICNC-DEMO${String.fromCharCode(65 + (n % 26))}`;

export const DEMO_LICENCES = {
  family: licenceCode('KTSFM', 1),
  soon: licenceCode('KISSN', 2),
  expired: licenceCode('KAVEX', 3),
  free: licenceCode('KISFR', 4),
  blacklisted: licenceCode('STOLN', 9),
  unverified: 'ZZZZZ-YYYYY-XXXXX-WWWWW',
};

const day = (ms: number): string => new Date(ms).toISOString().slice(0, 10);

export async function seedLicences(fake: FakeHost): Promise<void> {
  const s = fake.plugin.services;
  const f = fake.forum;
  const uid = (name: string) => [...f.users.values()].find((u) => u.username === name)!.uid;
  const admin = { uid: uid('admin') };
  const now = fake.clock.now();
  const L = DEMO_LICENCES;
  await okValue(s.licences.importLines(admin, 'registry', [
    `${L.family};Kaspersky Total Security — family, 3 devices;3;${day(now + 300 * D)};12`,
    `${L.soon};Kaspersky Internet Security, 1 device;1;${day(now + 20 * D)}`,
    `${L.expired};Kaspersky Anti-Virus, 1 device;1;${day(now - 10 * D)}`,
    `${L.free};Kaspersky Internet Security, 2 devices;2;${day(now + 200 * D)}`,
  ].join('\n'), 1));
  await okValue(s.licences.importLines(admin, 'blacklist', L.blacklisted, 1));
  const pavel = { uid: uid('pavel') };
  await okValue(s.licences.add(pavel, L.family));
  fake.clock.advance(60_000);
  await okValue(s.licences.add(pavel, L.soon.toLowerCase()));
  await okValue(s.licences.add({ uid: uid('konstantin') }, L.family));
  await okValue(s.licences.add({ uid: uid('anna') }, L.unverified));
}
