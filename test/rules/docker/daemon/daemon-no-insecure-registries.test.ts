import { daemonNoInsecureRegistries } from '../../../../lib/rules/docker/daemon/daemon-no-insecure-registries';
import { daemonText, daemonViolations } from '../../../helpers/daemon-rules';

describe('docker-daemon-no-insecure-registries', () => {
  test('flags each insecure registry at its line, and plain-http mirrors', () => {
    const text = `{
  "insecure-registries": [
    "registry.internal:5000",
    "10.0.0.0/8"
  ],
  "registry-mirrors": ["https://mirror.example.com", "http://mirror.internal"]
}
`;
    expect(daemonViolations(daemonNoInsecureRegistries, text)).toEqual([
      "3 insecure-registries[0]: 'etc/docker/daemon.json' trusts the insecure registry \"registry.internal:5000\": images from it come without verified TLS",
      "4 insecure-registries[1]: 'etc/docker/daemon.json' trusts the insecure registry \"10.0.0.0/8\": images from it come without verified TLS",
      "6 registry-mirrors[1]: 'etc/docker/daemon.json' pulls through the plain-http mirror \"http://mirror.internal\": images from it come without TLS",
    ]);
    expect(daemonViolations(daemonNoInsecureRegistries, daemonText({ 'insecure-registries': 'registry.internal:5000' }))).toHaveLength(1);
  });

  test('passes none, an empty list and https mirrors', () => {
    expect(daemonViolations(daemonNoInsecureRegistries, daemonText())).toEqual([]);
    expect(daemonViolations(daemonNoInsecureRegistries, daemonText({ 'insecure-registries': [], 'registry-mirrors': ['https://mirror.example.com'] }))).toEqual([]);
  });
});
