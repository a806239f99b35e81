import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { checkCount, longestRunSeconds, probeScript, ProbePlan } from '../../lib/cdk8s/network-policy-probe-script';

const PLAN: ProbePlan = {
  namespace: 'clinic',
  mustDeny: [{ host: 'kubernetes.default.svc.cluster.local', port: 443 }, { host: '1.1.1.1', port: 443 }],
  mustAllow: [{ host: 'records-api.clinic.svc.cluster.local', port: 8080 }],
  dnsNames: ['kubernetes.default.svc.cluster.local'],
  dnsTcp: 'kube-dns.kube-system.svc.cluster.local',
  timeoutSeconds: 1,
  rejectIsDenial: false,
};

/**
 * A fake nc: looks up "host port" in FAKE_NC (lines `host port behaviour`) and behaves as busybox
 * or OpenBSD nc does for a dropped, refused, open or unresolvable target. Logs its arguments.
 */
const FAKE_NC = `#!/bin/sh
echo "nc $*" >> "$FAKE_LOG"
[ "$1 $2" = "-z -w" ] || { echo "fake nc: expected -z -w, got $*" >&2; exit 2; }
behaviour=$(printf '%s\\n' "$FAKE_NC" | while read -r h p b; do [ "$h $p" = "$4 $5" ] && echo "$b"; done)
case "$behaviour" in
  open) exit 0 ;;
  refused) echo "nc: can't connect to remote host (10.96.0.1): Connection refused" >&2; exit 1 ;;
  timeout-busybox) echo "nc: timed out" >&2; exit 1 ;;
  timeout-openbsd) echo "nc: connect to $4 port $5 (tcp) failed: Operation timed out" >&2; exit 1 ;;
  silent-slow) sleep "$3"; exit 1 ;;
  hang) sleep 30 ;;
  unreachable) echo "nc: connect to $4 port $5 (tcp) failed: No route to host" >&2; exit 1 ;;
  bad-address) echo "nc: bad address '$4'" >&2; exit 1 ;;
  silent-fast) exit 1 ;;
  *) echo "fake nc: no behaviour for $4 $5" >&2; exit 2 ;;
esac
`;

/** A fake nslookup: FAKE_DNS lines `name behaviour` (ok, nxdomain, nxdomain-exit0 as old busybox, hang). */
const FAKE_NSLOOKUP = `#!/bin/sh
echo "nslookup $*" >> "$FAKE_LOG"
behaviour=$(printf '%s\\n' "$FAKE_DNS" | while read -r n b; do [ "$n" = "$1" ] && echo "$b"; done)
case "$behaviour" in
  ok) printf 'Server:\\t\\t10.96.0.10\\nAddress:\\t10.96.0.10:53\\n\\nName:\\t%s\\nAddress: 10.96.0.1\\n' "$1" ;;
  nxdomain) printf 'Server:\\t\\t10.96.0.10\\nAddress:\\t10.96.0.10:53\\n\\n** server can%st find %s: NXDOMAIN\\n' "'" "$1"; exit 1 ;;
  nxdomain-exit0) printf "nslookup: can't resolve '%s'\\n" "$1" ;;
  hang) sleep 30 ;;
  *) echo "fake nslookup: no behaviour for $1" >&2; exit 2 ;;
esac
`;

const AS_EXPECTED = {
  // Also the lookup of the must-deny target of that name.
  dns: 'kubernetes.default.svc.cluster.local ok',
  nc: [
    'kube-dns.kube-system.svc.cluster.local 53 open',
    'records-api.clinic.svc.cluster.local 8080 open',
    'kubernetes.default.svc.cluster.local 443 timeout-busybox',
    '1.1.1.1 443 timeout-openbsd',
  ],
};

interface Run { readonly status: number | null; readonly stdout: string[]; readonly stderr: string[]; readonly calls: string[] }

