import { renderCliReference } from './cli-reference.js';
import { renderConfigReference } from './config-reference.js';
import { renderErrorReference } from './error-reference.js';

/** The reference pages rendered from the code: `npm run docs` writes them, a unit test compares them. */
export const REFERENCE_PAGES: ReadonlyArray<{ readonly file: string; readonly render: () => string }> = [
  { file: 'docs/cli.md', render: renderCliReference },
  { file: 'docs/configuration.md', render: renderConfigReference },
  { file: 'docs/errors.md', render: renderErrorReference },
];
