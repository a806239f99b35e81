import { execFileSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { gitProvenance, withoutCredentials } from '../../lib/report/provenance';

let tmp: string;
beforeEach(() => {
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'hipaa-provenance-'));
});
afterEach(() => fs.rmSync(tmp, { recursive: true, force: true }));

function repo(): { dir: string; head: string } {
  const dir = path.join(tmp, 'repo');
  fs.mkdirSync(path.join(dir, 'sub'), { recursive: true });
  fs.writeFileSync(path.join(dir, 'sub', 'a.yaml'), 'kind: A\n');
  const git = (...args: string[]) => execFileSync('git', ['-c', 'user.name=t', '-c', 'user.email=t@example.com', ...args], { cwd: dir, encoding: 'utf8' }).trim();
  git('init', '-q', '-b', 'main');
  git('add', '.');
  git('commit', '-q', '-m', 'init');
  git('remote', 'add', 'origin', 'https://user:secret-token@example.com/acme/infra.git');
  return { dir, head: git('rev-parse', 'HEAD') };
}

describe('gitProvenance', () => {
  test('reads commit, branch, remote (without credentials) and dirty flag from a subdirectory', () => {
    const { dir, head } = repo();
    expect(gitProvenance(path.join(dir, 'sub'))).toEqual({ commit: head, dirty: false, branch: 'main', remote: 'https://example.com/acme/infra.git' });
    fs.writeFileSync(path.join(dir, 'new.yaml'), 'kind: B\n');
    expect(gitProvenance(dir)).toMatchObject({ commit: head, dirty: true });
  });

  test('without a git executable, reads HEAD from .git (dirty unknown)', () => {
    const { dir, head } = repo();
    const noGit = { gitExecutable: path.join(tmp, 'no-such-git') };
    expect(gitProvenance(path.join(dir, 'sub'), noGit)).toEqual({ commit: head, branch: 'main' });
    // with the branch in packed-refs only
    execFileSync('git', ['pack-refs', '--all'], { cwd: dir });
    expect(fs.existsSync(path.join(dir, '.git', 'refs', 'heads', 'main'))).toBe(false);
    expect(gitProvenance(dir, noGit)).toEqual({ commit: head, branch: 'main' });
    expect(gitProvenance(tmp, noGit)).toBeUndefined();
  });

  test('outside a repository: undefined, never an error', () => {
    expect(gitProvenance(tmp)).toBeUndefined();
  });

  test('withoutCredentials removes user and password from URLs only', () => {
    expect(withoutCredentials('https://u:p@example.com/x.git')).toBe('https://example.com/x.git');
    expect(withoutCredentials('git@example.com:acme/x.git')).toBe('git@example.com:acme/x.git');
  });
});
