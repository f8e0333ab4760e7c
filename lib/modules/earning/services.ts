/** The earning and deduction rules' services, built around the ledger (registered in services/index.ts). */
import type { Host } from '../../host/index';
import type { SettingsService } from '../settings';
import type { EarningLedger } from './ledger-port';
import { EarningNotifier } from './notify';
import { EarningService } from './service';
import { BirthdayService } from './service-birthdays';
import { GroupGiftService } from './service-groupgifts';
import { TopService } from './service-top';
import { WarningService } from '../moderation';
import { Announcer } from '../publishing';
import { StepsService } from '../../kernel/steps-service';

export interface EarningServices {
  earning: EarningService;
  birthdays: BirthdayService;
  groupGifts: GroupGiftService;
  top: TopService;
  warnings: WarningService;
}

/** `steps`: the process's one durable-steps runner (lib/services.ts), whose recovery job finishes the warnings' workflows. */
export function createEarningServices(
  host: Host, settings: SettingsService, ledger: EarningLedger, announcer = new Announcer(host, settings), steps = new StepsService(host),
): EarningServices {
  const notifier = new EarningNotifier(host);
  const earning = new EarningService(host, settings, ledger, notifier);
  return {
    earning,
    birthdays: new BirthdayService(host, settings, ledger, notifier),
    groupGifts: new GroupGiftService(host, settings, ledger, notifier),
    top: new TopService(host, settings, earning, ledger, notifier, announcer),
    warnings: new WarningService(host, settings, ledger, notifier, earning, steps),
  };
}
