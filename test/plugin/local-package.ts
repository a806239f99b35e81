/**
 * The package as the cdk8s CLI loads a local plugin: a directory with a package.json whose `main`
 * is the compiled root entry. Built here by transpiling, file by file (TypeScript's transpileModule,
 * the tsconfig's module and target), the files the root entry requires, directly or lazily, and
 * nothing else: the same JavaScript `tsc` emits, in seconds rather than the minute and more a
 * type-checking build of all of lib/ takes on a shared machine (the type check is the suite's own,
 * `tsc --noEmit -p test/tsconfig.json`). A file the entry requires that is left out would fail the load.
 */
import * as fs from 'fs';
import * as path from 'path';
import * as ts from 'typescript';

export const REPO = path.join(__dirname, '..', '..');

/**
 * Builds the package into `dir` (dist/, package.json) with its dependencies from the repository's node_modules:
 * the files `entries` (paths under lib/; the root entry by default) require, directly, lazily or by `require.resolve`.
 */
export function buildLocalPackage(dir: string, entries: readonly string[] = ['index.ts']): { readonly name: string; readonly version: string; readonly files: number } {
  const pkg = JSON.parse(fs.readFileSync(path.join(REPO, 'package.json'), 'utf8')) as { name: string; version: string; main: string };
  const lib = path.join(REPO, 'lib');
  const out = path.join(dir, 'dist');
  const options: ts.CompilerOptions = {
    module: ts.ModuleKind.CommonJS, target: ts.ScriptTarget.ES2022, esModuleInterop: true, experimentalDecorators: true,
  };
  const done = new Set<string>();
  const todo = entries.map((e) => path.join(lib, e));
  while (todo.length > 0) {
    const file = todo.pop()!;
    if (done.has(file)) continue;
    done.add(file);
    const { outputText } = ts.transpileModule(fs.readFileSync(file, 'utf8'), { compilerOptions: options, fileName: file });
    const target = path.join(out, path.relative(lib, file).replace(/\.ts$/, '.js'));
    fs.mkdirSync(path.dirname(target), { recursive: true });
    fs.writeFileSync(target, outputText);
    for (const m of outputText.matchAll(/require(?:\.resolve)?\(["'](\.{1,2}\/[^"']*)["']\)/g)) {
      const base = path.resolve(path.dirname(file), m[1]);
      const found = [`${base}.ts`, path.join(base, 'index.ts')].find((f) => fs.existsSync(f));
      if (found) todo.push(found);
      else if (fs.existsSync(base)) fs.copyFileSync(base, path.join(path.dirname(target), m[1]));
    }
  }
  fs.writeFileSync(path.join(dir, 'package.json'), JSON.stringify({ name: pkg.name, version: pkg.version, main: pkg.main }, null, 2));
  fs.symlinkSync(path.join(REPO, 'node_modules'), path.join(dir, 'node_modules'), 'dir');
  return { name: pkg.name, version: pkg.version, files: done.size };
}
