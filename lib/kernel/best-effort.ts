import type { Host } from '../host/index';

/**
 * Notifications, personal messages and e-mails are sent after the work they report is done (a
 * status change recorded, points moved, a claim answered): a failure to send is logged, never turned
 * into a failed request or a bulk change stopped half way.
 */
export function bestEffortMessaging(host: Host): Host {
  const attempt = async (what: string, send: () => Promise<void>): Promise<void> => {
    try {
      await send();
    } catch (err) {
      host.log.error(`[bonus] ${what} not sent`, err);
    }
  };
  // Every other port is the host's own (read through the prototype, so a test swapping one still reaches it).
  const wrapped = Object.create(host) as Host;
  wrapped.messaging = {
    notify: (n, uids) => attempt(`notification ${n.nid}`, () => host.messaging.notify(n, uids)),
    sendPrivateMessage: (fromUid, toUid, message) => attempt(`personal message to member ${toUid}`, () => host.messaging.sendPrivateMessage(fromUid, toUid, message)),
    sendEmail: (template, uid, params) => attempt(`e-mail ${template} to member ${uid}`, () => host.messaging.sendEmail(template, uid, params)),
  };
  return wrapped;
}
