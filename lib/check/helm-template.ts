/**
 * Telling an unrendered Helm template from a manifest. A chart's `templates/` files are Go
 * templates, not YAML: `{{ .Values.x }}` either breaks the YAML parser or parses as a nested
 * mapping, whose key a JavaScript parser turns into the text `[object Object]`. Either way the
 * user needs one message: render the chart first.
 */
import { ManifestError } from './manifest-error';
import type { YamlStream } from './manifests';

/** What the reader says about a file that looks like an unrendered Helm template. */
export const HELM_TEMPLATE_REASON = 'this looks like an unrendered Helm template: render it with `helm template` first';

/**
 * Template actions that only Helm writes: its built-in objects (`.Values`, `.Release`,
 * `.Chart`, `.Capabilities`, `.Files`, `.Template`, also through `$`) and its own functions
 * (`include`, `tpl`, `toYaml`, `required`, `lookup`). Other `{{ }}` text (Alertmanager or
 * Prometheus templates inside a ConfigMap) is legitimate in rendered output.
 */
const HELM_ACTION = /\{\{-?\s*(?:\$?\.(?:Values|Release|Chart|Capabilities|Files|Template)\b|(?:include|tpl|toYaml|required|lookup)\s)/;

/** The key a JavaScript YAML parser gives a mapping used as a key (`{{ $name }}`). */
const OBJECT_KEY = '[object Object]';

/**
 * A ManifestError when `text` looks like an unrendered Helm template, naming the line of the
 * first template action; undefined otherwise. Without `stream` (the text did not parse), any
 * `{{` makes it a template; with it, a Helm action or a mapping parsed as a key does.
 */
export function helmTemplateProblem(text: string, file: string, stream?: YamlStream): ManifestError | undefined {
  const braces = text.indexOf('{{');
  if (braces < 0) return undefined;
  let at = -1;
  if (stream === undefined) {
    at = braces;
  } else {
    const m = HELM_ACTION.exec(text);
    if (m) at = m.index;
    else if (stream.documents.some((d) => hasObjectKey(d.value, new Set()))) at = braces;
  }
  if (at < 0) return undefined;
  const line = lineOf(text, at);
  const action = text.slice(at, text.indexOf('\n', at) < 0 ? undefined : text.indexOf('\n', at)).trim();
  const shown = action.length > 60 ? `${action.slice(0, 57)}...` : action;
  return new ManifestError(file, line, `${HELM_TEMPLATE_REASON} (template text here: ${shown})`);
}

function hasObjectKey(value: unknown, seen: Set<object>): boolean {
  if (value === null || typeof value !== 'object' || seen.has(value)) return false;
  seen.add(value);
  if (Array.isArray(value)) return value.some((v) => hasObjectKey(v, seen));
  for (const key of Object.keys(value)) {
    if (key === OBJECT_KEY || hasObjectKey((value as Record<string, unknown>)[key], seen)) return true;
  }
  return false;
}

function lineOf(text: string, offset: number): number {
  let line = 1;
  for (let nl = text.indexOf('\n'); nl >= 0 && nl < offset; nl = text.indexOf('\n', nl + 1)) line++;
  return line;
}

/** Files that make a directory a Helm chart. */
export const HELM_CHART_FILES: readonly string[] = ['Chart.yaml', 'Chart.yml'];

/** What the reader says about a Helm chart directory found among the inputs. */
export function helmChartReason(dir: string): string {
  return `this is an unrendered Helm chart (it has Chart.yaml), not manifests: render it with \`helm template\` first, e.g. helm template <release> ${dir} | hipaa-check -`;
}
