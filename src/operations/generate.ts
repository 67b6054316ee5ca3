import type { GenerationSettings } from '../config/schema.js';
import { planGeneration, type GenerationPlan } from '../generate/plan.js';
import { GENERATED_MARKER, type GeneratedFile } from '../generate/writer.js';
import type { Snapshot } from '../snapshot/version.js';
import { renderDbTypes } from '../../templates/db-types.js';
import { renderTableDescriptors } from '../../templates/table-descriptors.js';
import { renderIndex, renderRepository } from '../../templates/repositories.js';
import { renderValidators } from '../../templates/validators.js';
import { RUNTIME_COPY_MODULE, runtimeCopyFiles } from '../generate/runtime-copy.js';

/** Where generated code imports the runtime from: the package export, or the copy beside it. */
const RUNTIME_PACKAGE = 'crudgen/runtime';

export interface GenerateResult {
  readonly plan: GenerationPlan;
  readonly files: readonly GeneratedFile[];
}

/** The header every generated file starts with: what made it and how to make it again; no dates, no paths. */
function header(): string {
  return `${GENERATED_MARKER} from the database schema. Do not edit: run \`crudgen generate\` to regenerate.`;
}

/** Plans and renders the generated code for a snapshot; writes nothing. */
export function generate(snapshot: Snapshot, settings: GenerationSettings = {}): GenerateResult {
  const plan = planGeneration(snapshot, settings);
  return { plan, files: renderPlan(plan, settings) };
}

/** The generated files of a plan. */
export function renderPlan(plan: GenerationPlan, settings: GenerationSettings = {}): GeneratedFile[] {
  const runtimeModule = settings.output?.runtime === 'copy' ? RUNTIME_COPY_MODULE : RUNTIME_PACKAGE;
  return [
    { path: 'db.ts', content: renderDbTypes(plan, header()) },
    { path: 'tables.ts', content: renderTableDescriptors(plan, header(), runtimeModule) },
    { path: 'validators.ts', content: renderValidators(plan, header(), runtimeModule) },
    ...plan.tables.map((table) => ({ path: table.repository.file, content: renderRepository(table, header(), runtimeModule) })),
    { path: 'index.ts', content: renderIndex(plan, header(), runtimeModule) },
  ];
}

/** Everything `crudgen generate` writes: the generated code, plus the runtime's files with `runtime: "copy"`. */
export async function generateWithRuntime(snapshot: Snapshot, settings: GenerationSettings = {}): Promise<GenerateResult> {
  const result = generate(snapshot, settings);
  if (settings.output?.runtime !== 'copy') return result;
  return { ...result, files: [...result.files, ...(await runtimeCopyFiles(header()))] };
}
