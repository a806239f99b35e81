import { readFileSync } from 'fs';
import { join } from 'path';
import { parseManifests } from '../../lib/check/manifests';
import type { Resource } from '../../lib/check/resource';

/** The objects of a fixture file in test/flows/fixtures. */
export function fixture(name: string): Resource[] {
  const file = join(__dirname, 'fixtures', name);
  return parseManifests(readFileSync(file, 'utf8'), `test/flows/fixtures/${name}`);
}

/** The clinic app and the rest of the estate, together. */
export function estate(): Resource[] {
  return [...fixture('clinic.yaml'), ...fixture('estate.yaml')];
}
