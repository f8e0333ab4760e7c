import assert from 'node:assert/strict';
import {
  canOpen, canPost, checkClosing, checkDraft, isForumUpload, isHttpUrl, refundable, type ClaimDraft, type ClaimResolution, type Rule,
} from '../../lib/modules/orders/domain-claims';
import type { OrderStatus } from '../../lib/modules/orders/domain';

const code = (r: Rule) => (r.ok ? 'ok' : r.code);
const draft = (over: Partial<ClaimDraft> = {}): ClaimDraft => ({
  problem: 'damaged', description: 'The mug arrived broken in two.', photos: [], videoUrl: null, ...over,
});

describe('claims: the rules (pure)', () => {
  it('links: http(s) and forum uploads only', () => {
    const table: [string, boolean, boolean][] = [
      // value, http(s), forum upload
      ['https://example.org/photo.jpg', true, false],
      ['http://example.org/a b.jpg', false, false],
      ['ftp://example.org/x.jpg', false, false],
      ['javascript:alert(1)', false, false],
      ['/assets/uploads/files/1700-mug.jpg', false, true],
      ['/assets/uploads/files/../../etc/passwd', false, false],
      ['/assets/uploads/', false, false],
      ['/uploads/files/x.jpg', false, false],
      ['//evil.example/x.jpg', false, false],
      [`https://example.org/${'a'.repeat(600)}`, false, false],
    ];
    for (const [value, http, upload] of table) {
      assert.equal(isHttpUrl(value), http, `http ${value}`);
      assert.equal(isForumUpload(value), upload, `upload ${value}`);
    }
    assert.equal(isForumUpload('/forum/assets/uploads/files/x.png', '/forum'), true);
    assert.equal(isForumUpload('/assets/uploads/files/x.png', '/forum'), false);
  });

  it('the member’s report', () => {
    const table: [Partial<ClaimDraft>, string][] = [
      [{}, 'ok'],
      [{ description: 'too short' }, 'error.claims.description-length'],
      [{ description: '   short      ' }, 'error.claims.description-length'],
      [{ description: 'x'.repeat(10) }, 'ok'],
      [{ description: 'x'.repeat(4000) }, 'ok'],
      [{ description: 'x'.repeat(4001) }, 'error.claims.description-length'],
      [{ description: 'ё'.repeat(10) }, 'ok'],
      [{ photos: ['https://a.example/1.jpg', '/assets/uploads/files/2.jpg'] }, 'ok'],
      [{ photos: Array.from({ length: 5 }, (_, i) => `https://a.example/${i}.jpg`) }, 'ok'],
      [{ photos: Array.from({ length: 6 }, (_, i) => `https://a.example/${i}.jpg`) }, 'error.claims.too-many-photos'],
      [{ photos: ['https://a.example/1.jpg', 'not a link'] }, 'error.claims.bad-photo'],
      [{ videoUrl: 'https://video.example/watch?v=1' }, 'ok'],
      [{ videoUrl: '/assets/uploads/files/v.mp4' }, 'error.claims.bad-video'],
      [{ videoUrl: 'data:text/html,hi' }, 'error.claims.bad-video'],
    ];
    for (const [over, expected] of table) assert.equal(code(checkDraft(draft(over))), expected, JSON.stringify(over).slice(0, 80));
    const bad = checkDraft(draft({ photos: ['https://a.example/1.jpg', 'nope'] }));
    assert.deepEqual(bad, { ok: false, code: 'error.claims.bad-photo', args: [2] });
  });

  it('opening: the buyer, a delivered order, no open claim', () => {
    const table: [OrderStatus, number, boolean, string][] = [
      ['delivered', 7, false, 'ok'],
      ['delivered', 8, false, 'error.claims.not-buyer'],
      ['delivered', 7, true, 'error.claims.already-open'],
      ['shipped', 7, false, 'error.claims.not-delivered'],
      ['paid', 7, false, 'error.claims.not-delivered'],
      ['cancelled', 7, false, 'error.claims.not-delivered'],
      ['partly-refunded', 7, false, 'error.claims.not-delivered'],
    ];
    for (const [status, caller, hasOpen, expected] of table) assert.equal(code(canOpen({ uid: 7, status }, caller, hasOpen)), expected, `${status} ${caller} ${hasOpen}`);
  });

  it('writing in the thread: members in their own open claim, admins in any open one', () => {
    const table: [boolean, number, boolean, string][] = [
      [true, 7, false, 'ok'],
      [true, 8, false, 'error.claims.not-yours'],
      [true, 8, true, 'ok'],
      [false, 7, false, 'error.claims.closed'],
      [false, 8, true, 'error.claims.closed'],
    ];
    for (const [open, caller, admin, expected] of table) assert.equal(code(canPost({ uid: 7 }, open, caller, admin)), expected, `${open} ${caller} ${admin}`);
  });

  it('closing: a note, points only with a refund and at most the refundable rest', () => {
    assert.equal(refundable(3000, 1000, 500), 1500);
    assert.equal(refundable(3000, 3000, 500), 0);
    const table: [ClaimResolution, string, number | null, number, string][] = [
      ['replacement', 'A new mug is on its way', null, 1500, 'ok'],
      ['rejected', 'The photos show no damage', 0, 1500, 'ok'],
      ['rejected', '   ', null, 1500, 'error.claims.note-required'],
      ['replacement', 'New one', 100, 1500, 'error.claims.amount-not-allowed'],
      ['refund', 'Sorry', 1500, 1500, 'ok'],
      ['refund', 'Sorry', 1501, 1500, 'error.claims.amount-too-large'],
      ['refund', 'Goods taken back at the office', null, 1500, 'ok'],
      ['refund', 'Sorry', -5, 1500, 'error.claims.bad-amount'],
      ['refund', 'Sorry', 1.5, 1500, 'error.claims.bad-amount'],
      ['refund', 'Sorry', 1, 0, 'error.claims.amount-too-large'],
    ];
    for (const [resolution, note, amount, max, expected] of table) assert.equal(code(checkClosing({ resolution, note, amount }, max)), expected, `${resolution} ${amount} ≤ ${max}`);
  });
});
