import { clusterSecretStore, externalSecret, inlineSecret, secretProviderClass, secretStore, TOOLS, toolsNamespace } from './secret-store-fixtures';
import { inlineSecretWithStore } from '../../../../lib/rules/k8s/storage/inline-secret-with-store';
import { namespace as phiNamespace } from '../../../helpers/fixtures';
import { runRule, violations } from '../../../helpers/rule-test';

const rule = inlineSecretWithStore;

describe('k8s-inline-secret-with-store', () => {
  test('flags inline data and stringData of a Secret in a namespace with a SecretStore, naming the keys and the store', () => {
    const secret = inlineSecret('db', { data: { password: 'aHVudGVyMg==', user: 'YXBw' }, stringData: { token: 'x' } });
    const result = runRule(rule, [toolsNamespace(), secretStore(), secret]);
    expect(result.unwaived.map((f) => `${f.path}: ${f.message}`)).toEqual([
      `data: the Secret 'db' carries inline data (keys 'password', 'user') in namespace '${TOOLS}', where SecretStore 'aws' is configured`,
      `stringData: the Secret 'db' carries inline stringData (key 'token') in namespace '${TOOLS}', where SecretStore 'aws' is configured`,
    ]);
    expect(result.unwaived[0].fix).toBe(rule.fix);
  });

  test('a SecretProviderClass of the namespace and a ClusterSecretStore without conditions count as stores', () => {
    expect(violations(rule, [toolsNamespace(), secretProviderClass(), inlineSecret()])).toEqual([
      `data: the Secret 'db' carries inline data (key 'password') in namespace '${TOOLS}', where SecretProviderClass 'db' is configured`,
    ]);
    expect(violations(rule, [toolsNamespace(), clusterSecretStore(), secretStore(), inlineSecret()])).toEqual([
      `data: the Secret 'db' carries inline data (key 'password') in namespace '${TOOLS}', where SecretStore 'aws', ClusterSecretStore 'shared' are configured`,
    ]);
  });

  test('a ClusterSecretStore counts only where its conditions admit the namespace (names, regexes, a selector on the Namespace labels)', () => {
    const flagged = (conditions: unknown[], ns = toolsNamespace({ team: 'tools' })) => violations(rule, [ns, clusterSecretStore(conditions), inlineSecret()]).length;
    expect(flagged([{ namespaces: [TOOLS] }])).toBe(1);
    expect(flagged([{ namespaces: ['other'] }])).toBe(0);
    expect(flagged([{ namespaceRegexes: ['^clinic-'] }])).toBe(1);
    expect(flagged([{ namespaceRegexes: ['^billing-', '(['] }])).toBe(0);
    expect(flagged([{ namespaceSelector: { matchLabels: { team: 'tools' } } }])).toBe(1);
    expect(flagged([{ namespaceSelector: { matchLabels: { team: 'billing' } } }])).toBe(0);
    // Without the Namespace object nothing shows the selector admits it.
    expect(violations(rule, [clusterSecretStore([{ namespaceSelector: { matchLabels: { team: 'tools' } } }]), inlineSecret()], { unclassifiedIsPhi: false })).toEqual([]);
  });

  test('every Secret type with data is flagged: TLS, registry credentials, a hand-written service-account token', () => {
    const secrets = [
      inlineSecret('tls', { type: 'kubernetes.io/tls', data: { 'tls.crt': 'Y3J0', 'tls.key': 'a2V5' } }),
      inlineSecret('pull', { type: 'kubernetes.io/dockerconfigjson', data: { '.dockerconfigjson': 'e30=' } }),
      inlineSecret('token', { type: 'kubernetes.io/service-account-token', data: { token: 'dG9r' } }),
    ];
    expect(violations(rule, [toolsNamespace(), secretStore(), ...secrets]).map((v) => v.split(' carries')[0]).sort()).toEqual([
      "data: the Secret 'pull'", "data: the Secret 'tls'", "data: the Secret 'token'",
    ]);
  });

  test('passes a Secret without data, one in a namespace without a store, and stores in other namespaces', () => {
    expect(violations(rule, [toolsNamespace(), secretStore(), inlineSecret('empty', { type: 'kubernetes.io/service-account-token', data: {} })])).toEqual([]);
    expect(violations(rule, [toolsNamespace(), inlineSecret()])).toEqual([]);
    expect(violations(rule, [toolsNamespace(), secretStore('aws', 'elsewhere'), secretProviderClass('db', 'elsewhere'), inlineSecret()])).toEqual([]);
    // Kinds of the same name in other API groups are not stores.
    expect(violations(rule, [toolsNamespace(), { ...secretStore(), apiVersion: 'example.com/v1' }, inlineSecret()])).toEqual([]);
  });

  test('passes a Secret the operator wrote (ownerReferences name an ExternalSecret)', () => {
    const owned = inlineSecret('db');
    owned.metadata.ownerReferences = [{ apiVersion: 'external-secrets.io/v1', kind: 'ExternalSecret', name: 'db', uid: 'u', controller: true }];
    expect(violations(rule, [toolsNamespace(), secretStore(), owned])).toEqual([]);
  });

  test('keys an ExternalSecret of the set writes into the Secret pass; the others are flagged, naming the ExternalSecret', () => {
    const target = inlineSecret('db', { data: { password: 'cGxhY2Vob2xkZXI=', apiKey: 'a2V5' } });
    expect(violations(rule, [toolsNamespace(), secretStore(), externalSecret('db'), target])).toEqual([
      `data: the Secret 'db' carries inline data (key 'apiKey') in namespace '${TOOLS}', where SecretStore 'aws' is configured; ExternalSecret 'db' writes this Secret but not this key`,
    ]);
    // target.name and template.data keys count; creationPolicy None writes nothing.
    const named = externalSecret('db-sync', { name: 'db', template: { data: { apiKey: '{{ .apiKey }}' } } });
    expect(violations(rule, [toolsNamespace(), secretStore(), named, target])).toEqual([]);
    expect(violations(rule, [toolsNamespace(), secretStore(), externalSecret('db', { creationPolicy: 'None' }), target])).toHaveLength(1);
  });

  test('leaves Secrets that count as PHI to k8s-phi-inline-secret (one finding per Secret)', () => {
    const phiSecret = inlineSecret('db', { data: { password: 'eA==' } }, 'clinic');
    phiSecret.metadata.labels = {};
    expect(violations(rule, [phiNamespace, secretStore('aws', 'clinic'), phiSecret])).toEqual([]);
    // Unclassified counts as PHI by default; with unclassifiedIsPhi off it is this rule's.
    const unlabelled = inlineSecret();
    unlabelled.metadata.labels = {};
    expect(violations(rule, [secretStore(), unlabelled])).toEqual([]);
    expect(violations(rule, [secretStore(), unlabelled], { unclassifiedIsPhi: false })).toHaveLength(1);
  });
});
