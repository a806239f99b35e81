import { external, flowsTo, NOW, REGISTER, resource } from './fixtures';
import { secretStoreViolations } from '../../../lib/rules/baa/secret-store';

const STORE = { kind: 'ClusterSecretStore', name: 'vault' };
const store = resource('ClusterSecretStore', undefined, 'vault');
const PATH = 'spec.provider.vault.server';

describe('baa-secret-store', () => {
  test('flags a secret store no vendor matches, on a cluster-scoped store', () => {
    const vault = external('secret-store', { type: 'secret-store', value: 'https://vault.saas.example', provider: 'vault' }, STORE, PATH);
    expect(secretStoreViolations(flowsTo(vault), REGISTER, store, NOW)).toEqual([{
      path: PATH,
      message: 'gives workload clinic/records-api, which handles PHI, the secrets of secret store https://vault.saas.example, which no vendor of the BAA register matches',
      fix: 'Add the vendor of secret store https://vault.saas.example to the BAA register with its signed BAA (or to internal, if it is the organisation\'s own), or stop sending PHI there.',
    }]);
  });

  test('passes AWS Secrets Manager under the AWS BAA and a Vault of a vendor with a BAA', () => {
    const sm = external('secret-store', { type: 'secret-store', value: 'secretsmanager.us-east-1.amazonaws.com', provider: 'aws', service: 'secretsmanager' }, STORE, PATH);
    expect(secretStoreViolations(flowsTo(sm), REGISTER, store, NOW)).toEqual([]);
    const vault = external('secret-store', { type: 'secret-store', value: 'https://vault.acme-labs.example/v1', provider: 'vault' }, STORE, PATH);
    expect(secretStoreViolations(flowsTo(vault), REGISTER, store, NOW)).toEqual([]);
  });
});
