import { DAEMON_CONFIG } from '../../../check/docker/kinds';
import type { Rule } from '../../../check/rule';
import { daemonFile } from '../support/daemon-config';
import { remoteLoggingProblems } from '../support/daemon-logging';

/** Container logs go to a central store off the host, encrypted (CIS Docker Benchmark 2.13). */
export const daemonRemoteLogging: Rule = {
  id: 'docker-daemon-remote-logging',
  title: 'The Docker daemon must send container logs off the host, encrypted (awslogs, splunk over https, gcplogs, syslog over tcp+tls)',
  description:
    'Audit controls need activity records that survive the host and that whoever compromises it cannot rewrite. ' +
    'json-file, local and journald keep logs on the host; none discards them; gelf, fluentd and syslog over udp/tcp ' +
    'send them (and any PHI they contain) in plain text; an address on the host itself is a local agent whose ' +
    'forwarding this file cannot show. CIS rates central logging Level 2 (2.13); HIPAA audit controls and the ' +
    'six-year retention of evidence make it an error here. Tamper evidence and retention of the store itself (e.g. ' +
    'a key-encrypted CloudWatch log group) are platform evidence, not Docker configuration.',
  severity: 'error',
  controls: ['164.312(b)', '164.308(a)(1)(ii)(D)', '164.316(b)(2)(i)', '164.312(e)(2)(ii)'],
  kinds: [DAEMON_CONFIG],
  fix: 'Set "log-driver": "awslogs" with "log-opts": {"awslogs-group": "<group>", "awslogs-region": "<region>"} (or syslog with "syslog-address": "tcp+tls://<server>:6514", or splunk with an https splunk-url).',
  check(resource, _ctx, report) {
    for (const p of remoteLoggingProblems(resource.body['log-driver'], resource.body['log-opts'])) {
      report({ path: p.path, message: `${daemonFile(resource)} ${p.reason}` });
    }
  },
};
