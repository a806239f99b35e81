/**
 * A small, fixed check result for report tests. The pack holds two stand-in rules with fixed
 * text (one error, one warning) so report snapshots change only when a report changes, not
 * when the real Kubernetes rules are reworded or added to.
 */
import { check, CheckResult } from '../../lib/check/engine';
import { parseManifests } from '../../lib/check/manifests';
import type { Resource } from '../../lib/check/resource';
import type { Rule, RulePack } from '../../lib/check/rule';
import type { ReportMetadata } from '../../lib/report/common';
import { TEST_NOW } from '../helpers/rule-test';

export const noPrivileged: Rule = {
  id: 'test-no-privileged',
  title: 'Containers must not be privileged',
  description: 'A privileged container has every capability and all host devices.',
  severity: 'error',
  controls: ['164.312(a)(1)', '164.312(c)(1)'],
  kinds: ['Deployment'],
  fix: 'Remove securityContext.privileged.',
  check(resource, _ctx, report) {
    const containers = resource.body.spec?.template?.spec?.containers ?? [];
    containers.forEach((c: any, i: number) => {
      if (c.securityContext?.privileged === true) {
        report({ path: `spec.template.spec.containers[${i}].securityContext.privileged`, message: `container '${c.name}' is privileged` });
      }
    });
  },
};

export const pullAlways: Rule = {
  id: 'test-pull-always',
  title: 'Containers must use imagePullPolicy: Always',
  description: 'Always re-checks registry credentials on every start.',
  severity: 'warning',
  controls: ['164.312(d)'],
  kinds: ['Deployment'],
  fix: 'Set imagePullPolicy: Always.',
  check(resource, _ctx, report) {
    const containers = resource.body.spec?.template?.spec?.containers ?? [];
    containers.forEach((c: any, i: number) => {
      if (c.imagePullPolicy !== 'Always') {
        const path = `spec.template.spec.containers[${i}].imagePullPolicy`;
        report({ path, message: `container '${c.name}' uses imagePullPolicy: ${c.imagePullPolicy ?? '<unset>'} | not Always`, fix: `Set ${path}: Always.` });
      }
    });
  },
};

export const samplePack: RulePack = { name: 'sample', description: 'Two stand-in rules', rules: [noPrivileged, pullAlways] };

export const SAMPLE_YAML = `# Sample manifests for report tests
apiVersion: v1
kind: Namespace
metadata:
  name: clinic
---
apiVersion: apps/v1
kind: Deployment
metadata:
  name: api
  namespace: clinic
spec:
  template:
    spec:
      containers:
        - name: api
          image: registry.example/api:1.0
          imagePullPolicy: IfNotPresent
          securityContext:
            privileged: true
---
apiVersion: apps/v1
kind: Deployment
metadata:
  name: agent
  namespace: clinic
  annotations:
    hipaa-constructs.io/waivers: >-
      [{"ruleId": "test-no-privileged",
        "reason": "Node agent needs host devices; runs on dedicated nodes (RISK-7).",
        "owner": "platform-team", "ticket": "RISK-7", "expires": "2026-12-31"}]
spec:
  template:
    spec:
      containers:
        - name: agent
          image: registry.example/agent:2.1
          imagePullPolicy: Always
          securityContext:
            privileged: true
---
apiVersion: apps/v1
kind: Deployment
metadata:
  name: legacy
  namespace: clinic
  annotations:
    hipaa-constructs.io/waivers: '[{"ruleId": "test-pull-always", "reason": "Air-gapped node pool, pulls from a local mirror.", "expires": "2026-01-31"}]'
spec:
  template:
    spec:
      containers:
        - name: legacy
          image: registry.example/legacy:0.9
`;

export const SAMPLE_FILE = 'manifests/app.yaml';

export function sampleResources(): Resource[] {
  return parseManifests(SAMPLE_YAML, SAMPLE_FILE);
}

/** Findings: api (error + warning), agent (waived error), legacy (expired waiver + warning). */
export function sampleResult(): CheckResult {
  return check(sampleResources(), samplePack, { now: TEST_NOW });
}

export function sampleMeta(overrides: Partial<ReportMetadata> = {}): ReportMetadata {
  return {
    toolName: 'hipaa-check',
    toolVersion: '1.2.3',
    packName: samplePack.name,
    inputs: ['manifests'],
    kubernetesVersion: '1.28',
    allowedRegistries: ['registry.example'],
    objects: sampleResources(),
    ...overrides,
  };
}

/** A result with no findings: only the Namespace, which the sample rules do not apply to. */
export function cleanResult(): CheckResult {
  return check(sampleResources().filter((r) => r.kind === 'Namespace'), samplePack, { now: TEST_NOW });
}
