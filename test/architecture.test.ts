import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { ESLint } from 'eslint';
import ts from 'typescript';
import { droppedResults, projectProgram } from './results-check';

/**
 * The layout's rules (lib/README.md) are enforced by the linter, which `npm test` runs. These tests
 * prove the rules bite: each forbidden import, linted as if it stood in the named file, is an error,
 * and each allowed one is not.
 */
const root = path.resolve(__dirname, '../..');
const eslint = new ESLint({ cwd: root });

async function errors(file: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath: path.join(root, file) });
  return result.messages.filter((m) => m.severity === 2).map((m) => `${m.ruleId}: ${m.message}`);
}

describe('architecture: module boundaries are lint errors', function () {
  this.timeout(60000);

  it('a module imports another module only through its index', async () => {
    const bad = await errors('lib/modules/finance/x.ts', "import { LedgerStore } from '../ledger/store';\nexport const x = LedgerStore;\n");
    assert.equal(bad.length, 1, bad.join('\n'));
    assert.match(bad[0], /no-restricted-imports/);
    assert.deepEqual(await errors('lib/modules/finance/x.ts', "import { LedgerService } from '../ledger';\nexport const x = LedgerService;\n"), []);
  });

  it('the composition root, the kernel and the host port do not reach into modules', async () => {
    assert.equal((await errors('lib/services.ts', "import { LedgerStore } from './modules/ledger/store';\nexport const x = LedgerStore;\n")).length, 1);
    assert.equal((await errors('lib/kernel/x.ts', "import { LedgerService } from '../modules/ledger';\nexport const x = LedgerService;\n")).length, 1);
    assert.equal((await errors('lib/host/x.ts', "import { LedgerService } from '../modules/ledger';\nexport const x = LedgerService;\n")).length, 1);
  });

  it('only lib/nodebb touches NodeBB', async () => {
    assert.equal((await errors('lib/modules/ledger/x.ts', "import { createNodebbHost } from '../../nodebb';\nexport const x = createNodebbHost;\n")).length, 1);
    const viaRequire = await errors('lib/modules/ledger/x.ts', "declare const nodebb: { require(m: string): unknown };\nexport const x = nodebb.require('./src/database');\n");
    assert.deepEqual(viaRequire.map((e) => e.split(':')[0]), ['no-restricted-syntax']);
  });

  it('domain rules are pure: no clock, no store', async () => {
    assert.equal((await errors('lib/modules/ledger/domain-x.ts', 'export const now = (): number => new Date().getTime();\n')).length, 1);
    assert.equal((await errors('lib/modules/ledger/domain-x.ts', "import { LedgerStore } from './store';\nexport const x = LedgerStore;\n")).length, 1);
  });

  it('only a module\'s store touches the database', async () => {
    const host = "import type { Host } from '../../host/index';\ndeclare const host: Host;\n";
    for (const code of [
      `${host}export const x = (): Promise<unknown> => host.db.getObject('k');\n`,
      "import type { Host } from '../../host/index';\nclass S { constructor(private readonly host: Host) {} get = () => this.host.db.getObject('k'); }\nexport const x = S;\n",
      `${host}const db = host.db;\nexport const x = db;\n`,
      `${host}const { db } = host;\nexport const x = db;\n`,
    ]) {
      const bad = await errors('lib/modules/finance/service-x.ts', code);
      assert.deepEqual(bad.map((e) => e.split(':')[0]), ['no-restricted-syntax'], code);
      assert.match(bad[0], /store/);
      // the same code is a module's store's business
      assert.deepEqual(await errors('lib/modules/finance/store-x.ts', code), [], code);
    }
    // handing the port to a store or a kernel mechanism is allowed
    assert.deepEqual(await errors('lib/modules/finance/service-x.ts', `${host}class Store { constructor(readonly d: unknown) {} }\nexport const x = new Store(host.db);\n`), []);
    // the rules of all of lib/ still hold in a module's files
    assert.equal((await errors('lib/modules/finance/service-x.ts', 'export const t = Date.now();\n')).length, 1);
  });

  it('every module has an index.ts, and nothing outside lib/modules/<m>/ imports its private files', () => {
    const modules = fs.readdirSync(path.join(root, 'lib/modules'));
    assert.ok(modules.length >= 8, modules.join());
    for (const m of modules) assert.ok(fs.existsSync(path.join(root, 'lib/modules', m, 'index.ts')), `lib/modules/${m}/index.ts`);
  });
});

describe('architecture: refusals are Results, and no Result is dropped', function () {
  this.timeout(120_000);

  it('no statement in lib/ or test/ awaits a use case and ignores its Result', () => {
    const found = droppedResults(projectProgram(root), (f) => f.startsWith(path.join(root, 'lib')) || f.startsWith(path.join(root, 'test')));
    assert.deepEqual(found, []);
  });

  it('the check bites: an awaited Result left unread is found, a read one is not', () => {
    const file = path.join(root, 'lib/modules/x/probe.ts');
    const code = [
      "import { ok, type Result } from '../../kernel/result';",
      'const use = async (): Promise<Result<number>> => ok(1);',
      'export async function dropped() { await use(); }',
      'export async function read() { const r = await use(); return r.ok; }',
      'export function fired() { use(); }',
      'export async function kept() { let r = await use(); r = await use(); return r; }',
    ].join('\n');
    const host = ts.createCompilerHost({ strict: true, target: ts.ScriptTarget.ES2022, module: ts.ModuleKind.CommonJS });
    const read = host.readFile.bind(host);
    host.readFile = (f) => (f === file ? code : read(f));
    const exists = host.fileExists.bind(host);
    host.fileExists = (f) => f === file || exists(f);
    const getSource = host.getSourceFile.bind(host);
    host.getSourceFile = (f, v) => (f === file ? ts.createSourceFile(f, code, v) : getSource(f, v));
    const program = ts.createProgram([file], { strict: true, target: ts.ScriptTarget.ES2022, module: ts.ModuleKind.CommonJS }, host);
    const found = droppedResults(program, (f) => f === file).map((l) => l.slice(file.length + 1));
    assert.deepEqual(found, ['3: await use();', '5: use();']);
  });
});
