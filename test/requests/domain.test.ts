/** Issue 20, the support requests' rules by tables: statuses, the jobs, steps, limits, files. */
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import {
  apply, cleanFileName, DAY, DEFAULT_MAX_BYTES, DEFAULT_TIMING, DEFAULT_TYPES, DEFAULT_EXTENSIONS, draftProblems, due, fileProblem, firstReplyTime, stepsFor, typeText, underDailyLimit,
  type Event, type RequestState, type Status,
} from '../../lib/modules/requests/domain';

const st = (status: Status, statusAt = 0, extra: Partial<RequestState> = {}): RequestState => ({ status, statusAt, reminders: 0, ...extra });
const T = DEFAULT_TIMING;

describe('requests domain', () => {
  it('the default types: every seed type and the club\'s own, their texts in both language files (keys, no text in code), unique ids', () => {
    const ids = DEFAULT_TYPES.map((x) => x.id);
    assert.deepEqual(ids, ['general', 'application', 'key', 'suggestion', 'disinfection', 'updates', 'presale', 'setup', 'order', 'points', 'viruslab']);
    const read = (l: string) => JSON.parse(fs.readFileSync(path.resolve(__dirname, '../../../languages', l, 'bonus.json'), 'utf8')) as Record<string, string>;
    const files: Record<string, Record<string, string>> = { 'en-GB': read('en-GB'), ru: read('ru') };
    for (const x of DEFAULT_TYPES) {
      assert.equal(x.name, undefined, x.id);
      for (const which of ['name', 'help'] as const) {
        const t = typeText(x, which);
        assert.ok('key' in t && t.key === `requests.type.${x.id}.${which}`, `${x.id} ${which}`);
        for (const l of ['en-GB', 'ru']) assert.ok(files[l][t.key], `${x.id} ${which} ${l}`);
      }
    }
    const lab = DEFAULT_TYPES.find((x) => x.id === 'viruslab')!;
    assert.ok(lab.fileRequired && /infected/.test(files['en-GB']['requests.type.viruslab.help']) && /infected/.test(files.ru['requests.type.viruslab.help']));
    // an admin's type keeps its own words (never a key), even words that look like one
    const own = typeText({ id: 'x', name: { 'en-GB': '[[bonus:home.title]]', ru: '' } }, 'name');
    assert.deepEqual(own, { text: { 'en-GB': '[[bonus:home.title]]', ru: '' } });
    assert.equal(DEFAULT_TYPES.find((x) => x.id === 'order')!.subject, 'order');
    assert.ok(DEFAULT_TYPES.find((x) => x.id === 'key')!.subjectOptional);
  });

  it('the status machine', () => {
    const table: [RequestState, Event, Status | string][] = [
      [st('new'), { kind: 'member-message' }, 'new'],
      [st('member'), { kind: 'member-message' }, 'staff'],
      [st('staff'), { kind: 'member-message' }, 'staff'],
      [st('closed', 0, { closedAt: 0 }), { kind: 'member-message' }, 'closed'],
      [st('new'), { kind: 'staff-reply' }, 'member'],
      [st('staff'), { kind: 'staff-reply' }, 'member'],
      [st('closed', 0, { closedAt: 0 }), { kind: 'staff-reply' }, 'closed'],
      [st('staff'), { kind: 'staff-note' }, 'staff'],
      [st('new'), { kind: 'close', by: 'member' }, 'closed'],
      [st('member'), { kind: 'close', by: 'staff' }, 'closed'],
      [st('staff'), { kind: 'reopen', by: 'member' }, 'not-closed'],
      [st('closed', 0, { closedAt: 0, closedBy: 'staff' }), { kind: 'reopen', by: 'member' }, 'staff'],
    ];
    for (const [s, e, want] of table) {
      const r = apply(s, e, 1000, T);
      assert.equal(typeof r === 'string' ? r : r.status, want, `${s.status} ${JSON.stringify(e)}`);
    }
  });

  it('a refused event is a reason (a closed request takes no message); closing twice changes nothing', () => {
    assert.equal(apply(st('closed', 5, { closedAt: 5 }), { kind: 'member-message' }, 9, T), 'closed');
    const closed = apply(st('staff'), { kind: 'close', by: 'staff' }, 50, T) as RequestState;
    assert.deepEqual(apply(closed, { kind: 'close', by: 'member' }, 99, T), closed);
    assert.equal(closed.closedBy, 'staff');
    assert.equal(closed.closedAt, 50);
  });

  it('the member reopens only within the window; staff reopen at any time', () => {
    const closed = st('closed', 0, { closedAt: 0, closedBy: 'auto' });
    assert.equal((apply(closed, { kind: 'reopen', by: 'member' }, T.reopenWindow, T) as RequestState).status, 'staff');
    assert.equal(apply(closed, { kind: 'reopen', by: 'member' }, T.reopenWindow + 1, T), 'reopen-window-passed');
    const staff = apply(closed, { kind: 'reopen', by: 'staff' }, 100 * DAY, T) as RequestState;
    assert.equal(staff.status, 'staff');
    assert.equal(staff.closedAt, undefined);
  });

  it('the first staff reply is kept; the time to first reply', () => {
    const a = apply(st('new', 0), { kind: 'staff-reply' }, 7000, T) as RequestState;
    const b = apply(apply(a, { kind: 'member-message' }, 8000, T) as RequestState, { kind: 'staff-reply' }, 9000, T) as RequestState;
    assert.equal(b.firstReplyAt, 7000);
    assert.equal(firstReplyTime(1000, b), 6000);
    assert.equal(firstReplyTime(1000, st('new')), undefined);
  });

  it('the job: reminders while waiting for the member, then the automatic close; idempotent and order-independent', () => {
    const w = st('member', 0);
    assert.deepEqual(due(w, T.remindEvery - 1, T), { kind: 'none' });
    assert.deepEqual(due(w, T.remindEvery, T), { kind: 'remind', reminder: 1 });
    // after sending reminder 1, running again at the same time sends nothing more
    assert.deepEqual(due({ ...w, reminders: 1 }, T.remindEvery, T), { kind: 'none' });
    // a clock moved far: one reminder at a time, never more than are owed
    assert.deepEqual(due(w, 3 * T.remindEvery, T), { kind: 'remind', reminder: 1 });
    assert.deepEqual(due({ ...w, reminders: 3 }, 3 * T.remindEvery, T), { kind: 'none' });
    // the close wins over owed reminders, whichever job runs first
    assert.deepEqual(due(w, T.autoCloseAfter, T), { kind: 'close' });
    assert.deepEqual(due({ ...w, reminders: 1 }, T.autoCloseAfter, T), { kind: 'close' });
    for (const s of ['new', 'staff', 'closed'] as Status[]) assert.deepEqual(due(st(s, 0), 100 * DAY, T), { kind: 'none' }, s);
    // the member's answer resets the wait: a staff reply after it starts a new count
    const again = apply(apply(w, { kind: 'member-message' }, 5 * DAY, T) as RequestState, { kind: 'staff-reply' }, 6 * DAY, T) as RequestState;
    assert.deepEqual(due(again, 6 * DAY + T.remindEvery - 1, T), { kind: 'none' });
  });

  it('the steps each type shows', () => {
    const by = (id: string) => stepsFor(DEFAULT_TYPES.find((x) => x.id === id)!);
    assert.deepEqual(by('application'), [1, 2, 3, 4, 5]);
    assert.deepEqual(by('presale'), [1, 3, 5]);
    assert.deepEqual(by('order'), [1, 2, 3, 5]);
    assert.deepEqual(by('viruslab'), [1, 2, 3, 4, 5]);
  });

  it('a draft\'s problems, each with its step', () => {
    const ty = (id: string) => DEFAULT_TYPES.find((x) => x.id === id)!;
    const ok = { licence: true, order: true };
    const text = { subject: 'It fails', description: 'Error 0x1', os: 'Windows 11', version: '21.3' };
    assert.deepEqual(draftProblems(undefined, text, ok), [{ step: 1, reason: 'type' }]);
    assert.deepEqual(draftProblems({ ...ty('general'), enabled: false }, text, ok), [{ step: 1, reason: 'type' }]);
    assert.deepEqual(draftProblems(ty('application'), { ...text, licenceId: 'L1' }, ok), []);
    assert.deepEqual(draftProblems(ty('application'), text, ok), [{ step: 2, reason: 'licence-required' }]);
    assert.deepEqual(draftProblems(ty('application'), { ...text, licenceId: 'L1' }, { licence: false, order: true }), [{ step: 2, reason: 'licence-not-yours' }]);
    assert.deepEqual(draftProblems(ty('key'), text, ok), []);
    assert.deepEqual(draftProblems(ty('order'), text, ok), [{ step: 2, reason: 'order-required' }]);
    assert.deepEqual(draftProblems(ty('order'), { ...text, orderId: 4 }, { licence: true, order: false }), [{ step: 2, reason: 'order-not-yours' }]);
    assert.deepEqual(draftProblems(ty('viruslab'), text, ok), [{ step: 3, reason: 'file-required' }]);
    assert.deepEqual(draftProblems(ty('viruslab'), { ...text, attachments: ['a'] }, ok), []);
    assert.deepEqual(draftProblems(ty('application'), { ...text, licenceId: 'L1', os: ' ' }, ok), [{ step: 4, reason: 'system' }]);
    assert.deepEqual(draftProblems(ty('presale'), { subject: ' ', description: 'x'.repeat(10_001) }, ok), [{ step: 3, reason: 'subject' }, { step: 3, reason: 'description' }]);
  });

  it('the daily limit counts requests of the last 24 hours', () => {
    const now = 10 * DAY;
    assert.ok(underDailyLimit([now - DAY, now - 2 * DAY], now, 1));
    assert.ok(!underDailyLimit([now - DAY + 1], now, 1));
    assert.ok(underDailyLimit([now - 1, now - 2], now, 3));
    assert.ok(!underDailyLimit([now - 1, now - 2, now - 3], now, 3));
  });

  it('attachments: size, type and content, with the reason', () => {
    const png = Uint8Array.from([0x89, 0x50, 0x4e, 0x47, 1, 2]);
    const zip = Uint8Array.from([0x50, 0x4b, 0x03, 0x04, 0]);
    const ext = DEFAULT_EXTENSIONS;
    assert.equal(fileProblem('shot.png', png, DEFAULT_MAX_BYTES, ext), undefined);
    assert.equal(fileProblem('sample.ZIP', zip, DEFAULT_MAX_BYTES, ext), undefined);
    assert.equal(fileProblem('notes.txt', Uint8Array.from([65]), DEFAULT_MAX_BYTES, ext), undefined);
    assert.equal(fileProblem('shot.png', new Uint8Array(0), DEFAULT_MAX_BYTES, ext), 'empty');
    assert.equal(fileProblem('big.png', new Uint8Array(DEFAULT_MAX_BYTES + 1), DEFAULT_MAX_BYTES, ext), 'too-large');
    assert.equal(fileProblem('setup.exe', Uint8Array.from([0x4d, 0x5a]), DEFAULT_MAX_BYTES, ext), 'type');
    assert.equal(fileProblem('noext', png, DEFAULT_MAX_BYTES, ext), 'type');
    assert.equal(fileProblem('fake.png', zip, DEFAULT_MAX_BYTES, ext), 'content');
    assert.equal(fileProblem('x.html', Uint8Array.from([60]), DEFAULT_MAX_BYTES, ext), 'type');
  });

  it('file names keep no path and no control characters', () => {
    assert.equal(cleanFileName('../../etc/passwd'), 'passwd');
    assert.equal(cleanFileName('C:\\Users\\a\\log.txt'), 'log.txt');
    assert.equal(cleanFileName('a\u0000b\nc.txt'), 'abc.txt');
    assert.equal(cleanFileName('/'), 'file');
    assert.equal(cleanFileName(`${'x'.repeat(200)}.zip`).length, 120);
    assert.ok(cleanFileName(`${'x'.repeat(200)}.zip`).endsWith('.zip'));
  });
});
