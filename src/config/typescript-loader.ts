import { rm, writeFile } from 'node:fs/promises';
import { pathToFileURL } from 'node:url';

/**
 * Loads a TypeScript config file on Node 20 without asking the user to install anything.
 * cosmiconfig's own TS loader needs the `typescript` package's JavaScript API, which TypeScript 7
 * no longer has; ts-morph bundles a compiler that does. The file is transpiled (types removed,
 * nothing checked) to an ES module beside the original, so its relative imports still resolve,
 * imported, and removed again.
 */
export async function loadTypeScriptConfig(filepath: string, content: string): Promise<unknown> {
  const { ts } = await import('ts-morph');
  const { outputText } = ts.transpileModule(content, {
    fileName: filepath,
    compilerOptions: { module: ts.ModuleKind.ESNext, target: ts.ScriptTarget.ES2022, verbatimModuleSyntax: false },
  });
  const compiled = `${filepath}.${process.pid}.${Date.now()}.mjs`;
  await writeFile(compiled, outputText);
  try {
    const module = (await import(pathToFileURL(compiled).href)) as { default?: unknown };
    return module.default ?? module;
  } finally {
    await rm(compiled, { force: true });
  }
}
