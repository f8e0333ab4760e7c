/**
 * Support requests (issue 20): pure rules, no I/O, no clock (time is a parameter).
 *
 * A request type's name and help text are either an admin's own words in both languages (shown
 * escaped, never read as a key) or, for the default types, the language files' keys
 * `requests.type.{id}.name` / `.help`: the defaults are seeded once with ids and flags only. A request moves
 * new → waiting for staff / waiting for the member → closed; the member may reopen within a window;
 * while it waits for the member, reminders fall due and then it closes by itself. The jobs decide
 * from the stored state and the time alone, so they are idempotent and their order does not matter.
 */

export const LANGS = ['en-GB', 'ru'] as const;
export type Lang = (typeof LANGS)[number];
export type Texts = Record<Lang, string>;

/** What step 2 asks for. */
export type Subject = 'none' | 'licence' | 'order' | 'licence-or-order';

export interface RequestType {
  id: string;
  /** An admin-defined type's name and help in both languages; a default type has none (its texts are keys). */
  name?: Texts;
  help?: Texts;
  subject: Subject;
  /** The member may skip step 2 (the seeds' "key problem": a lost key has no licence to pick). */
  subjectOptional: boolean;
  /** Step 3 needs at least one file (the Virus Lab sample). */
  fileRequired: boolean;
  /** Step 4: operating system and product version. */
  asksSystem: boolean;
  /** Who handles it: 'staff' (everyone granted the privilege) or a forum group's name. */
  handledBy: string;
  enabled: boolean;
  order: number;
}

const type = (id: string, order: number, o: Partial<RequestType> = {}): RequestType => ({
  id, subject: 'licence', subjectOptional: false, fileRequired: false, asksSystem: true, handledBy: 'staff', enabled: true, order, ...o,
});

/**
 * The default types: seeds 002/003 and the club's own. Seeded once; afterwards the admin's. Their
 * name and help are the language files' `requests.type.{id}.name` / `.help` (no text here).
 */
export const DEFAULT_TYPES: readonly RequestType[] = [
  type('general', 1, { subjectOptional: true, asksSystem: false }),
  type('application', 2),
  type('key', 3, { subjectOptional: true, asksSystem: false }),
  type('suggestion', 4, { subjectOptional: true, asksSystem: false }),
  type('disinfection', 5),
  type('updates', 6),
  type('presale', 7, { subject: 'none', asksSystem: false }),
  type('setup', 8),
  type('order', 9, { subject: 'order', asksSystem: false }),
  type('points', 10, { subject: 'none', asksSystem: false }),
  type('viruslab', 11, { subjectOptional: true, fileRequired: true }),
];

/** A type's name or help: a default's language key, or the admin's own words (shown escaped). */
export function typeText(ty: Pick<RequestType, 'id' | 'name' | 'help'>, which: 'name' | 'help'): { key: string } | { text: Texts } {
  const own = ty[which];
  return own && (own['en-GB'] || own.ru) ? { text: own } : { key: `requests.type.${ty.id.replace(/[^a-z0-9-]/g, '')}.${which}` };
}

export type Status = 'new' | 'staff' | 'member' | 'closed';
export const STATUSES: readonly Status[] = ['new', 'staff', 'member', 'closed'];

export interface RequestState {
  status: Status;
  /** When the status last changed (ms). */
  statusAt: number;
  /** Reminders sent while waiting for the member since `statusAt`. */
  reminders: number;
  closedAt?: number;
  closedBy?: 'member' | 'staff' | 'auto';
  /** When staff first replied (the time to first reply). */
  firstReplyAt?: number;
}

export type Event =
  | { kind: 'member-message' }
  | { kind: 'staff-reply' }
  | { kind: 'staff-note' }
  | { kind: 'close'; by: 'member' | 'staff' }
  | { kind: 'reopen'; by: 'member' | 'staff' };

export interface Timing {
  /** The member may reopen a closed request for this long after it closed (ms). */
  reopenWindow: number;
  /** A reminder falls due every `remindEvery` while waiting for the member (ms). */
  remindEvery: number;
  /** Waiting for the member this long closes the request (ms). */
  autoCloseAfter: number;
}

