import { Cron, Duration } from 'cdk8s';
import * as kplus from 'cdk8s-plus-28';
import { Construct } from 'constructs';
import { HipaaNamespace, NetworkPolicyProbe } from '../../lib/cdk8s';
import { latestWaiverExpiry } from '../../lib/check/waiver';
import { expectRefusal, newChart, REGISTRY } from '../helpers/cdk8s';
import { daysFromNow } from '../helpers/dates';

const BUSYBOX = `${REGISTRY}/mirror/busybox:1.37.0@sha256:${'d'.repeat(64)}`;

/** Builds a probe in a chart with a PHI namespace `clinic`; `props` gets the chart and the namespace. */
const build = (props: (chart: Construct, clinic: HipaaNamespace) => unknown) => () => {
  const chart = newChart();
  const clinic = new HipaaNamespace(chart, 'clinic', { owner: 'platform-team' });
  return new NetworkPolicyProbe(chart, 'probe', props(chart, clinic) as any);
};

const PORT_RANGE = 'a port is a number from 1 to 65535 without leading zeros';

describe('NetworkPolicyProbe refuses bad input with one exact error', () => {
  test('no must-deny target', () => {
    expectRefusal(build((_, clinic) => ({ namespaces: [clinic], image: BUSYBOX, mustDeny: [] })),
      '[test/probe] mustDeny: is empty: a probe without a must-deny target tests no isolation. Name targets the namespace must not reach and that listen ' +
      "(a Service of another namespace, the API server 'kubernetes.default.svc.cluster.local:443', a public address such as '1.1.1.1:443'), or leave it unset for those two.");
  });

  test('targets that are not host:port, ports out of range, bad hosts, duplicates: all listed at once', () => {
    expectRefusal(build((_, clinic) => ({
      namespaces: [clinic],
      image: BUSYBOX,
      mustDeny: ['no-port', 'host:0', 'host:70000', 'a.b:080', '[nothex]:443', 'fd00::1:443', 'Bad_Host:80', '999.1.1.1:443', 'x.y:443', 'x.y:443', 3],
    })), [
      '[test/probe] 10 problems in the props (all are listed; fix each):',
      "- mustDeny[0]: 'no-port' is not host:port, e.g. 'records-api.clinic.svc.cluster.local:8080' or '10.0.0.5:443'.",
      `- mustDeny[1]: 'host:0' has port 0; ${PORT_RANGE}.`,
      `- mustDeny[2]: 'host:70000' has port 70000; ${PORT_RANGE}.`,
      `- mustDeny[3]: 'a.b:080' has port 080; ${PORT_RANGE}.`,
      "- mustDeny[4]: '[nothex]:443' has 'nothex' in brackets, which is not an IPv6 address.",
      "- mustDeny[5]: 'fd00::1:443' is not host:port: write an IPv6 address in brackets, e.g. '[fd00::1]:443'.",
      "- mustDeny[6]: 'Bad_Host:80' has host 'Bad_Host', which is not a DNS name (lower-case labels of letters, digits and '-', each at most 63 characters).",
      "- mustDeny[7]: '999.1.1.1:443' has host '999.1.1.1', which is not an IPv4 address.",
      "- mustDeny[9]: 'x.y:443' is also mustDeny[8]; list each target once.",
      '- mustDeny[10]: expected a string, got a number (3).',
    ].join('\n'));
  });

  test('the cluster DNS as a must-deny target (every pod may reach it)', () => {
    expectRefusal(build((_, clinic) => ({ namespaces: [clinic], image: BUSYBOX, mustDeny: ['kube-dns.kube-system.svc.cluster.local:53'] })),
      "[test/probe] mustDeny[0]: 'kube-dns.kube-system.svc.cluster.local:53' is the cluster DNS, which every pod of a HipaaNamespace may reach (allowDns), so it would always be open. " +
      'Name a target the namespace must not reach; DNS is checked to work (dnsNames, dnsOverTcp).');
  });

  test('an image not pinned by digest, or none', () => {
    expectRefusal(build((_, clinic) => ({ namespaces: [clinic], image: 'busybox:1.37' })),
      "[test/probe] image: 'busybox:1.37' is not pinned by digest (k8s-image-digest): a probe that runs a different image than the one reviewed proves nothing. Append @sha256:<digest>.");
    expectRefusal(build((_, clinic) => ({ namespaces: [clinic] })),
      "[test/probe] image: is required: an image with sh, nc (with -z and -w), nslookup, timeout, date, tr and cut (busybox 1.30 or later, or netshoot), pinned by digest, e.g. '<registry>/busybox:1.37.0@sha256:...'.");
  });

  test('a namespace that is not PHI, unless asked for explicitly', () => {
    const ops = (chart: Construct) => new HipaaNamespace(chart, 'ops', { owner: 'ops-team', phi: false });
    expectRefusal(build((chart) => ({ namespaces: [ops(chart)], image: BUSYBOX })),
      "[test/probe] namespaces[0]: 'ops' is not a PHI namespace (hipaa-constructs.io/phi: false); the probe tests the isolation of PHI namespaces. " +
      'Probe it anyway by setting nonPhiNamespaces: true, or leave it out.');
    expect(build((chart) => ({ namespaces: [ops(chart)], image: BUSYBOX, nonPhiNamespaces: true }))().cronJobs).toHaveLength(1);
  });

  test('no namespace, one listed twice, a name the app does not declare, something else', () => {
    const none = '[test/probe] namespaces: needs at least one HipaaNamespace (or its name) to probe: the probe runs as a workload of each, under its NetworkPolicies.';
    expectRefusal(build(() => ({ namespaces: [], image: BUSYBOX })), none);
    expectRefusal(build(() => ({ image: BUSYBOX })), none);
    const why = 'the probe writes its CronJob into the namespace, so it must be one the app creates ' +
      '(a construct never writes into a namespace it does not own), with the default-deny policies it tests.';
    expectRefusal(build((_, clinic) => ({ namespaces: [clinic, 'clinic', 'billing', 42], image: BUSYBOX })), [
      '[test/probe] 3 problems in the props (all are listed; fix each):',
      "- namespaces[1]: 'clinic' is listed twice; list each namespace once.",
      `- namespaces[2]: 'billing' is not the name of a HipaaNamespace of the app declared before this probe: ${why} Declare the HipaaNamespace first, or pass it.`,
      `- namespaces[3]: expected a HipaaNamespace or its name, got a number (42): ${why}`,
    ].join('\n'));
  });

  test('a namespace without DNS, with DNS checks or targets by name', () => {
    expectRefusal(build((chart) => ({ namespaces: [new HipaaNamespace(chart, 'quiet', { owner: 'ops-team', allowDns: false })], image: BUSYBOX })),
      "[test/probe] namespaces: 'quiet' has allowDns: false, so the probe's DNS checks would fail and its targets by name (kubernetes.default.svc.cluster.local:443) would not resolve. " +
      'Give the namespace allowDns (the default), or set dnsNames: [] and dnsOverTcp: false and name every target by IP address.');
  });

  test('a schedule the API server refuses (SecureCronJob\'s checks) and a timeout out of range', () => {
    expectRefusal(build((_, clinic) => ({ namespaces: [clinic], image: BUSYBOX, schedule: Cron.schedule({ minute: '61' }), timeout: Duration.minutes(2) })), [
      '[test/probe] 2 problems in the props (all are listed; fix each):',
      '- timeout: must be a whole number of seconds from 1 to 30 (got 120): a denied flow shows as an attempt that runs into it, so it bounds every check and the run. ' +
        'Use e.g. Duration.seconds(5), or leave it unset for 5 seconds.',
      "- schedule: '61 * * * *' has minute '61': 61 is outside 0-59: the API server refuses the CronJob. " +
        "Use Cron.schedule({ minute, hour, day, month, weekDay }) with values in range, e.g. { minute: '0', hour: '3' }.",
    ].join('\n'));
    expectRefusal(build((_, clinic) => ({ namespaces: [clinic], image: BUSYBOX, timeout: Duration.millis(1500) })),
      '[test/probe] timeout: must be a whole number of seconds from 1 to 30: a denied flow shows as an attempt that runs into it, so it bounds every check and the run. ' +
      'Use e.g. Duration.seconds(5), or leave it unset for 5 seconds.');
  });

  test('allowed flows: without a peer or a target, not an object, a target that must also be denied', () => {
    expectRefusal(build((chart, clinic) => ({
      namespaces: [clinic],
      image: BUSYBOX,
      mustAllow: [
        { target: 'kubernetes.default.svc.cluster.local:443', to: kplus.NetworkPolicyIpBlock.ipv4(chart, 'api-server', '10.0.0.0/24') },
        { target: 'records.clinic.svc.cluster.local:8080' },
        'records:8080',
        { to: clinic },
      ],
    })), [
      '[test/probe] 4 problems in the props (all are listed; fix each):',
      '- mustAllow[1].to: expected the peer of the flow (a workload, kplus.Pods.select(...), a HipaaNamespace or kplus.NetworkPolicyIpBlock.ipv4(...)), got nothing (undefined): ' +
        "the probe's pod gets exactly this egress flow, declared as a workload's egress is.",
      '- mustAllow[2]: expected an object, got a string ("records:8080").',
      "- mustAllow[3].target: is required: the host:port the probe connects to over that flow, e.g. 'records-api.clinic.svc.cluster.local:8080'.",
      "- mustAllow[0].target: 'kubernetes.default.svc.cluster.local:443' is also a default must-deny target; a flow cannot be both. Give mustDeny without it.",
    ].join('\n'));
    expectRefusal(build((_, clinic) => ({ namespaces: [clinic], image: BUSYBOX, mustDeny: ['a.b:1'], mustAllow: [{ target: 'a.b:1', to: clinic }] })),
      "[test/probe] mustAllow[0].target: 'a.b:1' is also mustDeny[0]; a flow cannot be both. Remove it from one of the lists.");
  });

  test('wrong types and values elsewhere, all listed at once', () => {
    expectRefusal(build((_, clinic) => ({
      namespaces: [clinic],
      image: BUSYBOX,
      name: 'x'.repeat(53),
      owner: ' ',
      clusterDomain: 'Bad..',
      dnsNames: ['1.2.3.4', 'ok.name'],
      waivers: { ruleId: 'k8s-image-digest' },
      rejectIsDenial: 'yes',
      nonPhiNamespaces: 1,
    })), [
      '[test/probe] 7 problems in the props (all are listed; fix each):',
      '- nonPhiNamespaces: expected true or false, got a number (1).',
      "- clusterDomain: 'Bad..' is not a DNS domain (e.g. 'cluster.local'; the kubelet's --cluster-domain).",
      "- dnsNames[0]: '1.2.3.4' is not a DNS name to resolve (e.g. 'kubernetes.default.svc.cluster.local').",
      '- rejectIsDenial: expected true or false, got a string ("yes").',
      `- name: CronJob name '${'x'.repeat(53)}' is 53 characters long; it must be a DNS-1123 subdomain of at most 52 characters ` +
        '(the CronJob controller appends 11 characters to it to name each Job, and Job names are limited to 63) (k8s-valid-name).',
      "- owner: is empty; name the team accountable for the probe, or leave it unset for each namespace's owner.",
      '- waivers: must be a list of waivers, e.g. [{ ruleId, reason, expires }] (got one waiver object; wrap it in [ ]) (waiver-invalid).',
    ].join('\n'));
    expectRefusal(() => new NetworkPolicyProbe(newChart(), 'probe', undefined as any), '[test/probe] props: expected an object, got nothing (undefined).');
  });

  test('a namespace with a mesh and no meshWaiverExpires; a meshWaiverExpires that is not a date, or too far ahead', () => {
    const meshedBuild = (props: Record<string, unknown>) => () => {
      const chart = newChart();
      const clinic = new HipaaNamespace(chart, 'clinic', { owner: 'platform-team', mesh: { provider: 'istio' } });
      const billing = new HipaaNamespace(chart, 'billing', { owner: 'billing-team', mesh: { provider: 'linkerd' } });
      return new NetworkPolicyProbe(chart, 'probe', { namespaces: [clinic, billing], image: BUSYBOX, ...props } as any);
    };
    expectRefusal(meshedBuild({}),
      "[test/probe] meshWaiverExpires: is required: 'clinic', 'billing' have a service mesh, and the probe's pod stays out of it " +
      '(in the mesh its connections would end at its own proxy, which accepts them all), so it carries a waiver of ' +
      'k8s-phi-namespace-mtls, which must come back for review. Give the date (YYYY-MM-DD, at most 12 months ahead) until which it is accepted.');
    const tooFar = daysFromNow(400);
    expectRefusal(meshedBuild({ meshWaiverExpires: tooFar }),
      `[test/probe] meshWaiverExpires: ${tooFar} is more than 12 months ahead (latest allowed: ${latestWaiverExpiry(new Date(), 12)}): a waiver is evaluated again ` +
      'at least that often (45 CFR 164.308(a)(8)); set an earlier date, or raise maxWaiverMonths (hipaa-check: --max-waiver-months) if your review period is longer (waiver-invalid).');
    expectRefusal(meshedBuild({ meshWaiverExpires: 'next year' }), '[test/probe] meshWaiverExpires: must be a date written YYYY-MM-DD (got "next year") (waiver-invalid).');
  });
});
