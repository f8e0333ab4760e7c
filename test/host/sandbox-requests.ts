/**
 * Issue 20, support requests in the sandbox (`npm start`, the requests' HTTP and browser tests): the
 * staff are the "Global Moderators" group (the setting's default; user `moderator`) and the admins.
 * pavel has a key problem about his family licence waiting for him (staff replied, with an internal
 * note he never sees), an application problem waiting for staff, and a closed points question; anna
 * has a new pre-sale question.
 */
import type { FakeHost } from './index';
import { okValue } from './results';

export async function seedRequests(fake: FakeHost): Promise<{ key: number; app: number; points: number; presale: number }> {
  const s = fake.plugin.services;
  const f = fake.forum;
  const uid = (name: string) => [...f.users.values()].find((u) => u.username === name)!.uid;
  const pavel = { uid: uid('pavel') }, anna = { uid: uid('anna') }, staff = { uid: uid('moderator') };
  const family = (await s.licences.list(pavel.uid)).find((h) => h.verified);
  const key = await okValue(s.requests.submit(pavel, {
    typeId: 'key', ...(family ? { licenceId: family.id } : {}), subject: 'The key is not accepted after reinstalling',
    description: 'After reinstalling Windows the application says the key is already in use.',
  }));
  await okValue(s.requests.post(staff, key.id, 'Seat count looks fine in the registry; probably an old activation.', true));
  await okValue(s.requests.post(staff, key.id, 'Please send a screenshot of the message and the application version.'));
  await okValue(s.requests.assign(staff, key.id, staff.uid));
  const app = await okValue(s.requests.submit(pavel, {
    typeId: 'application', ...(family ? { licenceId: family.id } : {}), subject: 'The scan stops at 40 %',
    description: 'A full scan stops at 40 % every time, no error message.', os: 'Windows 11', version: '21.3',
  }));
  const points = await okValue(s.requests.submit(pavel, { typeId: 'points', subject: 'Points for my birthday', description: 'I did not get the birthday points this year.' }));
  await okValue(s.requests.post(staff, points.id, 'They are paid within a month of your birthday: they came on the 3rd.'));
  await okValue(s.requests.close(pavel, points.id));
  const presale = await okValue(s.requests.submit(anna, { typeId: 'presale', subject: 'Family edition for 5 devices?', description: 'Is there a family edition for five devices?' }));
  return { key: key.id, app: app.id, points: points.id, presale: presale.id };
}
