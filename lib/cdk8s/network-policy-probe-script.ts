/**
 * What a NetworkPolicyProbe runs: the POSIX shell script that tries, from a pod of a PHI
 * namespace, the flows that must be denied and the ones that must work, and fails loudly on a
 * difference. A pure function of the plan, so it is tested without a cluster (with fake `nc` and
 * `nslookup` on PATH).
 *
 * Telling a denial apart from a closed port. A NetworkPolicy drops the packets of a denied flow:
 * the connection attempt gets no answer and runs into the timeout. A closed port, a Service
 * without endpoints (kube-proxy rejects those) or a missing route answers at once: "Connection
 * refused", "No route to host", "Network unreachable". Only the first proves that a policy denies
 * the flow; the others prove nothing about it, so a must-deny target that is refused or
 * unreachable fails the probe as UNTESTED (unless `rejectIsDenial`, for a CNI set up to reject
 * denied connections). The script reads nc's message (busybox: "timed out", "Connection
 * refused", "bad address"; OpenBSD nc: "Operation timed out", "Connection refused", "Name does
 * not resolve") and, when the message says neither, the exit status of `timeout` (124, or 143 when
 * it killed nc) and the time the attempt took (the whole timeout: no answer). A must-deny target
 * named by DNS is looked up first, since nc stuck in a DNS lookup would also run into the timeout:
 * a name that does not resolve leaves the target UNTESTED, never DENIED.
 */

/** One TCP target: a host (DNS name, IPv4 address, or IPv6 address without brackets) and a port. */
export interface ProbeEndpoint {
  /** DNS name, IPv4 address, or IPv6 address (without brackets). */
  readonly host: string;
  /** TCP port, 1 to 65535. */
  readonly port: number;
}

/** What one run of the probe checks. */
export interface ProbePlan {
  /** The namespace the probe runs in (named in its summary line). */
  readonly namespace: string;
  /** Targets that must not be reachable: each attempt must time out. */
  readonly mustDeny: readonly ProbeEndpoint[];
  /** Targets of the probe's declared egress flows: each must accept a connection. */
  readonly mustAllow: readonly ProbeEndpoint[];
  /** Names that must resolve through the cluster DNS (UDP, `nslookup`). */
  readonly dnsNames: readonly string[];
  /** The DNS Service, reached on TCP 53 (DNS over TCP must work too). @default - not checked */
  readonly dnsTcp?: string;
  /** Seconds each attempt may take. */
  readonly timeoutSeconds: number;
  /** Whether a refusal or an unreachable target counts as denied (a CNI that rejects denied connections). */
  readonly rejectIsDenial: boolean;
}

/** Where the script is mounted in the probe's container. */
export const PROBE_DIR = '/etc/network-policy-probe';

/** The commands the probe's image must provide (the README and the props name them). */
export const PROBE_COMMANDS = ['sh', 'nc (with -z and -w)', 'nslookup', 'timeout', 'date', 'tr', 'cut'] as const;

/** How many checks one run makes (each bounded by the timeout). */
export function checkCount(plan: ProbePlan): number {
  return plan.mustDeny.length + plan.mustAllow.length + plan.dnsNames.length + (plan.dnsTcp === undefined ? 0 : 1);
}

/**
 * The longest one run of the script takes: each check (and the lookup before each must-deny target
 * named by DNS) at most its timeout plus the 2 seconds `timeout` grants nc or nslookup before
 * killing it, and a second for the shell around it.
 */
export function longestRunSeconds(plan: ProbePlan): number {
  const lookups = plan.mustDeny.filter((e) => !/^[\d.]+$/.test(e.host) && !e.host.includes(':')).length;
  return (checkCount(plan) + lookups) * (plan.timeoutSeconds + 3);
}

/** `host:port`, with an IPv6 host in brackets. */
export function endpointText(e: ProbeEndpoint): string {
  return e.host.includes(':') ? `[${e.host}]:${e.port}` : `${e.host}:${e.port}`;
}

