/**
 * The runtime's interface version. Generated code imports the canary type of the version it was
 * generated for; a runtime of another version does not export it, so compiling fails with an error
 * that names `CrudgenRuntimeV1` instead of failing somewhere at run time.
 */
export const RUNTIME_VERSION = 1;

/** Imported (as a type) by generated code built for runtime version 1. */
export interface CrudgenRuntimeV1 {
  readonly runtimeVersion: typeof RUNTIME_VERSION;
}
