import { check } from '../../lib/check/engine';
import { fromManifest } from '../../lib/check/resource';
import { WAIVERS_ANNOTATION } from '../../lib/check/waiver';
import { renderJson, renderMarkdown, renderSarif, renderText } from '../../lib/report';
import { privileged } from '../../lib/rules/k8s/pod-security/privileged';
import { TEST_NOW, TEST_SOON } from '../helpers/rule-test';

const reason = 'Node agent needs the host devices; dedicated node pool, RISK-7.';

/** Two privileged containers; the waiver covers the agent container only. */
function result() {
  const d = {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: {
      name: 'agent',
      namespace: 'ops',
      annotations: { [WAIVERS_ANNOTATION]: JSON.stringify([{ ruleId: 'k8s-privileged', reason, expires: TEST_SOON, owner: 'platform-team', container: 'agent' }]) },
    },
    spec: { template: { spec: { containers: ['agent', 'proxy'].map((name) => ({ name, image: `${name}:1`, securityContext: { privileged: true } })) } } },
  };
  return check([fromManifest(d)], { name: 'p', description: 'p', rules: [privileged] }, { now: TEST_NOW });
}

describe('reports show the container a waiver is limited to', () => {
  test('text', () => {
    expect(renderText(result())).toContain(`waiver: ${reason} (container agent only, owner platform-team, expires ${TEST_SOON})`);
  });

  test('Markdown: the waived findings and the waiver register name the container', () => {
    const md = renderMarkdown(result());
    expect(md).toContain('| Deployment ops/agent, container \'agent\' only | - | `k8s-privileged` | `spec.template.spec.containers[0].securityContext.privileged` |');
    expect(md).toContain('| `k8s-privileged` | Deployment ops/agent, container \'agent\' only | - | 1 |');
  });

  test('JSON and SARIF', () => {
    const json = JSON.parse(renderJson(result()));
    expect(json.findings.map((f: any) => `${f.path} ${f.waiver?.container ?? '-'}`)).toEqual([
      'spec.template.spec.containers[0].securityContext.privileged agent',
      'spec.template.spec.containers[1].securityContext.privileged -',
    ]);
    const sarif = JSON.parse(renderSarif(result()));
    expect(sarif.runs[0].results.map((r: any) => r.suppressions[0]?.properties.container ?? '-')).toEqual(['agent', '-']);
  });
});
