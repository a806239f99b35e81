import { FluentBitSection, forwarderConfig, LOCAL_OUTPUTS, tagMatches } from './fluent-bit-config';
import type { Rule } from '../../../check/rule';

/** Whether a lua FILTER runs on the records of `output`. */
function redacted(output: FluentBitSection, filters: readonly FluentBitSection[]): boolean {
  const outMatch = output.props.get('match');
  return filters.some((f) => {
    const m = f.props.get('match');
    if (m === undefined) return false;
    if (m === '*') return true;
    return outMatch !== undefined && output.props.get('match_regex') === undefined && tagMatches(m, outMatch);
  });
}

/** A log forwarder must redact PHI before it sends records off the node. */
export const logForwarderRedaction: Rule = {
  id: 'k8s-log-forwarder-redaction',
  title: 'A log forwarder must redact PHI before sending logs off the node',
  description:
    'Application and ingress logs hold PHI by accident (a patient\'s e-mail in an error message, a record number in a ' +
    'URL). A forwarder that ships them unchanged copies that PHI into log stores read by operators. For a recognized ' +
    'Fluent Bit forwarder (a ConfigMap mounted by a workload running a fluent-bit image; see the rule group for what is ' +
    'recognized) every [OUTPUT] that sends off the node needs a [FILTER] of Name lua (the filter that can replace ' +
    'substrings of a field) whose Match covers the output\'s Match (`*`, or a pattern matching the output\'s tag ' +
    'pattern; an output with Match_Regex needs a filter matching `*`). The content of the Lua script is not analysed.',
  severity: 'error',
  controls: ['164.312(b)', '164.308(a)(3)', '164.312(a)(1)'],
  kinds: ['ConfigMap'],
  fix:
    'Use AuditSink\'s forwarder (redaction filters for SSN, MRN, e-mail, phone and dates of birth by default), or add a ' +
    '[FILTER] Name lua with Match * and a script that replaces PHI patterns in every string field, before the outputs.',
  check(resource, ctx, report) {
    const config = forwarderConfig(resource, ctx);
    if (!config) return;
    const filters = config.sections.filter((s) => s.type === 'FILTER' && s.props.get('name')?.toLowerCase() === 'lua');
    for (const out of config.sections) {
      if (out.type !== 'OUTPUT') continue;
      const name = out.props.get('name')?.toLowerCase() ?? '';
      if (LOCAL_OUTPUTS.has(name) || redacted(out, filters)) continue;
      const match = out.props.get('match') ?? (out.props.get('match_regex') !== undefined ? `regex ${out.props.get('match_regex')}` : '(none)');
      report({
        path: `data[${JSON.stringify(out.key)}]`,
        message: `[OUTPUT] ${name || '(no Name)'} at line ${out.line} (Match ${match}) of the Fluent Bit configuration of ${config.mountedBy.join(', ')} sends records that no lua redaction [FILTER] has seen`,
      });
    }
  },
};