export const HOUR = 3_600_000;
export const DAY = 24 * HOUR;
export const DEFAULT_TIMING: Timing = { reopenWindow: 14 * DAY, remindEvery: 3 * DAY, autoCloseAfter: 10 * DAY };

export type Refusal = 'closed' | 'reopen-window-passed' | 'not-closed';

/** The state after an event, or why the event is refused. Closing a closed request changes nothing. */
export function apply(s: RequestState, e: Event, now: number, timing: Timing): RequestState | Refusal {
  const to = (status: Status, extra: Partial<RequestState> = {}): RequestState => ({ ...s, status, statusAt: status === s.status ? s.statusAt : now, reminders: status === s.status ? s.reminders : 0, ...extra });
  switch (e.kind) {
    case 'member-message':
      if (s.status === 'closed') return 'closed';
      return s.status === 'member' ? to('staff') : s;
    case 'staff-reply':
      if (s.status === 'closed') return 'closed';
      return { ...to('member'), statusAt: now, reminders: 0, firstReplyAt: s.firstReplyAt ?? now };
    case 'staff-note':
      return s;
    case 'close':
      if (s.status === 'closed') return s;
      return to('closed', { closedAt: now, closedBy: e.by });
    case 'reopen': {
      if (s.status !== 'closed') return 'not-closed';
      if (e.by === 'member' && now - (s.closedAt ?? s.statusAt) > timing.reopenWindow) return 'reopen-window-passed';
      const open: RequestState = { ...s, status: 'staff', statusAt: now, reminders: 0 };
      delete open.closedAt;
      delete open.closedBy;
      return open;
    }
  }
}

/** What the scheduled job does to a request now: nothing, one more reminder, or close it. */
export function due(s: RequestState, now: number, timing: Timing): { kind: 'none' } | { kind: 'remind'; reminder: number } | { kind: 'close' } {
  if (s.status !== 'member') return { kind: 'none' };
  const waited = now - s.statusAt;
  if (waited >= timing.autoCloseAfter) return { kind: 'close' };
  const owed = Math.floor(waited / timing.remindEvery);
  return owed > s.reminders ? { kind: 'remind', reminder: s.reminders + 1 } : { kind: 'none' };
}

/** The steps a type shows, in order (1 type, 2 licence/order, 3 description, 4 system, 5 review). */
export function stepsFor(ty: Pick<RequestType, 'subject' | 'asksSystem'>): number[] {
  return [1, ...(ty.subject === 'none' ? [] : [2]), 3, ...(ty.asksSystem ? [4] : []), 5];
}

export interface Draft {
  typeId?: string;
  licenceId?: string;
  orderId?: number;
  subject?: string;
  description?: string;
  os?: string;
  version?: string;
  attachments?: string[];
}

export const LIMITS = { subject: 200, description: 10_000, os: 100, version: 50, attachments: 5, message: 10_000 } as const;

/** Each problem of a draft with its step; an empty list means it can be submitted. */
export function draftProblems(ty: RequestType | undefined, d: Draft, owns: { licence: boolean; order: boolean }): { step: number; reason: string }[] {
  if (!ty || !ty.enabled) return [{ step: 1, reason: 'type' }];
  const out: { step: number; reason: string }[] = [];
  const picked = (ty.subject !== 'order' && d.licenceId !== undefined) || (ty.subject !== 'licence' && d.orderId !== undefined);
  if (ty.subject !== 'none') {
    if (!picked && !ty.subjectOptional) out.push({ step: 2, reason: ty.subject === 'order' ? 'order-required' : 'licence-required' });
    if (d.licenceId !== undefined && !owns.licence) out.push({ step: 2, reason: 'licence-not-yours' });
    if (d.orderId !== undefined && !owns.order) out.push({ step: 2, reason: 'order-not-yours' });
  }
  const subject = (d.subject ?? '').trim();
  const description = (d.description ?? '').trim();
  if (!subject || subject.length > LIMITS.subject) out.push({ step: 3, reason: 'subject' });
  if (!description || description.length > LIMITS.description) out.push({ step: 3, reason: 'description' });
  if ((d.attachments ?? []).length > LIMITS.attachments) out.push({ step: 3, reason: 'too-many-files' });
  if (ty.fileRequired && (d.attachments ?? []).length === 0) out.push({ step: 3, reason: 'file-required' });
  if (ty.asksSystem && (!(d.os ?? '').trim() || (d.os ?? '').length > LIMITS.os || (d.version ?? '').length > LIMITS.version)) out.push({ step: 4, reason: 'system' });
  return out;
}

