import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { createFakeHost } from '../host';
import { ROOT } from '../host/http';

describe('scheduled jobs: one naming scheme (issue 11, item 14)', function () {
  it('every registered job is named bonus:<module>:<job>, each name once', async function () {
    const fake = await createFakeHost();
    const names = fake.jobs.map((j) => j.name);
    assert.ok(names.length >= 10, `only ${names.length} jobs registered`);
    for (const name of names) assert.match(name, /^bonus:[a-z]+(?:-[a-z]+)*:[a-z]+(?:-[a-z]+)*$/, `job ${name}`);
    assert.equal(new Set(names).size, names.length, `a name used twice: ${names.join(', ')}`);
  });

  it('the README points to the navigation where NodeBB 4.15 has it (Settings › Navigation)', function () {
    const readme = fs.readFileSync(path.join(ROOT, 'README.md'), 'utf8');
    assert.doesNotMatch(readme, /Manage › Navigation/);
    assert.match(readme, /\*Settings › Navigation\*/);
  });
});
