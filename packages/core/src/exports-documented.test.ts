// Every export of @virtlab/core carries a doc comment: students and lab authors read them in their editors.
import { fileURLToPath } from 'node:url';
import ts from 'typescript';
import { expect, it } from 'vitest';

it('every export of src/index.ts has a doc comment', () => {
  const index = fileURLToPath(new URL('./index.ts', import.meta.url));
  const program = ts.createProgram([index], {
    allowImportingTsExtensions: true,
    noEmit: true,
    module: ts.ModuleKind.NodeNext,
    moduleResolution: ts.ModuleResolutionKind.NodeNext,
    target: ts.ScriptTarget.ES2022,
    customConditions: ['source'],
  });
  const checker = program.getTypeChecker();
  const moduleSymbol = checker.getSymbolAtLocation(program.getSourceFile(index)!)!;
  const exports = checker.getExportsOfModule(moduleSymbol);
  const undocumented = exports
    .map((symbol) => (symbol.flags & ts.SymbolFlags.Alias ? checker.getAliasedSymbol(symbol) : symbol))
    .filter((symbol) => ts.displayPartsToString(symbol.getDocumentationComment(checker)).trim() === '')
    .map((symbol) => symbol.getName());
  expect(exports.length).toBeGreaterThan(100);
  expect(undocumented).toEqual([]);
}, 60_000);
