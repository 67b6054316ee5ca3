import type { GeneratedIdStrategy, IdStrategy } from '../table-descriptor.js';
import { cuid2, nanoid } from './short-ids.js';
import { ulidBytes, ulidText } from './ulid.js';
import { uuidText, uuidV4Bytes, uuidV7Bytes } from './uuid.js';

/** How many characters each generator's text ids take: the generator checks a column against it. */
export const GENERATED_ID_LENGTHS: Readonly<Record<GeneratedIdStrategy, number>> = { uuid_v7: 36, uuid_v4: 36, ulid: 26, cuid2: 24, nanoid: 21 };

const GENERATED: ReadonlySet<string> = new Set(Object.keys(GENERATED_ID_LENGTHS));

/** Whether the runtime makes the ids of this strategy (rather than the database or the caller). */
export function isGeneratedId(strategy: IdStrategy): strategy is GeneratedIdStrategy {
  return GENERATED.has(strategy);
}

/** A new id of the strategy: text, or with `bytes` the 16 bytes of a UUID or ULID as a Buffer. */
export function generateId(strategy: GeneratedIdStrategy, bytes: boolean): string | Buffer {
  switch (strategy) {
    case 'uuid_v7':
      return bytes ? Buffer.from(uuidV7Bytes()) : uuidText(uuidV7Bytes());
    case 'uuid_v4':
      return bytes ? Buffer.from(uuidV4Bytes()) : uuidText(uuidV4Bytes());
    case 'ulid':
      return bytes ? Buffer.from(ulidBytes()) : ulidText(ulidBytes());
    case 'cuid2':
      return cuid2();
    case 'nanoid':
      return nanoid();
  }
}