/** The per-member limit on new requests: those created in the last 24 hours. */
export function underDailyLimit(createdAts: readonly number[], now: number, limit: number): boolean {
  return createdAts.filter((at) => at > now - DAY && at <= now).length < limit;
}

export const DEFAULT_MAX_BYTES = 2 * 1024 * 1024;
export const DEFAULT_EXTENSIONS = ['png', 'jpg', 'jpeg', 'gif', 'pdf', 'txt', 'log', 'zip'] as const;

/** The first bytes a file of these types begins with; other allowed types are not sniffed. */
const MAGIC: Record<string, number[][]> = {
  png: [[0x89, 0x50, 0x4e, 0x47]],
  jpg: [[0xff, 0xd8, 0xff]],
  jpeg: [[0xff, 0xd8, 0xff]],
  gif: [[0x47, 0x49, 0x46, 0x38]],
  pdf: [[0x25, 0x50, 0x44, 0x46]],
  zip: [[0x50, 0x4b, 0x03, 0x04], [0x50, 0x4b, 0x05, 0x06]],
};

export const CONTENT_TYPES: Record<string, string> = {
  png: 'image/png', jpg: 'image/jpeg', jpeg: 'image/jpeg', gif: 'image/gif', pdf: 'application/pdf', txt: 'text/plain', log: 'text/plain', zip: 'application/zip',
};

/** A file's name kept for display: no path, no control characters, at most 120 characters. */
export function cleanFileName(name: string): string {
  const base = String(name).split(/[\\/]/).pop() ?? '';
  return base.replace(/[\u0000-\u001f\u007f]/g, '').trim().slice(-120) || 'file';
}

/** Why an attached file is refused, or undefined when it is accepted. */
export function fileProblem(name: string, bytes: Uint8Array, maxBytes: number, extensions: readonly string[]): 'empty' | 'too-large' | 'type' | 'content' | undefined {
  if (bytes.length === 0) return 'empty';
  if (bytes.length > maxBytes) return 'too-large';
  const ext = (/\.([a-z0-9]+)$/i.exec(cleanFileName(name))?.[1] ?? '').toLowerCase();
  if (!ext || !extensions.includes(ext)) return 'type';
  const magic = MAGIC[ext];
  if (magic && !magic.some((m) => m.every((b, i) => bytes[i] === b))) return 'content';
  return undefined;
}

/** Time to first reply (ms), or undefined while staff have not replied. */
export function firstReplyTime(createdAt: number, s: Pick<RequestState, 'firstReplyAt'>): number | undefined {
  return s.firstReplyAt === undefined ? undefined : s.firstReplyAt - createdAt;
}

/** The member's language's text, or the other language's when an admin left it empty. */
export function textIn(x: Texts, lang: string): string {
  const ru = String(lang).startsWith('ru');
  return (ru ? x.ru || x['en-GB'] : x['en-GB'] || x.ru) ?? '';
}

/** The staff queue's filters; an unset filter keeps everything. `olderThan` is an age in ms. */
export interface QueueFilter {
  typeId?: string;
  status?: Status;
  /** A staff member's uid, or 0 for "not assigned". */
  assignee?: number;
  olderThan?: number;
}

export function inQueue(r: { draft: Draft; status: Status; createdAt: number; assignee?: number }, f: QueueFilter, now: number): boolean {
  if (f.typeId !== undefined && r.draft.typeId !== f.typeId) return false;
  if (f.status !== undefined && r.status !== f.status) return false;
  if (f.assignee !== undefined && (r.assignee ?? 0) !== f.assignee) return false;
  if (f.olderThan !== undefined && now - r.createdAt < f.olderThan) return false;
  return true;
}
