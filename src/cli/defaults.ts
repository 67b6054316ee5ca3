/** Where commands read and write the snapshot unless told otherwise. */
export const DEFAULT_SNAPSHOT = '.crudgen/snapshot.json';

/** Where generated code goes unless the config's output.dir or --out says otherwise. */
export const DEFAULT_OUT = 'src/db';
