import { DAEMON_CONFIG } from '../../../check/docker/kinds';
import type { Rule } from '../../../check/rule';
import { daemonFile } from '../support/daemon-config';

/** Images are pulled only over verified TLS (CIS Docker Benchmark 2.5). */
export const daemonNoInsecureRegistries: Rule = {
  id: 'docker-daemon-no-insecure-registries',
  title: 'The Docker daemon must not name insecure registries or plain-http registry mirrors',
  description:
    'A registry in "insecure-registries" is reached over plain HTTP or with TLS certificates unverified, and a ' +
    '"registry-mirrors" entry with http:// is the same for every pull: anyone on the path can swap the image a PHI ' +
    'workload runs. Images must come over verified TLS so what runs is what was built. CIS Docker Benchmark 2.5.',
  severity: 'error',
  controls: ['164.312(c)(1)', '164.312(c)(2)', '164.312(e)(2)(i)'],
  kinds: [DAEMON_CONFIG],
  fix: 'Remove "insecure-registries"; give the registry a certificate from a CA the host trusts (/etc/docker/certs.d/<registry>/ca.crt), and use https:// mirrors.',
  check(resource, _ctx, report) {
    const file = daemonFile(resource);
    const insecure = resource.body['insecure-registries'];
    if (typeof insecure === 'string' && insecure.trim() !== '') {
      report({ path: 'insecure-registries', message: `${file} trusts the insecure registry ${JSON.stringify(insecure)}: images from it come without verified TLS` });
    } else if (Array.isArray(insecure)) {
      insecure.forEach((r, i) => report({ path: `insecure-registries[${i}]`, message: `${file} trusts the insecure registry ${JSON.stringify(r)}: images from it come without verified TLS` }));
    }
    const mirrors = resource.body['registry-mirrors'];
    if (Array.isArray(mirrors)) {
      mirrors.forEach((m, i) => {
        if (typeof m === 'string' && /^http:\/\//i.test(m.trim())) {
          report({ path: `registry-mirrors[${i}]`, message: `${file} pulls through the plain-http mirror ${JSON.stringify(m)}: images from it come without TLS`, fix: 'Use an https:// mirror.' });
        }
      });
    }
  },
};
