import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { REFERENCE_PAGES } from './pages.js';

// `npm run docs`: rewrites the reference pages, touching only those whose text changed.
const root = fileURLToPath(new URL('../../../', import.meta.url));
for (const { file, render } of REFERENCE_PAGES) {
  const path = join(root, file);
  const text = render();
  if (existsSync(path) && readFileSync(path, 'utf8') === text) {
    console.log(`${file}: unchanged`);
  } else {
    writeFileSync(path, text);
    console.log(`${file}: written`);
  }
}
