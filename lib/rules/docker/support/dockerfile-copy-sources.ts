import type { DockerfileInstruction } from '../../../check/docker/dockerfile';
import { dockerWords } from '../../../check/docker/dockerfile-words';

/** The sources of a COPY or ADD (every argument but the destination), here-documents left out. */
export function copySources(ins: DockerfileInstruction, escape: string): string[] {
  const words = ins.json !== undefined ? [...ins.json] : dockerWords(ins.args, escape);
  return words.slice(0, -1).filter((w) => !/^<<-?["']?[A-Za-z0-9_.-]+["']?$/.test(w));
}
