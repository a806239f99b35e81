import { certificate } from './fixtures';
import { certificateKeyStrength } from '../../../../lib/rules/k8s/transport/certificate-key-strength';
import { clone, violations } from '../../../helpers/rule-test';

function withKey(privateKey: object | undefined): any {
  const c = clone(certificate) as any;
  if (privateKey === undefined) delete c.spec.privateKey;
  else c.spec.privateKey = privateKey;
  return c;
}

describe('k8s-certificate-key-strength', () => {
  test('passes ECDSA P-256 rotated always, RSA 2048 and cert-manager defaults', () => {
    expect(violations(certificateKeyStrength, [certificate])).toEqual([]);
    expect(violations(certificateKeyStrength, [withKey({ algorithm: 'RSA', size: 2048 })])).toEqual([]);
    expect(violations(certificateKeyStrength, [withKey(undefined)])).toEqual([]);
  });

  test('flags RSA below 2048 bits, including RSA by default', () => {
    expect(violations(certificateKeyStrength, [withKey({ algorithm: 'RSA', size: 1024 })])).toEqual(['spec.privateKey.size: an RSA key of 1024 bits is below 2048 bits']);
    expect(violations(certificateKeyStrength, [withKey({ size: 1024 })])).toEqual(['spec.privateKey.size: an RSA key of 1024 bits is below 2048 bits']);
  });

  test('flags rotationPolicy Never', () => {
    expect(violations(certificateKeyStrength, [withKey({ algorithm: 'ECDSA', size: 256, rotationPolicy: 'Never' })])).toEqual([
      'spec.privateKey.rotationPolicy: rotationPolicy "Never" reuses the same private key at every renewal',
    ]);
  });

  test('leaves Certificates of other API groups alone', () => {
    const c = withKey({ size: 512 });
    c.apiVersion = 'example.com/v1';
    expect(violations(certificateKeyStrength, [c])).toEqual([]);
  });
});
