import { ALL, policyRules, ROLE_KINDS } from './policy';
import type { Rule } from '../../../check/rule';

/** No `*` in the verbs, resources, apiGroups or nonResourceURLs of a role. */
export const rbacNoWildcards: Rule = {
  id: 'k8s-rbac-no-wildcards',
  title: 'Roles must not use wildcards in verbs, resources, API groups or non-resource URLs',
  description:
    'A wildcard grants everything that exists and everything added later: `*` in verbs includes escalate, bind and ' +
    'impersonate; `*` in resources includes secrets and pods/exec; `*` in apiGroups includes every CRD installed in ' +
    'future. The Kubernetes "Role Based Access Control Good Practices" advise against wildcards for exactly this ' +
    'reason; least privilege (HIPAA information access management) needs each permission named.',
  severity: 'error',
  controls: ['164.308(a)(4)', '164.312(a)(1)'],
  kinds: ROLE_KINDS,
  fix: 'List the verbs, resources and API groups the role needs by name instead of `*`.',
  check(resource, _ctx, report) {
    const rules = policyRules(resource);
    for (let i = 0; i < rules.length; i++) {
      const rule = rules[i];
      if (rule === null || typeof rule !== 'object') continue;
      // verbs, resources and apiGroups all '*': the PolicyRule grants what cluster-admin grants; say so on each entry.
      const all = isAll(rule.verbs) && isAll(rule.resources) && isAll(rule.apiGroups)
        ? '; with verbs, resources and apiGroups all \'*\', this rule grants everything cluster-admin does'
        : '';
      const verbs = rule.verbs;
      if (Array.isArray(verbs)) {
        for (let j = 0; j < verbs.length; j++) {
          if (verbs[j] === ALL) {
            report({ path: `rules[${i}].verbs[${j}]`, message: `verb '*' grants every verb, including escalate, bind and impersonate${all}` });
          }
        }
      }
      const resources = rule.resources;
      if (Array.isArray(resources)) {
        for (let j = 0; j < resources.length; j++) {
          const r = resources[j];
          if (r === ALL) {
            report({ path: `rules[${i}].resources[${j}]`, message: `resource '*' grants every resource of the rule's API groups, including secrets and pods/exec${all}` });
          } else if (typeof r === 'string' && r.startsWith('*/')) {
            report({ path: `rules[${i}].resources[${j}]`, message: `resource '${r}' grants the ${r.slice(2)} subresource of every resource` });
          }
        }
      }
      const groups = rule.apiGroups;
      if (Array.isArray(groups)) {
        for (let j = 0; j < groups.length; j++) {
          if (groups[j] === ALL) {
            report({ path: `rules[${i}].apiGroups[${j}]`, message: `API group '*' grants every API group, including those of CRDs installed later${all}` });
          }
        }
      }
      const urls = rule.nonResourceURLs;
      if (Array.isArray(urls)) {
        for (let j = 0; j < urls.length; j++) {
          if (urls[j] === ALL || urls[j] === '/*') {
            report({ path: `rules[${i}].nonResourceURLs[${j}]`, message: `non-resource URL '${urls[j]}' grants every non-resource endpoint of the API server` });
          }
        }
      }
    }
  },
};

function isAll(entries: unknown): boolean {
  return Array.isArray(entries) && entries.includes(ALL);
}
