/**
 * A checkout refusal as a language key with its arguments, naming the items in the member's
 * language (`error.checkout.{code}`; delivery refusals reuse `delivery.rule.{rule}`).
 */
import type { Host } from '../../host/index';
import { localized, type Product } from '../catalog';
import type { CheckoutLine, Refusal } from './domain-checkout';
import { countryNameKey } from '../../kernel/countries';
import { counted, type ErrorArg } from '../../kernel/errors';

export interface RefusalMessage {
  key: string;
  args: ErrorArg[];
}

export async function refusalMessage(
  host: Host, r: Refusal, lines: CheckoutLine[], products: ReadonlyMap<number, Product>, lang: string, country: string | null,
): Promise<RefusalMessage> {
  const titles = r.productIds.map((id) => {
    const p = products.get(id);
    return p ? localized(p.title, lang) : `#${id}`;
  }).join(', ');
  switch (r.code) {
    case 'delivery-refused': {
      const name = country ? await host.translator.translate(`[[bonus:${countryNameKey(country)}]]`, lang) : '';
      return { key: `delivery.rule.${r.rule ?? 'no-delivery-country'}`, args: [titles, name] };
    }
    case 'prizes-russia-only': {
      const name = country ? await host.translator.translate(`[[bonus:${countryNameKey(country)}]]`, lang) : '';
      return { key: 'error.checkout.prizes-russia-only', args: [titles, name] };
    }
    case 'prize-gate':
      // args: [have, need]
      return { key: 'error.checkout.prize-gate', args: [Number(r.args[1]), Number(r.args[0])] };
    case 'souvenir-minimum':
      return { key: 'error.checkout.souvenir-minimum', args: [counted(Number(r.args[0])), counted(Number(r.args[1]))] };
    case 'pickup-not-allowed':
    case 'pickup-not-offered':
    case 'promo-unknown':
    case 'promo-not-member':
    case 'promo-one-code':
    case 'promo-club-only':
    case 'mixed-programmes':
    case 'empty-cart':
    case 'order-too-large':
      return { key: `error.checkout.${r.code}`, args: r.args };
    case 'top-up-amount':
      return { key: 'error.checkout.top-up-amount', args: [lines[r.lines[0]]?.amount ?? 0] };
    default:
      return { key: `error.checkout.${r.code}`, args: [titles, ...r.args] };
  }
}