function run(nc: string[] = AS_EXPECTED.nc, dns = AS_EXPECTED.dns, plan: ProbePlan = PLAN, tools = ['nc', 'nslookup']): Run {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'np-probe-'));
  try {
    if (tools.includes('nc')) fs.writeFileSync(path.join(dir, 'nc'), FAKE_NC, { mode: 0o755 });
    if (tools.includes('nslookup')) fs.writeFileSync(path.join(dir, 'nslookup'), FAKE_NSLOOKUP, { mode: 0o755 });
    fs.writeFileSync(path.join(dir, 'run.sh'), probeScript(plan));
    const log = path.join(dir, 'calls.log');
    fs.writeFileSync(log, '');
    const r = spawnSync('/bin/sh', [path.join(dir, 'run.sh')], {
      encoding: 'utf8',
      timeout: 60_000,
      env: { PATH: `${dir}:${process.env.PATH}`, FAKE_LOG: log, FAKE_NC: nc.join('\n'), FAKE_DNS: dns },
    });
    const lines = (s: string) => s.split('\n').filter(Boolean);
    return { status: r.status, stdout: lines(r.stdout), stderr: lines(r.stderr), calls: lines(fs.readFileSync(log, 'utf8')) };
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

/** The nc lines with the behaviour of `host port` replaced. */
function withNc(target: string, behaviour: string): string[] {
  return AS_EXPECTED.nc.map((l) => (l.startsWith(`${target} `) ? `${target} ${behaviour}` : l));
}

const SUMMARY_FAILED = (n: number) => `NETWORK POLICY PROBE FAILED (namespace clinic): ${n} of 5 checks differ from the declared isolation`;

describe('the network policy probe script (run with /bin/sh and fake nc and nslookup)', () => {
  test('everything as declared: one line per check, exit 0; nc is called with -z and the timeout', () => {
    const r = run();
    expect(r.stderr).toEqual([]);
    expect(r.status).toBe(0);
    expect(r.stdout).toEqual([
      'RESOLVED as expected: kubernetes.default.svc.cluster.local',
      'OPEN as expected: kube-dns.kube-system.svc.cluster.local:53 (DNS over TCP)',
      'OPEN as expected: records-api.clinic.svc.cluster.local:8080',
      'DENIED as expected: kubernetes.default.svc.cluster.local:443 (no answer within 1s: dropped by a NetworkPolicy)',
      'DENIED as expected: 1.1.1.1:443 (no answer within 1s: dropped by a NetworkPolicy)',
      'network policy probe passed (namespace clinic): all 5 checks as declared',
    ]);
    // A must-deny target's name is looked up before the connection (an IP address is not).
    expect(r.calls).toEqual([
      'nslookup kubernetes.default.svc.cluster.local',
      'nc -z -w 1 kube-dns.kube-system.svc.cluster.local 53',
      'nc -z -w 1 records-api.clinic.svc.cluster.local 8080',
      'nslookup kubernetes.default.svc.cluster.local',
      'nc -z -w 1 kubernetes.default.svc.cluster.local 443',
      'nc -z -w 1 1.1.1.1 443',
    ]);
  });

  test('a flow that must be denied is open: exit 1 with the exact line, and the other checks still run', () => {
    const r = run(withNc('1.1.1.1 443', 'open'));
    expect(r.status).toBe(1);
    expect(r.stderr).toEqual([
      'OPEN but must be denied: 1.1.1.1:443 (a connection was established: a NetworkPolicy lets this pod reach it)',
      SUMMARY_FAILED(1),
    ]);
    expect(r.stdout).toContain('DENIED as expected: kubernetes.default.svc.cluster.local:443 (no answer within 1s: dropped by a NetworkPolicy)');
  });

  test('a declared flow that is blocked (no answer) fails the probe', () => {
    const r = run(withNc('records-api.clinic.svc.cluster.local 8080', 'timeout-busybox'));
    expect(r.status).toBe(1);
    expect(r.stderr).toEqual([
      'BLOCKED but must be allowed: records-api.clinic.svc.cluster.local:8080 (no answer within 1s: dropped, though the flow is declared)',
      SUMMARY_FAILED(1),
    ]);
  });

  test('a declared flow that is refused (nothing listens) fails, saying the policy let it through', () => {
    const r = run(withNc('records-api.clinic.svc.cluster.local 8080', 'refused'));
    expect(r.status).toBe(1);
    expect(r.stderr[0]).toBe('REFUSED but must be allowed: records-api.clinic.svc.cluster.local:8080 (the policy let the connection through, ' +
      'but nothing accepted it: nc: can\'t connect to remote host (10.96.0.1): Connection refused)');
  });

  test('DNS failing fails the probe: NXDOMAIN (with exit 1 or, as old busybox, exit 0), no answer, DNS over TCP blocked', () => {
    const nx = run(AS_EXPECTED.nc, 'kubernetes.default.svc.cluster.local nxdomain');
    expect(nx.status).toBe(1);
    expect(nx.stderr[0]).toBe('DNS FAILED but must work: kubernetes.default.svc.cluster.local did not resolve (Server:		10.96.0.10 Address:	10.96.0.10:53  ' +
      '** server can\'t find kubernetes.default.svc.cluster.local: NXDOMAIN)');
    const old = run(AS_EXPECTED.nc, 'kubernetes.default.svc.cluster.local nxdomain-exit0');
    expect(old.status).toBe(1);
    expect(old.stderr[0]).toBe('DNS FAILED but must work: kubernetes.default.svc.cluster.local did not resolve (nslookup: can\'t resolve \'kubernetes.default.svc.cluster.local\')');
    const tcp = run(withNc('kube-dns.kube-system.svc.cluster.local 53', 'timeout-openbsd'));
    expect(tcp.status).toBe(1);
    expect(tcp.stderr[0]).toBe('BLOCKED but must be allowed: kube-dns.kube-system.svc.cluster.local:53 (DNS over TCP) (no answer within 1s: dropped, though the flow is declared)');
  });

  test('DNS that does not answer is cut off by timeout and reported', () => {
    const r = run(AS_EXPECTED.nc, 'kubernetes.default.svc.cluster.local hang');
    expect(r.status).toBe(1);
    expect(r.stderr[0]).toBe('DNS FAILED but must work: no answer for kubernetes.default.svc.cluster.local within 1s (is DNS egress to kube-dns allowed?)');
  }, 20_000);

  test('a refusal is not a denial: a must-deny target that answers at once is UNTESTED and fails the probe', () => {
    const r = run(withNc('kubernetes.default.svc.cluster.local 443', 'refused'));
    expect(r.status).toBe(1);
    expect(r.stderr).toEqual([
      'UNTESTED, must be denied: kubernetes.default.svc.cluster.local:443 answered at once (refused: nc: can\'t connect to remote host (10.96.0.1): Connection refused); ' +
        'a closed port, a Service without endpoints or a missing route answers so, and a NetworkPolicy drops silently, so this proves nothing. ' +
        'Probe a port that listens, or set rejectIsDenial if the CNI rejects denied connections',
      SUMMARY_FAILED(1),
    ]);
    const unreachable = run(withNc('1.1.1.1 443', 'unreachable'));
    expect(unreachable.status).toBe(1);
    expect(unreachable.stderr[0]).toMatch(/^UNTESTED, must be denied: 1\.1\.1\.1:443 answered at once \(unreachable: nc: connect to 1\.1\.1\.1 port 443 \(tcp\) failed: No route to host\)/);
  });

  test('with rejectIsDenial a refusal counts as denied (a CNI that rejects denied connections)', () => {
    const r = run(withNc('kubernetes.default.svc.cluster.local 443', 'refused'), AS_EXPECTED.dns, { ...PLAN, rejectIsDenial: true });
    expect(r.status).toBe(0);
    expect(r.stdout).toContain('DENIED as expected: kubernetes.default.svc.cluster.local:443 (rejected at once, which rejectIsDenial counts as denied: ' +
      'nc: can\'t connect to remote host (10.96.0.1): Connection refused)');
  });

  test('timeouts are told apart without a message: nc that stays silent for the whole timeout, or that timeout has to kill', () => {
    const slow = run(withNc('1.1.1.1 443', 'silent-slow'));
    expect(slow.status).toBe(0);
    expect(slow.stdout).toContain('DENIED as expected: 1.1.1.1:443 (no answer within 1s: dropped by a NetworkPolicy)');
    const hang = run(withNc('1.1.1.1 443', 'hang'));
    expect(hang.status).toBe(0);
    expect(hang.stdout).toContain('DENIED as expected: 1.1.1.1:443 (no answer within 1s: dropped by a NetworkPolicy)');
  }, 20_000);

  test('a failure that is neither an answer nor a timeout, or an unresolvable target, is UNTESTED, not denied', () => {
    const fast = run(withNc('1.1.1.1 443', 'silent-fast'));
    expect(fast.status).toBe(1);
    expect(fast.stderr[0]).toBe('UNTESTED, must be denied: 1.1.1.1:443: nc failed without saying why ()');
    const bad = run(withNc('kubernetes.default.svc.cluster.local 443', 'bad-address'));
    expect(bad.status).toBe(1);
    expect(bad.stderr[0]).toBe('UNTESTED, must be denied: kubernetes.default.svc.cluster.local:443 could not be resolved (nc: bad address \'kubernetes.default.svc.cluster.local\'); name a host that exists');
  });

  test('a must-deny target whose name does not resolve is UNTESTED before nc runs: a DNS lookup stuck in nc would pass for a denial', () => {
    const plan: ProbePlan = { ...PLAN, mustDeny: [{ host: 'ingress-nginx-controller.ingress-nginx.svc.cluster.local', port: 443 }], mustAllow: [], dnsNames: [], dnsTcp: undefined };
    const nx = run(['ingress-nginx-controller.ingress-nginx.svc.cluster.local 443 hang'], 'ingress-nginx-controller.ingress-nginx.svc.cluster.local nxdomain', plan);
    expect(nx.status).toBe(1);
    expect(nx.stderr[0]).toBe('UNTESTED, must be denied: ingress-nginx-controller.ingress-nginx.svc.cluster.local:443 could not be resolved (nxdomain: ' +
      'Server:\t\t10.96.0.10 Address:\t10.96.0.10:53  ** server can\'t find ingress-nginx-controller.ingress-nginx.svc.cluster.local: NXDOMAIN), ' +
      'so a timeout would not tell a denial from a DNS failure; name a host that exists');
    expect(nx.calls).toEqual(['nslookup ingress-nginx-controller.ingress-nginx.svc.cluster.local']);
    const slow = run(['ingress-nginx-controller.ingress-nginx.svc.cluster.local 443 timeout-busybox'], 'ingress-nginx-controller.ingress-nginx.svc.cluster.local hang', plan);
    expect(slow.status).toBe(1);
    expect(slow.stderr[0]).toBe('UNTESTED, must be denied: ingress-nginx-controller.ingress-nginx.svc.cluster.local:443 could not be resolved (noanswer: ), ' +
      'so a timeout would not tell a denial from a DNS failure; name a host that exists');
  }, 20_000);

  test('every difference is reported in one run; the summary counts them', () => {
    const r = run(withNc('1.1.1.1 443', 'open').map((l) => (l.startsWith('records-api') ? 'records-api.clinic.svc.cluster.local 8080 timeout-busybox' : l)),
      'kubernetes.default.svc.cluster.local nxdomain');
    expect(r.status).toBe(1);
    // The name that does not resolve also leaves its must-deny target untested.
    expect(r.stderr.map((l) => l.split(':')[0])).toEqual([
      'DNS FAILED but must work', 'BLOCKED but must be allowed', 'UNTESTED, must be denied', 'OPEN but must be denied', SUMMARY_FAILED(4).split(':')[0],
    ]);
    expect(r.stderr[4]).toBe(SUMMARY_FAILED(4));
  });

  test('IPv6 targets are written in brackets; the run is bounded by the checks and the timeout', () => {
    const plan: ProbePlan = { ...PLAN, mustDeny: [{ host: 'fd00::1', port: 443 }], mustAllow: [], dnsNames: [], dnsTcp: undefined };
    const r = run(['fd00::1 443 timeout-busybox'], '', plan);
    expect([r.status, r.stdout[0]]).toEqual([0, 'DENIED as expected: [fd00::1]:443 (no answer within 1s: dropped by a NetworkPolicy)']);
    expect(checkCount(PLAN)).toBe(5);
    // 5 checks and the lookup of one must-deny name, each at most 5 + 3 seconds.
    expect(longestRunSeconds({ ...PLAN, timeoutSeconds: 5 })).toBe(6 * 8);
  });

  test('an image without one of the tools fails at once, naming it (not as a pass, not as a denial)', () => {
    const r = run(AS_EXPECTED.nc, AS_EXPECTED.dns, PLAN, ['nc']);
    expect([r.status, r.stdout, r.calls]).toEqual([1, [], []]);
    expect(r.stderr).toEqual(['NETWORK POLICY PROBE FAILED (namespace clinic): the image has no nslookup; the probe needs sh, nc (-z -w), nslookup, timeout, date, tr and cut']);
  });

  test('values are quoted for the shell', () => {
    expect(probeScript({ ...PLAN, namespace: "it's" })).toContain("NAMESPACE='it'\\''s'");
  });
});
