import { Testing } from 'cdk8s';
import * as kplus from 'cdk8s-plus-28';
import { addWaivers, HipaaNamespace, HipaaNamespaceProps, SecureDeployment } from '../../lib/cdk8s';
import { container, expectRefusal, newChart } from '../helpers/cdk8s';
import { SOON } from '../helpers/dates';

function build(mesh: unknown, extra: Partial<HipaaNamespaceProps> = {}): void {
  new HipaaNamespace(newChart(), 'clinic', { owner: 'team', mesh: mesh as any, ...extra });
}

const WAIVER = { ruleId: 'k8s-phi-namespace-mtls', reason: 'Legacy billing clients move into the mesh this quarter, until then plain text is accepted', expires: SOON };

describe('HipaaNamespace refuses a bad mesh at construction', () => {
  test('PERMISSIVE without a waiver of k8s-phi-namespace-mtls', () => {
    expectRefusal(() => build({ provider: 'istio', mode: 'PERMISSIVE' }),
      '[test/clinic] mesh.mode: PERMISSIVE accepts plain-text connections to the PHI workloads of the namespace (k8s-phi-namespace-mtls). ' +
      "Use 'STRICT' (the default), or accept it with a waiver of k8s-phi-namespace-mtls in waivers, giving the reason (e.g. a migration into the mesh) and an expiry.");
  });

  test('PERMISSIVE is accepted with the waiver on the namespace or on a construct above it', () => {
    expect(() => build({ provider: 'istio', mode: 'PERMISSIVE' }, { waivers: [WAIVER] })).not.toThrow();
    const chart = newChart();
    addWaivers(chart, [WAIVER]);
    expect(() => new HipaaNamespace(chart, 'clinic', { owner: 'team', mesh: { provider: 'istio', mode: 'PERMISSIVE' } })).not.toThrow();
  });

  test('modes that turn mTLS off, and modes that do not exist', () => {
    expectRefusal(() => build({ provider: 'istio', mode: 'DISABLE' }),
      "[test/clinic] mesh.mode: \"DISABLE\" is not a mode the namespace can have (k8s-phi-namespace-mtls); use 'STRICT' (mutual TLS only, the default): DISABLE and UNSET leave PHI traffic in plain text or to the mesh-wide default.");
    expectRefusal(() => build({ provider: 'istio', mode: 'strict' }),
      "[test/clinic] mesh.mode: \"strict\" is not a mode the namespace can have (k8s-phi-namespace-mtls); use 'STRICT' (mutual TLS only, the default).");
  });

  test('an unknown mesh, and no provider', () => {
    expectRefusal(() => build({ provider: 'consul' }), "[test/clinic] mesh.provider: \"consul\" is not a supported mesh (k8s-phi-namespace-mtls); use 'istio' or 'linkerd'.");
    expectRefusal(() => build({}), "[test/clinic] mesh.provider: undefined is not a supported mesh (k8s-phi-namespace-mtls); use 'istio' or 'linkerd'.");
    expectRefusal(() => build('istio'), '[test/clinic] mesh: expected an object, got a string ("istio").');
  });

  test('a revision that is not a valid label value or istiod revision name', () => {
    const message = (r: string) => `[test/clinic] mesh.revision: '${r}' is not an Istio revision name (k8s-valid-labels): it is written as the value of the label ` +
      "istio.io/rev and names an istiod revision, so use at most 63 lowercase letters, digits and '-', starting and ending with a letter or digit (e.g. '1-30-3').";
    expectRefusal(() => build({ provider: 'istio', revision: '1.30.3' }), message('1.30.3'));
    expectRefusal(() => build({ provider: 'istio', revision: 'Canary' }), message('Canary'));
    expectRefusal(() => build({ provider: 'istio', revision: 'a'.repeat(64) }), message('a'.repeat(64)));
    expectRefusal(() => build({ provider: 'istio', revision: 130 }), '[test/clinic] mesh.revision: expected a string, got a number (130).');
  });

  test('a trust domain that is not one', () => {
    expectRefusal(() => build({ provider: 'istio', trustDomain: 'spiffe://cluster.local' }),
      "[test/clinic] mesh.trustDomain: 'spiffe://cluster.local' is not a SPIFFE trust domain (k8s-phi-namespace-mtls); use the trust domain of the mesh (meshConfig.trustDomain, lowercase letters, digits, '.', '-' and '_'), 'cluster.local' by default.");
  });

  test('mesh labels given in labels as well', () => {
    expectRefusal(() => build({ provider: 'istio' }, { labels: { 'istio-injection': 'disabled' } }),
      '[test/clinic] labels["istio-injection"]: is written by the mesh prop, which would override it (k8s-phi-namespace-mtls); remove the label, and use mesh.revision for a revision.');
  });

  test('Istio-only settings on Linkerd, every problem in one Error', () => {
    const istioOnly = (f: string) => `- mesh.${f}: applies to Istio only (k8s-phi-namespace-mtls); Linkerd always uses mutual TLS between meshed pods and its default deny refuses the rest. Remove it, or use provider 'istio'.`;
    expectRefusal(() => build({ provider: 'linkerd', mode: 'STRICT', revision: 'stable', trustDomain: 'cluster.local' }, { owner: '' }), [
      '[test/clinic] 4 problems in the props (all are listed; fix each):',
      '- owner: an owner is required so access to PHI can be attributed (k8s-namespace-phi-label); give a team or person.',
      istioOnly('mode'), istioOnly('revision'), istioOnly('trustDomain'),
    ].join('\n'));
  });
});

describe('flows the mesh authorization cannot express are refused at synth', () => {
  function app(ports: kplus.NetworkPolicyPort[], apiPorts: kplus.ContainerPort[] = [{ number: 8080 }]) {
    const chart = newChart();
    new HipaaNamespace(chart, 'clinic', { owner: 'team', mesh: { provider: 'linkerd' } });
    const web = new SecureDeployment(chart, 'web', { containers: [container({ name: 'web' })] });
    new SecureDeployment(chart, 'api', { containers: [container({ ports: apiPorts, portNumber: undefined })], ingress: [{ from: web, ports }] });
    return chart;
  }

  test('a port range, and every port', () => {
    expectRefusal(() => Testing.synth(app([kplus.NetworkPolicyPort.tcpRange(8080, 8090)])),
      "[test/api] ingress[0].from: allows the port range 8080-8090, which the mesh authorization of namespace 'clinic' cannot express (k8s-phi-namespace-mtls). Name the ports one by one (kplus.NetworkPolicyPort.tcp(port)).");
    expectRefusal(() => Testing.synth(app([kplus.NetworkPolicyPort.allTcp()])),
      "[test/api] ingress[0].from: allows every TCP port, which the mesh authorization of namespace 'clinic' cannot express (k8s-phi-namespace-mtls). Name the ports one by one (kplus.NetworkPolicyPort.tcp(port)).");
  });

  test('a port name that no container port has', () => {
    expectRefusal(() => Testing.synth(app([kplus.NetworkPolicyPort.of({ port: 'metrics' } as any)], [{ number: 8080, name: 'http' }])),
      "[test/api] ingress[0].from: port 'metrics' is not the name of a container port of test/api (named ports: 'http'), so the mesh authorization of namespace 'clinic' cannot name it (k8s-phi-namespace-mtls). Use the port number, or name the container port.");
  });
});
