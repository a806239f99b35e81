import * as yaml from 'js-yaml';
import { configMap, GOOD_RULES, policy } from './helpers';
import { auditPolicyValid } from '../../../../lib/rules/k8s/audit/audit-policy-valid';
import { violations } from '../../../helpers/rule-test';

const REFUSED = 'kube-apiserver refuses to load this audit Policy';

describe('k8s-audit-policy-valid', () => {
  test('passes a Policy the API server loads, wildcards and subresources included', () => {
    const rules = [
      { level: 'None', nonResourceURLs: ['/healthz*', '/version', '*'] },
      { level: 'Metadata', resources: [{ group: '', resources: ['pods/*', '*/exec', 'configmaps'], resourceNames: ['leader'] }] },
      ...GOOD_RULES,
    ];
    expect(violations(auditPolicyValid, [policy(rules, { omitStages: ['RequestReceived'] })])).toEqual([]);
  });

  test('flags what the API server refuses: URLs, a level in lower case, unknown stages, mixed rules, bad groups', () => {
    const rules = [
      { level: 'None', nonResourceURLs: ['/api/*/status', 'healthz'] },
      { level: 'None', nonResourceURLs: ['/x*'], resources: [{ group: '' }] },
      { level: 'Metadata', resources: [{ group: 'apps', resourceNames: ['x'] }, { group: 'rbac.authorization.k8s.io/v1', resources: ['roles'] }] },
      { level: 'metadata', omitStages: ['ResponseCompleted'] },
      { level: 'Metadata' },
    ];
    expect(violations(auditPolicyValid, [policy(rules, { omitStages: 'RequestReceived' })])).toEqual([
      `omitStages: omitStages is the string "RequestReceived"; it must be a list of stages (e.g. omitStages: ["RequestReceived"]): ${REFUSED}`,
      `rules[0].nonResourceURLs[0]: nonResourceURLs[0] '/api/*/status' has '*' before its end; '*' may only be the last character ('/api/*' matches every path that starts with '/api/'): ${REFUSED}`,
      `rules[0].nonResourceURLs[1]: nonResourceURLs[1] 'healthz' does not start with '/'; write '/healthz' (or '*' for every path): ${REFUSED}`,
      `rules[1].nonResourceURLs: nonResourceURLs is given with resources; a rule applies to non-resource URLs or to resources, never both: split it into two rules: ${REFUSED}`,
      `rules[2].resources[0].resourceNames: resourceNames is given without resources; resourceNames need at least one resource (e.g. resources: ["configmaps"]): ${REFUSED}`,
      `rules[2].resources[1].group: group 'rbac.authorization.k8s.io/v1' is not an API group name: name the group without its version ('rbac.authorization.k8s.io'): ${REFUSED}`,
      `rules[3].level: level is the string "metadata"; the levels are None, Metadata, Request, RequestResponse (case matters): ${REFUSED}`,
      `rules[3].omitStages[0]: omitStages[0] 'ResponseCompleted' is not an audit stage (RequestReceived, ResponseStarted, ResponseComplete, Panic): ${REFUSED}`,
    ]);
  });

  test('unusual shapes: a map where a list goes, a rule that is no map, a missing level, YAML anchors; in a ConfigMap too', () => {
    const text = [
      'apiVersion: audit.k8s.io/v1',
      'kind: Policy',
      'rules:',
      '  - &meta',
      '    level: Metadata',
      '    resources: [{group: "", resources: [secrets]}]',
      '  - <<: *meta',
      '    resources: {group: "", resources: secrets}',
      '  - verbs: create',
      '  - Metadata',
      '  - level: Metadata',
      '',
    ].join('\n');
    expect(violations(auditPolicyValid, [configMap('audit', { 'policy.yaml': text }, 'kube-system')])).toEqual([
      `data["policy.yaml"].rules[1].resources: resources is a map; it must be a list of {group, resources} (e.g. resources: [{group: "", resources: ["pods"]}]): ${REFUSED}`,
      `data["policy.yaml"].rules[2].level: level is missing; the levels are None, Metadata, Request, RequestResponse (case matters): ${REFUSED}`,
      `data["policy.yaml"].rules[2].verbs: verbs is the string "create"; it must be a list of strings (e.g. verbs: ["..."]): ${REFUSED}`,
      `data["policy.yaml"].rules[3]: rules[3] is the string "Metadata", not a rule (a map with level and what it matches): ${REFUSED}`,
    ]);
    expect(yaml.load(text)).toBeTruthy();
  });
});

describe('k8s-audit-policy-valid: unreadable values and lists of the wrong items', () => {
  test('a ConfigMap value that declares a Policy but is not YAML is flagged; other broken values are not', () => {
    const cm = configMap('audit', { 'policy.yaml': 'apiVersion: audit.k8s.io/v1\nkind: Policy\nrules: [ {', 'notes.txt': 'see audit.k8s.io Policy docs: [ {' }, 'kube-system');
    const found = violations(auditPolicyValid, [cm]);
    expect(found).toHaveLength(1);
    expect(found[0]).toMatch(/^data\["policy\.yaml"\]: declares an audit Policy but is not valid YAML \(.+\): kube-apiserver refuses to load this audit Policy$/);
  });

  test('a list holding something else than strings names the item', () => {
    expect(violations(auditPolicyValid, [policy([{ level: 'Metadata', verbs: ['get', null] }])])).toEqual([
      `rules[0].verbs: verbs holds null; it must be a list of strings (e.g. verbs: ["..."]): ${REFUSED}`,
    ]);
  });
});
