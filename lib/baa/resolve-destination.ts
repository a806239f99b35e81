import type { BaaRegister } from './baa-register';
import type { Destination, VendorMatch } from '../flows/flow-graph';

/** What the register says about an external destination, judged at `now` (BAA expiry, review date, eligible services). */
export function resolveDestination(_register: BaaRegister, _destination: Destination, _now: Date): VendorMatch {
  throw new Error('resolveDestination: not implemented yet');
}
