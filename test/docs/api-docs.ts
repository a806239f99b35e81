/**
 * Finds undocumented members of the public API's interfaces, with the TypeScript compiler API.
 *
 * For every interface exported from the given entry points (directly or through `export *`),
 * every property and method it has (its own and those it inherits from interfaces of this
 * package) must have a doc comment with a description, and every optional property must say what
 * happens when it is left out, with an `@default` (or `@defaultValue`) tag. Members inherited
 * from dependencies (cdk8s-plus, ...) are theirs to document and are not checked.
 *
 * Fast: dependencies are never parsed (their files read as empty), and no default library is
 * loaded; nothing is type-checked beyond resolving the exports.
 */
import * as path from 'path';
import * as ts from 'typescript';

export interface DocProblem {
  /** `Interface.member` where the member is declared. */
  readonly member: string;
  /** `lib/file.ts:line` of the member's declaration, relative to the root given. */
  readonly location: string;
  readonly problem: 'no doc comment' | 'optional property without @default';
}

export interface DocCheckOptions {
  /** Directory locations are reported relative to. */
  readonly root: string;
  /** Source text by absolute file name, read instead of the disk (for tests of this checker). */
  readonly files?: Readonly<Record<string, string>>;
}

const COMPILER_OPTIONS: ts.CompilerOptions = {
  target: ts.ScriptTarget.ES2022,
  module: ts.ModuleKind.CommonJS,
  moduleResolution: ts.ModuleResolutionKind.Node10,
  esModuleInterop: true,
  noLib: true,
  types: [],
  noEmit: true,
};

export interface DocCheckResult {
  /** Members checked (declarations of interface members in this package). */
  readonly checked: number;
  /** What is missing, in file and line order. */
  readonly problems: DocProblem[];
}

/** Checks the interfaces exported from `entryPoints` (absolute paths). */
export function checkApiDocs(entryPoints: readonly string[], options: DocCheckOptions): DocCheckResult {
  const host = ts.createCompilerHost(COMPILER_OPTIONS, true);
  const { getSourceFile, fileExists, readFile } = host;
  const files = options.files ?? {};
  host.fileExists = (f) => f in files || fileExists.call(host, f);
  host.readFile = (f) => files[f] ?? readFile.call(host, f);
  const dirs = new Set(Object.keys(files).map((f) => path.dirname(f)));
  const directoryExists = host.directoryExists;
  host.directoryExists = (d) => dirs.has(d) || (directoryExists?.call(host, d) ?? true);
  host.getSourceFile = (name, language, onError, create) => {
    if (name in files) return ts.createSourceFile(name, files[name], language, true);
    // Dependencies are not ours to check: skip parsing them (their types resolve to nothing).
    if (name.includes(`${path.sep}node_modules${path.sep}`) || name.includes('/node_modules/')) {
      return ts.createSourceFile(name, '', language);
    }
    return getSourceFile.call(host, name, language, onError, create);
  };
  const program = ts.createProgram([...entryPoints], COMPILER_OPTIONS, host);
  const checker = program.getTypeChecker();

  const problems = new Map<string, DocProblem>();
  const checked = new Set<ts.Node>();
  for (const entry of entryPoints) {
    const source = program.getSourceFile(entry);
    const module = source && checker.getSymbolAtLocation(source);
    if (!module) throw new Error(`cannot read the exports of ${entry}`);
    for (const exported of checker.getExportsOfModule(module)) {
      // eslint-disable-next-line no-bitwise -- symbol flags are a bit set
      const symbol = exported.flags & ts.SymbolFlags.Alias ? checker.getAliasedSymbol(exported) : exported;
      // eslint-disable-next-line no-bitwise
      if (!(symbol.flags & ts.SymbolFlags.Interface)) continue;
      const type = checker.getDeclaredTypeOfSymbol(symbol);
      for (const member of checker.getPropertiesOfType(type)) {
        for (const decl of member.declarations ?? []) {
          if (!ts.isPropertySignature(decl) && !ts.isMethodSignature(decl)) continue;
          const file = decl.getSourceFile();
          if (file.isDeclarationFile || file.fileName.includes('/node_modules/')) continue;
          checked.add(decl);
          const owner = ts.isInterfaceDeclaration(decl.parent) ? decl.parent.name.text : symbol.name;
          const line = file.getLineAndCharacterOfPosition(decl.getStart(file)).line + 1;
          const where = `${path.relative(options.root, file.fileName).split(path.sep).join('/')}:${line}`;
          const name = `${owner}.${member.name}`;
          const docs = ts.getJSDocCommentsAndTags(decl).filter(ts.isJSDoc);
          const described = docs.some((d) => (ts.getTextOfJSDocComment(d.comment) ?? '').trim() !== '');
          if (!described) {
            problems.set(`${where} doc`, { member: name, location: where, problem: 'no doc comment' });
          }
          const optional = ts.isPropertySignature(decl) && decl.questionToken !== undefined;
          const hasDefault = ts.getJSDocTags(decl).some((t) => t.tagName.text === 'default' || t.tagName.text === 'defaultValue');
          if (optional && !hasDefault) {
            problems.set(`${where} default`, { member: name, location: where, problem: 'optional property without @default' });
          }
        }
      }
    }
  }
  const sorted = [...problems.values()].sort((a, b) => compareLocations(a.location, b.location) || a.problem.localeCompare(b.problem));
  return { checked: checked.size, problems: sorted };
}

function compareLocations(a: string, b: string): number {
  const [fa, la] = splitLocation(a);
  const [fb, lb] = splitLocation(b);
  return fa < fb ? -1 : fa > fb ? 1 : la - lb;
}

function splitLocation(l: string): [string, number] {
  const i = l.lastIndexOf(':');
  return [l.slice(0, i), Number(l.slice(i + 1))];
}

/** `SecureDeploymentProps.replicas (lib/cdk8s/secure-deployment.ts:42): no doc comment`. */
export function formatProblem(p: DocProblem): string {
  return `${p.member} (${p.location}): ${p.problem}`;
}
