import { CONTROLS, Control } from '../../controls/catalogue';

/**
 * NIST SP 800-53 Rev. 5 control ids as OSCAL writes them: `AC-6` is `ac-6`, the enhancement `AC-2(1)` is
 * `ac-2.1` (the ids of NIST's OSCAL catalogue). HIPAA citations such as `164.312(a)(2)(iv)` are not valid
 * OSCAL tokens, so documents carry them as `hipaa-citation` properties of the NIST controls.
 */
export function oscalControlId(nistId: string): string {
  const m = /^([A-Z]{2})-(\d+)(?:\((\d+)\))?$/.exec(nistId);
  if (!m) throw new Error(`'${nistId}' is not a NIST SP 800-53 control id (expected e.g. AC-6 or AC-2(1))`);
  return `${m[1].toLowerCase()}-${m[2]}${m[3] ? `.${m[3]}` : ''}`;
}

/** A HIPAA citation as an OSCAL token: `164.312(a)(2)(iv)` is `hipaa-164.312.a.2.iv`. */
export function hipaaControlToken(citation: string): string {
  return `hipaa-${citation.replace(/\(([^)]+)\)/g, '.$1')}`;
}

/** Orders OSCAL control ids the way catalogues list them: family, then number, then enhancement. */
export function compareControlIds(a: string, b: string): number {
  const [fa, na, ea] = splitId(a);
  const [fb, nb, eb] = splitId(b);
  return fa < fb ? -1 : fa > fb ? 1 : na - nb || ea - eb;
}

function splitId(id: string): [string, number, number] {
  const m = /^([a-z]+)-(\d+)(?:\.(\d+))?$/.exec(id);
  return m ? [m[1], Number(m[2]), Number(m[3] ?? 0)] : [id, 0, 0];
}

/**
 * The NIST controls (OSCAL ids, catalogue order) of HIPAA citations, each with the citations that
 * relate to it (catalogue order).
 */
export function nistControlsOf(citations: Iterable<string>): Map<string, Control[]> {
  const wanted = new Set(citations);
  const byNist = new Map<string, Control[]>();
  for (const control of Object.values(CONTROLS) as Control[]) {
    if (!wanted.has(control.id)) continue;
    for (const nist of control.nist80053) {
      const id = oscalControlId(nist);
      const list = byNist.get(id);
      if (!list) byNist.set(id, [control]);
      else if (!list.includes(control)) list.push(control);
    }
  }
  return new Map([...byNist.entries()].sort(([a], [b]) => compareControlIds(a, b)));
}
