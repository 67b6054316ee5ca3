/** Where commands read and write the snapshot unless told otherwise. */
export const DEFAULT_SNAPSHOT = '.crudgen/snapshot.json';
