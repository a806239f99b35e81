import { baaRule, baaViolations } from './support/baa-rule';
import { destinationJudgement } from './support/destination-rule';

/** The logic of baa-image-registry as a pure function of (graph, register, object), for tests on hand-built graphs. */
export const imageRegistryViolations = baaViolations(destinationJudgement('registry'));

/** Images of PHI workloads come from registries of vendors with a BAA (a warning: images rarely hold PHI). */
export const imageRegistryRule = baaRule(
  {
    id: 'baa-image-registry',
    title: 'PHI workloads pull images only from registries of vendors with a BAA',
    description:
      'A registry that serves the images of PHI workloads sees which images they run and receives anything pushed with them (build context, debugging layers); when PHI can end up in an image or a registry operator can alter what PHI workloads run, the registry\'s vendor is a business associate (45 CFR 164.308(b)(1)). A warning: PHI is rarely in images, but the register should say whom the images come from.',
    severity: 'warning',
    controls: ['164.308(b)(1)', '164.314(a)(1)'],
    kinds: ['*'],
    fix: 'Register the registry\'s vendor in hipaa-baa.yaml (match: {registries: [...]}) with its BAA, or mirror the images into a registry of a vendor that has one.',
  },
  imageRegistryViolations,
);
