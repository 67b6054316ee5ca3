/**
 * The programmatic API: the same operations as the CLI, returning values and throwing
 * `CrudgenError`s instead of printing and exiting.
 */
export { introspect, type IntrospectInput } from './operations/introspect.js';
export { diff, type DiffInput, type DiffSource } from './operations/diff.js';
export { diffSchemas } from './diff/diff-schemas.js';
export type { Change, ChangeKind, ObjectName } from './diff/changes.js';
export { DIFF_REPORT_VERSION, diffReport, type DiffReport } from './diff/report.js';
export { LEVELS, RULES, type Level, type RuleCode } from './diff/rules.js';
export { readSnapshot, parseSnapshot } from './snapshot/read.js';
export { writeSnapshot, serializeSnapshot } from './snapshot/write.js';
export { CURRENT_FORMAT_VERSION, type Snapshot } from './snapshot/version.js';
export { parseDatabaseUrl } from './runtime/connection-url.js';
export type { Capabilities } from './dialects/capabilities.js';
export type { ConnectionTarget, DialectName, IntrospectProgress, ServerInfo } from './dialects/dialect.js';
export type * from './schema/model.js';
export type { TypeFamily } from './schema/type-family.js';
export { WARNING_CODES, type Warning, type WarningCode } from './schema/warnings.js';
export { CrudgenError, isCrudgenError, ERROR_CODES, type ErrorCode } from './runtime/index.js';
export { defineConfig } from './config/define.js';
export { loadConfig, type LoadConfigInput, type LoadedConfig } from './config/load.js';
export type { ConfigFile, ConfigSettings, UserConfig } from './config/schema.js';
