import { isMapping } from '../../../check/docker/compose-merge';
import { COMPOSE_NETWORK } from '../../../check/docker/kinds';
import type { Rule } from '../../../check/rule';
import { networkLabel } from '../support/compose-service';

/** Overlay networks encrypt their traffic. */
export const composeEncryptedOverlay: Rule = {
  id: 'docker-compose-encrypted-overlay',
  title: 'A Compose overlay network must set driver_opts encrypted',
  description:
    'An overlay network carries container traffic between hosts in VXLAN packets, in clear text on the hosts\' network. The ' +
    'overlay driver encrypts it with IPsec (AES-GCM) when the network is created with the encrypted option; Docker looks only ' +
    'at whether the encrypted key is present in driver_opts, not at its value, so encrypted: "" (or any value) turns it on ' +
    'and is accepted. Networks of other drivers (bridge, the default) stay on one host and are not checked. CIS Docker ' +
    'Benchmark 7.3.',
  severity: 'error',
  controls: ['164.312(e)(1)', '164.312(e)(2)(ii)'],
  kinds: [COMPOSE_NETWORK],
  fix: 'Add driver_opts: { encrypted: "" } to the overlay network (and open UDP 4789 and IP protocol 50 (ESP) between the hosts).',
  check(resource, _ctx, report) {
    const body = resource.body;
    if (body.driver !== 'overlay') return;
    const opts = body.driver_opts;
    if (isMapping(opts) && Object.prototype.hasOwnProperty.call(opts, 'encrypted')) return;
    report({ path: 'driver_opts', message: `${networkLabel(resource)} is an overlay network without encryption (driver_opts has no encrypted key)` });
  },
};
