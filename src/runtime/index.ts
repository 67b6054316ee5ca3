/**
 * crudgen/runtime: what generated code imports. It depends on nothing else in crudgen, so it can
 * also be copied next to the generated files.
 */
export { ERROR_CODES, type ErrorCode } from './errors/codes.js';
export { CrudgenError, isCrudgenError, type CrudgenErrorOptions, type ErrorDetails } from './errors/crudgen-error.js';
export { redact, redactDeep } from './redact.js';
