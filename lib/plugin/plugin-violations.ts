import type { Cdk8sValidationViolation, Cdk8sViolatingResource } from './cdk8s-validation-contract';
import type { CheckResult } from '../check/engine';
import type { Finding } from '../check/finding';
import type { Resource } from '../check/resource';
import type { RuleInfo } from '../check/rule';
import type { InputProblem } from '../report/common';

/**
 * One violation per rule with open findings (neither waived nor baselined), in the pack's rule
 * order: `"<id> — <title> [<citations>]"`, the rule's description as the recommendation, and one
 * violating resource per object with a location per finding (`"<field path> (line N)"`).
 * `resourceName` is the object's `metadata.name` when no other checked object has that name (the
 * CLI then adds the construct path from the app's metadata, which is keyed by name only), else
 * `<kind> <namespace>/<name>` (which matches no metadata: an ambiguous name gets no construct path
 * rather than another object's).
 */
export function violationsOf(result: CheckResult, resources: readonly Resource[]): Cdk8sValidationViolation[] {
  const nameCounts = new Map<string, number>();
  for (const r of resources) nameCounts.set(r.name, (nameCounts.get(r.name) ?? 0) + 1);
  const byRule = new Map<string, Finding[]>();
  for (const f of result.unwaived) {
    const list = byRule.get(f.ruleId);
    if (list) list.push(f);
    else byRule.set(f.ruleId, [f]);
  }
  const rules = new Map<string, RuleInfo>(result.rules.map((r) => [r.id, r]));
  // The pack's order, then any rule the result does not list (sorted), so nothing is dropped.
  const ids = [...result.rules.map((r) => r.id).filter((id) => byRule.has(id)), ...[...byRule.keys()].filter((id) => !rules.has(id)).sort()];
  return ids.map((id) => {
    const findings = byRule.get(id)!;
    const first = findings[0];
    const rule = rules.get(id);
    const fixes = [...new Set(findings.map((f) => f.fix))];
    return {
      ruleName: `${id} — ${rule?.title ?? first.title} [${(rule?.controls ?? first.controls).join(', ')}]`,
      recommendation: rule?.description ?? first.message,
      fix: fixes.length === 1 ? fixes[0] : rule?.fix ?? fixes.join(' '),
      violatingResources: resourcesOf(findings, nameCounts),
    };
  });
}

function resourcesOf(findings: readonly Finding[], nameCounts: ReadonlyMap<string, number>): Cdk8sViolatingResource[] {
  const byObject = new Map<string, { resourceName: string; manifestPath: string; locations: string[] }>();
  for (const f of findings) {
    const r = f.resource;
    const file = f.source?.file ?? '';
    const key = `${r.kind}\u0000${r.namespace ?? ''}\u0000${r.name}\u0000${file}`;
    let entry = byObject.get(key);
    if (!entry) {
      const unique = (nameCounts.get(r.name) ?? 0) <= 1;
      entry = { resourceName: unique ? r.name : `${r.kind} ${r.namespace ? `${r.namespace}/` : ''}${r.name}`, manifestPath: file, locations: [] };
      byObject.set(key, entry);
    }
    entry.locations.push(`${f.path === '' ? '(the whole object)' : f.path}${f.source?.line !== undefined ? ` (line ${f.source.line})` : ''}`);
  }
  return [...byObject.values()];
}

/** One violation naming the input that could not be read (its objects were not checked). */
export function inputProblemViolation(problems: readonly InputProblem[]): Cdk8sValidationViolation {
  return {
    ruleName: 'unreadable-input — manifests that could not be read were not checked',
    recommendation: 'A manifest the check cannot read is not evidenced; the validation fails until every manifest is read.',
    fix: 'Fix the file at the line named (the app wrote something that is not a Kubernetes object in YAML).',
    violatingResources: groupByFile(problems),
  };
}

/** One violation naming the plugin's own files (waivers, baseline, BAA register) that could not be used. */
export function settingsProblemViolation(problems: readonly InputProblem[]): Cdk8sValidationViolation {
  return {
    ruleName: 'plugin-settings — a file named in cdk8s.yaml validations[].properties could not be used',
    recommendation: 'Nothing was checked: the waivers, baseline or BAA register the plugin was told to use could not be read.',
    fix: 'Fix the file at the line named, or its path in cdk8s.yaml (relative paths are resolved against the directory cdk8s runs in).',
    violatingResources: groupByFile(problems),
  };
}

/** One violation naming the report files that could not be rendered or written. */
export function reportProblemViolation(problems: readonly InputProblem[]): Cdk8sValidationViolation {
  return {
    ruleName: 'plugin-reports — a report file asked for in cdk8s.yaml could not be written',
    recommendation: 'Evidence that was asked for is missing; the validation fails until every report is written.',
    fix: 'Make reportDir a writable directory (relative paths are resolved against the directory cdk8s runs in), or leave the format out of formats.',
    violatingResources: groupByFile(problems),
  };
}

function groupByFile(problems: readonly InputProblem[]): Cdk8sViolatingResource[] {
  const byFile = new Map<string, string[]>();
  for (const p of problems) {
    const text = `${p.line !== undefined ? `line ${p.line}: ` : ''}${p.reason}`;
    const list = byFile.get(p.file);
    if (list) list.push(text);
    else byFile.set(p.file, [text]);
  }
  return [...byFile].map(([file, locations]) => ({ resourceName: file, manifestPath: file, locations }));
}
