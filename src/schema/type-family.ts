// The families are shared with the runtime (table descriptors name them), which must stand alone.
export { TYPE_FAMILIES, type TypeFamily } from '../runtime/type-family.js';