function quote(value: string): string {
  return `'${value.replace(/'/g, '\'\\\'\'')}'`;
}

/**
 * The probe's script (POSIX sh; needs `nc` with `-z -w`, `nslookup`, `timeout`, `date`, `tr` and `cut`,
 * as in busybox (1.30 or later) or netshoot images); without one it fails at once, naming it. Prints one line per check, starting with its verdict:
 * `DENIED as expected`, `OPEN but must be denied`, `UNTESTED, must be denied`, `OPEN as expected`,
 * `BLOCKED but must be allowed`, `REFUSED but must be allowed`, `RESOLVED as expected`,
 * `DNS FAILED`; differences go to stderr. Exits 1 when any check differs (the Job fails), 0 otherwise.
 */
export function probeScript(plan: ProbePlan): string {
  const call = (verb: string, e: ProbeEndpoint, what = endpointText(e)) => `${verb} ${quote(e.host)} ${e.port} ${quote(what)}`;
  const checks = [
    ...plan.dnsNames.map((n) => `resolves ${quote(n)}`),
    ...(plan.dnsTcp === undefined ? [] : [call('allow', { host: plan.dnsTcp, port: 53 }, `${plan.dnsTcp}:53 (DNS over TCP)`)]),
    ...plan.mustAllow.map((e) => call('allow', e)),
    ...plan.mustDeny.map((e) => call('deny', e)),
  ];
  return `#!/bin/sh
# NetworkPolicy probe of namespace ${plan.namespace}, written by hipaa-constructs (NetworkPolicyProbe).
# Tries the flows that must be denied (each must time out: a NetworkPolicy drops them) and the ones
# that must work (DNS over UDP and TCP, the declared egress flows). One line per check; any difference
# exits 1, so the Job fails. Needs: sh, nc (-z -w), nslookup, timeout, date, tr, cut.
set -u
NAMESPACE=${quote(plan.namespace)}
TIMEOUT=${plan.timeoutSeconds}
REJECT_IS_DENIAL=${plan.rejectIsDenial ? 1 : 0}
checks=0
failures=0

for tool in nc nslookup timeout date tr cut; do
  command -v "$tool" >/dev/null 2>&1 || { echo "NETWORK POLICY PROBE FAILED (namespace $NAMESPACE): the image has no $tool; the probe needs sh, nc (-z -w), nslookup, timeout, date, tr and cut" >&2; exit 1; }
done

ok() { echo "$*"; }
differs() { failures=$((failures + 1)); echo "$*" >&2; }

# Tries a TCP connection to host $1 port $2. Sets RESULT to open, timeout (no answer: dropped),
# refused, unreachable, unresolved or error, and DETAIL to what nc said.
connect() {
  start=$(date +%s)
  out=$(timeout "$((TIMEOUT + 2))" nc -z -w "$TIMEOUT" "$1" "$2" 2>&1 </dev/null)
  status=$?
  elapsed=$(( $(date +%s) - start ))
  DETAIL=$(printf '%s' "$out" | tr '\\n' ' ' | cut -c 1-200)
  if [ "$status" -eq 0 ]; then RESULT=open; return; fi
  case "$out" in
    *[Rr]efused*) RESULT=refused ;;
    *"timed out"*|*"Timed out"*|*[Tt]imeout*) RESULT=timeout ;;
    *[Uu]nreachable*|*"No route"*|*"no route"*) RESULT=unreachable ;;
    *"bad address"*|*"Bad address"*|*resolve*|*"name resolution"*|*"not known"*|*"nknown host"*|*getaddrinfo*|*"no address"*) RESULT=unresolved ;;
    *)
      # No message that says: timeout killed nc (124; 143 for SIGTERM), or the attempt took the whole timeout.
      if [ "$status" -eq 124 ] || [ "$status" -eq 143 ] || [ "$elapsed" -ge "$TIMEOUT" ]; then RESULT=timeout; else RESULT=error; fi ;;
  esac
}

# A flow that must be denied (host $1, port $2, written $3): only a timeout (a dropped connection) proves it.
deny() {
  checks=$((checks + 1))
  # A name is looked up first: nc stuck in a DNS lookup would run into the timeout and pass for a denial.
  case "$1" in
    *:*) ;;
    *[!0-9.]*)
      if ! lookup "$1"; then
        differs "UNTESTED, must be denied: $3 could not be resolved ($LOOKUP: $DETAIL), so a timeout would not tell a denial from a DNS failure; name a host that exists"
        return
      fi ;;
  esac
  connect "$1" "$2"
  set -- "$3"
  case "$RESULT" in
    timeout) ok "DENIED as expected: $1 (no answer within \${TIMEOUT}s: dropped by a NetworkPolicy)" ;;
    open) differs "OPEN but must be denied: $1 (a connection was established: a NetworkPolicy lets this pod reach it)" ;;
    refused|unreachable)
      if [ "$REJECT_IS_DENIAL" -eq 1 ]; then
        ok "DENIED as expected: $1 (rejected at once, which rejectIsDenial counts as denied: $DETAIL)"
      else
        differs "UNTESTED, must be denied: $1 answered at once ($RESULT: $DETAIL); a closed port, a Service without endpoints or a missing route answers so, and a NetworkPolicy drops silently, so this proves nothing. Probe a port that listens, or set rejectIsDenial if the CNI rejects denied connections"
      fi ;;
    unresolved) differs "UNTESTED, must be denied: $1 could not be resolved ($DETAIL); name a host that exists" ;;
    *) differs "UNTESTED, must be denied: $1: nc failed without saying why ($DETAIL)" ;;
  esac
}

# A flow that must work (host $1, port $2, written $3): the connection must be accepted.
allow() {
  checks=$((checks + 1))
  what="$3"
  connect "$1" "$2"
  case "$RESULT" in
    open) ok "OPEN as expected: $what" ;;
    timeout) differs "BLOCKED but must be allowed: $what (no answer within \${TIMEOUT}s: dropped, though the flow is declared)" ;;
    refused) differs "REFUSED but must be allowed: $what (the policy let the connection through, but nothing accepted it: $DETAIL)" ;;
    unreachable) differs "BLOCKED but must be allowed: $what (unreachable: $DETAIL)" ;;
    unresolved) differs "BLOCKED but must be allowed: $what could not be resolved ($DETAIL)" ;;
    *) differs "BLOCKED but must be allowed: $what: nc failed without saying why ($DETAIL)" ;;
  esac
}

# Looks name $1 up through the cluster DNS (UDP). Returns 0 when it resolved; sets DETAIL (what
# nslookup said) and LOOKUP to resolved, nxdomain, noanswer (timeout) or failed.
lookup() {
  out=$(timeout "$((TIMEOUT + 2))" nslookup "$1" 2>&1 </dev/null)
  status=$?
  DETAIL=$(printf '%s' "$out" | tr '\\n' ' ' | cut -c 1-200)
  case "$status:$out" in
    *:*"can't"*|*:*NXDOMAIN*) LOOKUP=nxdomain ;;
    0:*Name:*) LOOKUP=resolved; return 0 ;;
    124:*|143:*) LOOKUP=noanswer ;;
    *) LOOKUP=failed ;;
  esac
  return 1
}

# A name that must resolve through the cluster DNS (UDP).
resolves() {
  checks=$((checks + 1))
  if lookup "$1"; then
    ok "RESOLVED as expected: $1"
  elif [ "$LOOKUP" = noanswer ]; then
    differs "DNS FAILED but must work: no answer for $1 within \${TIMEOUT}s (is DNS egress to kube-dns allowed?)"
  else
    differs "DNS FAILED but must work: $1 did not resolve ($DETAIL)"
  fi
}

${checks.join('\n')}

if [ "$failures" -gt 0 ]; then
  echo "NETWORK POLICY PROBE FAILED (namespace $NAMESPACE): $failures of $checks checks differ from the declared isolation" >&2
  exit 1
fi
echo "network policy probe passed (namespace $NAMESPACE): all $checks checks as declared"
`;
}
