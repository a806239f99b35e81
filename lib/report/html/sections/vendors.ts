import type { Vendor, VendorMatchers } from '../../../baa/baa-register';
import { EXTERNAL_NODE_KINDS, FlowNode } from '../../../flows/flow-graph';
import { HtmlContext, safeId } from '../context';
import { html, Html } from '../escape';
import { code, expiry, status } from '../parts';
import { nodeName } from './flows';

const MATCHERS: readonly (readonly [keyof VendorMatchers, string])[] = [
  ['cidrs', 'CIDRs'], ['hosts', 'hosts'], ['registries', 'registries'], ['buckets', 'buckets'],
  ['logDestinations', 'log destinations'], ['secretStores', 'secret stores'], ['accounts', 'accounts'],
];

/** Section 4: the vendors of the BAA register, their BAAs, and which destinations of the data-flow graph resolved to each. */
export function vendorsSection(ctx: HtmlContext): Html {
  const register = ctx.meta.baaRegister;
  if (!register) {
    return html`<section id="vendors" aria-labelledby="vendors-h">
<h2 id="vendors-h">4. Vendors and Business Associate Agreements</h2>
<p>${status('NOT CHECKED')} No BAA register was given, so the BAA rules (164.308(b)(1), 164.314(a)(1)) did not run: nothing here shows that the vendors who can receive PHI have signed BAAs.</p>
</section>`;
  }
  const now = ctx.meta.generatedAt;
  // The internet only as the clients' source of ingress receives nothing: it is no destination.
  const targets = new Set((ctx.meta.flowGraph?.edges ?? []).map((e) => e.to));
  const external = (ctx.meta.flowGraph?.nodes ?? []).filter((n) => EXTERNAL_NODE_KINDS.includes(n.kind) && (n.kind !== 'internet' || targets.has(n.id)));
  const byVendor = new Map<string, FlowNode[]>();
  const unregistered: FlowNode[] = [];
  for (const n of external) {
    if (n.vendor?.vendorId) {
      const list = byVendor.get(n.vendor.vendorId) ?? [];
      list.push(n);
      byVendor.set(n.vendor.vendorId, list);
    } else if (n.vendor?.status === 'unregistered') {unregistered.push(n);}
  }
  return html`<section id="vendors" aria-labelledby="vendors-h">
<h2 id="vendors-h">4. Vendors and Business Associate Agreements</h2>
<p>From the BAA register${register.file && html` ${code(register.file)}`}${register.sha256 && html` (SHA-256 <code class="hash">${register.sha256}</code>)`}: ${register.vendors.length} ${register.vendors.length === 1 ? 'vendor' : 'vendors'}.${register.internal.cidrs.length + register.internal.hosts.length > 0 && html` The organisation's own network (no BAA needed): ${[...register.internal.cidrs, ...register.internal.hosts].map((x, i) => html`${i > 0 && ', '}${code(x)}`)}.`}</p>
<div class="scroll">
<table class="vendors">
<caption>Vendors</caption>
<thead><tr><th scope="col">Vendor</th><th scope="col">Services</th><th scope="col">Matches</th><th scope="col">BAA</th><th scope="col">Signed</th><th scope="col">Expires</th><th scope="col">Review by</th><th scope="col">Reference</th><th scope="col">Destinations in the flows</th></tr></thead>
<tbody>
${register.vendors.map((v) => vendorRow(v, byVendor.get(v.id) ?? [], now))}
</tbody>
</table>
</div>
${!ctx.meta.flowGraph
  ? html`<p>No data-flow graph was given, so no destination was matched against the register.</p>`
  : unregistered.length > 0
    ? html`<h3>Destinations no vendor of the register matches</h3>
<ul>${unregistered.map((n) => html`<li>${status('UNREGISTERED')} ${nodeName(n)}${n.destination && html`: ${n.destination.type} ${code(n.destination.value)}`}</li>`)}</ul>`
    : html`<p>Every external destination of the data-flow graph resolved to a vendor or to the organisation's own network.</p>`}
</section>`;
}

function vendorRow(v: Vendor, destinations: readonly FlowNode[], now: Date | undefined): Html {
  const matchers = MATCHERS.filter(([k]) => (v.match[k]?.length ?? 0) > 0);
  return html`<tr id="vendor-${safeId(v.id)}"><th scope="row">${v.name ?? v.id}${v.name && html` <span class="facts">(${v.id})</span>`}${v.provider && html`<br><span class="facts">provider ${v.provider}</span>`}</th>
<td>${v.services && v.services.length > 0 ? v.services.join(', ') : '—'}</td>
<td>${matchers.length === 0 ? '—' : html`<ul class="plain">${matchers.map(([k, label]) => html`<li>${label}: ${v.match[k]!.map((x, i) => html`${i > 0 && ', '}${code(x)}`)}</li>`)}</ul>`}</td>
<td>${status(v.baa.status.toUpperCase())}${v.baa.scope && html`<br>${v.baa.scope}`}</td>
<td>${v.baa.signed ?? '—'}</td><td>${expiry(v.baa.expires, now)}</td><td>${expiry(v.baa.reviewBy, now)}</td><td>${v.baa.ref ?? '—'}</td>
<td>${destinations.length === 0 ? 'none in the flows' : html`<ul class="plain">${destinations.map((n) => html`<li>${nodeName(n)}${n.vendor && html` ${status(n.vendor.status.toUpperCase())}`}</li>`)}</ul>`}</td></tr>
`;
}
