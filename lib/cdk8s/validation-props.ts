/** Validation of `HipaaValidation.enable` settings: every problem at once, before any synth. */
import { InputProblems } from './input-problems';
import { REPORT_FORMATS } from '../report/formats';

const REPORT_FORMAT_NAMES: readonly string[] = REPORT_FORMATS;

/** Throws one Error listing every problem of the settings (nothing when they are fine or absent). */
export function validateHipaaValidationProps(where: string, props: unknown): void {
  if (props === undefined) return;
  const p = new InputProblems(where);
  if (!p.object(props, 'props', false)) return p.throwIfAny();
  if (p.list(props.allowedRegistries, 'allowedRegistries')) {
    props.allowedRegistries.forEach((entry, i) => {
      if (!p.string(entry, `allowedRegistries[${i}]`, false)) return;
      try {
        // Loaded only when registries are given: the cdk8s entry point defers rule modules.
        // eslint-disable-next-line @typescript-eslint/no-require-imports
        (require('../rules/k8s/workload/image-reference') as typeof import('../rules/k8s/workload/image-reference')).compileRegistryPattern(entry);
      } catch (e) {
        p.add('allowedRegistries', `${(e as Error).message} (k8s-image-registry).`);
      }
    });
  }
  if (p.string(props.kubernetesVersion, 'kubernetesVersion') && !/^1\.\d+$/.test(props.kubernetesVersion)) {
    p.add('kubernetesVersion', `'${props.kubernetesVersion}' is not a Kubernetes minor version; write it as '1.<minor>', e.g. '1.28'.`);
  }
  if (p.list(props.reportFormats, 'reportFormats')) {
    props.reportFormats.forEach((format, i) => {
      if (typeof format !== 'string' || !REPORT_FORMAT_NAMES.includes(format)) {
        p.add(`reportFormats[${i}]`, `${JSON.stringify(format)} is not a report format; use any of ${REPORT_FORMAT_NAMES.map((f) => `'${f}'`).join(', ')}.`);
      }
    });
  }
  for (const field of ['baaRegister', 'baseline'] as const) {
    if (p.string(props[field], field) && props[field].trim() === '') p.add(field, 'expected a file path (resolved against the working directory), got an empty string.');
  }
  // The waivers themselves are checked with maxWaiverMonths by validateWaiverProps (validation.ts).
  if (p.object(props.pack, 'pack') && !Array.isArray(props.pack.rules)) {
    p.add('pack.rules', 'expected the list of rules of a RulePack (e.g. kubernetesPack, or combinePacks(...)).');
  }
  p.throwIfAny();
}
