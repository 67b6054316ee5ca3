import { CrudgenError } from './errors/crudgen-error.js';

/**
 * Imports a database driver on first use. Drivers are optional peer dependencies: a project
 * installs only the one it needs, and a missing one is reported with the command that fixes it.
 */
export async function loadDriver<T>(packageName: string, importer: () => Promise<T>): Promise<T> {
  try {
    return await importer();
  } catch (error) {
    const code = (error as { code?: unknown }).code;
    if (code === 'ERR_MODULE_NOT_FOUND' || code === 'MODULE_NOT_FOUND') {
      throw new CrudgenError('DRIVER_MISSING', `The database driver "${packageName}" is not installed.`, {
        cause: error,
        details: { package: packageName },
        hint: `Run: npm i ${packageName}`,
      });
    }
    throw error;
  }
}
