import { CURRENT_CONFIG_VERSION, type UserConfig } from './schema.js';

/** Types a `crudgen.config.ts` file: `export default defineConfig({ … })`. */
export function defineConfig(config: UserConfig): UserConfig & { version: typeof CURRENT_CONFIG_VERSION } {
  return { ...config, version: CURRENT_CONFIG_VERSION };
}
