/** The privilege checks every service makes (services check privileges, never their controllers). */
import { BonusError } from './errors';
import type { Caller, Host } from '../host/index';

export async function assertAdmin(host: Host, caller: Caller): Promise<void> {
  if (!(caller.uid > 0) || !(await host.privileges.isAdmin(caller.uid))) throw new BonusError('error.no-privileges', [], 'forbidden');
}

export function assertMember(caller: Caller): void {
  if (!(caller.uid > 0)) throw new BonusError('error.not-logged-in', [], 'forbidden');
}
