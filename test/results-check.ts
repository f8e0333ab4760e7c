/**
 * A `Result` (lib/kernel/result.ts) must be looked at: an awaited use case whose Result is dropped
 * would let a refusal pass as a success. This finds every statement that computes a Result (or a
 * promise of one) and throws it away, in lib/ and test/.
 */
import ts from 'typescript';
import path from 'node:path';

function isResultType(t: ts.Type): boolean {
  const parts = t.isUnion() ? t.types : [t];
  return parts.some((p) => !!p.getProperty('refusal')) && parts.some((p) => !!p.getProperty('ok'));
}

/** `file:line: text` of each statement that drops a Result. */
export function droppedResults(program: ts.Program, include: (fileName: string) => boolean): string[] {
  const checker = program.getTypeChecker();
  const dropped = (e: ts.Expression): boolean => {
    const t = checker.getTypeAtLocation(e);
    return isResultType(t) || isResultType(checker.getAwaitedType(t) ?? t);
  };
  const found: string[] = [];
  for (const sf of program.getSourceFiles()) {
    if (sf.isDeclarationFile || !include(sf.fileName)) continue;
    const visit = (n: ts.Node) => {
      if (ts.isExpressionStatement(n)) {
        const e = ts.isAwaitExpression(n.expression) ? n.expression.expression : n.expression;
        // an assignment keeps its Result (`r = await retry()`): only a value computed and left is dropped
        const assigned = ts.isBinaryExpression(e) && e.operatorToken.kind === ts.SyntaxKind.EqualsToken;
        if (!assigned && dropped(e)) {
          const { line } = sf.getLineAndCharacterOfPosition(n.getStart(sf));
          found.push(`${sf.fileName}:${line + 1}: ${n.getText(sf).slice(0, 120)}`);
        }
      }
      ts.forEachChild(n, visit);
    };
    visit(sf);
  }
  return found;
}

/** The project's program, as `tsc -p .` builds it. */
export function projectProgram(root: string): ts.Program {
  const config = ts.getParsedCommandLineOfConfigFile(path.join(root, 'tsconfig.json'), {}, { ...ts.sys, onUnRecoverableConfigFileDiagnostic: (d) => { throw new Error(String(d.messageText)); } });
  if (!config) throw new Error('no tsconfig.json');
  return ts.createProgram(config.fileNames, config.options);
}
