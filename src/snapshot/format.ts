import { z } from 'zod';
import { capabilities } from '../dialects/capabilities.js';
import { schema } from '../schema/model.js';
import { WARNING_CODES, type Warning, type WarningCode } from '../schema/warnings.js';
import { CURRENT_FORMAT_VERSION, type Snapshot } from './version.js';

/**
 * The zod schema of the snapshot file, used when a snapshot is read back. Writing needs none of
 * it, so introspection does not pay for loading zod.
 */

const warning = z
  .strictObject({
    code: z.enum(Object.keys(WARNING_CODES) as [WarningCode, ...WarningCode[]]),
    object: z.string(),
    message: z.string(),
  })
  .readonly() satisfies z.ZodType<Warning>;

export const snapshot = z
  .strictObject({
    formatVersion: z.literal(CURRENT_FORMAT_VERSION),
    dialect: z.enum(['mysql', 'postgres', 'sqlite']),
    /** The server that was introspected, e.g. `{ flavour: 'mariadb', version: '10.11.19' }`. */
    server: z.strictObject({ flavour: z.string(), version: z.string() }).readonly(),
    capabilities,
    schema,
    warnings: z.array(warning).readonly().default([]),
  })
  .readonly() satisfies z.ZodType<Snapshot>;
