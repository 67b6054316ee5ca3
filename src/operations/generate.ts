import type { ConfigSettings } from '../config/schema.js';
import { planGeneration, type GenerationPlan } from '../generate/plan.js';
import { GENERATED_MARKER, type GeneratedFile } from '../generate/writer.js';
import type { Snapshot } from '../snapshot/version.js';
import { renderDbTypes } from '../../templates/db-types.js';

export interface GenerateResult {
  readonly plan: GenerationPlan;
  readonly files: readonly GeneratedFile[];
}

/** The header every generated file starts with: what made it and how to make it again; no dates, no paths. */
function header(): string {
  return `${GENERATED_MARKER} from the database schema. Do not edit: run \`crudgen generate\` to regenerate.`;
}

/** Plans and renders the generated files for a snapshot; writes nothing. */
export function generate(snapshot: Snapshot, settings: ConfigSettings = {}): GenerateResult {
  const plan = planGeneration(snapshot, settings);
  return { plan, files: [{ path: 'db.ts', content: renderDbTypes(plan, header()) }] };
}
