/**
 * Generates src/test-state/mock-validation/service-shapes.generated.ts: the output shapes of the
 * service operations TestState's mock validation knows, taken from AWS's service models as
 * botocore ships them (data/<service>/<version>/service-2.json[.gz]). Those models carry what
 * the check needs: member types, required members, length and range limits, enum values (the
 * JavaScript SDK v3's bundled schemas keep types only). Build-time only, outside src.
 * Run by `npm run generate:service-shapes`; service-shapes.generated.test.ts fails when stale.
 * To cover another operation, add it to SERVICE_OPERATIONS and run the script again.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import type { Shape, ServiceShapeTable } from '../src/test-state/mock-validation/shape-types.js';

/** The operations whose output shapes the bundled table holds, by botocore service name. */
export const SERVICE_OPERATIONS: Record<string, readonly string[]> = {
  dynamodb: ['DeleteItem', 'GetItem', 'PutItem', 'UpdateItem'],
  events: ['PutEvents'],
  kms: ['Decrypt', 'Encrypt'],
  lambda: ['GetFunction', 'Invoke'],
  s3: ['GetObject', 'PutObject'],
  sns: ['Publish'],
  sqs: ['SendMessage'],
  stepfunctions: ['DescribeExecution', 'StartExecution', 'StartSyncExecution'],
};

export const GENERATED_SHAPES_FILE = 'service-shapes.generated.ts';

interface ModelShape {
  type: string;
  members?: Record<string, { shape: string }>;
  required?: string[];
  member?: { shape: string };
  value?: { shape: string };
  min?: number;
  max?: number;
  enum?: string[];
}
interface ServiceModel {
  metadata: { apiVersion: string };
  operations: Record<string, { output?: { shape: string } }>;
  shapes: Record<string, ModelShape>;
}

/** botocore's data folder, from the Python package on this machine, or `undefined`. */
export function findBotocoreData(): string | undefined {
  try {
    const dir = execFileSync(
      'python3',
      ['-c', 'import botocore, os; print(os.path.join(os.path.dirname(botocore.__file__), "data"))'],
      { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] },
    ).trim();
    return existsSync(dir) ? dir : undefined;
  } catch {
    return undefined;
  }
}

/** The newest model of `service` in botocore's data folder. */
export function readServiceModel(dataDir: string, service: string): ServiceModel {
  const versions = readdirSync(join(dataDir, service)).sort();
  const dir = join(dataDir, service, versions[versions.length - 1]!);
  const plain = join(dir, 'service-2.json');
  const text = existsSync(plain)
    ? readFileSync(plain, 'utf8')
    : gunzipSync(readFileSync(`${plain}.gz`)).toString('utf8');
  return JSON.parse(text) as ServiceModel;
}

/** Step Functions returns every member name with its first letter upper case (`executionArn` → `ExecutionArn`). */
const stepFunctionsName = (name: string): string => name.charAt(0).toUpperCase() + name.slice(1);

/** The compact table of `operations`' output shapes, holding only the shapes they reach. */
export function buildShapeTable(model: ServiceModel, operations: readonly string[]): ServiceShapeTable {
  const shapes: Record<string, Shape> = {};
  const table: Record<string, string> = {};
  const visit = (name: string): void => {
    if (name in shapes) return;
    const shape = model.shapes[name];
    if (!shape) throw new Error(`shape ${name} is not in the model`);
    const limits = {
      ...(shape.min === undefined ? {} : { min: shape.min }),
      ...(shape.max === undefined ? {} : { max: shape.max }),
    };
    switch (shape.type) {
      case 'string':
        shapes[name] = { t: 'string', ...limits, ...(shape.enum ? { enum: shape.enum } : {}) };
        return;
      case 'blob':
      case 'timestamp':
        shapes[name] = { t: shape.type, ...limits };
        return;
      case 'integer':
      case 'long':
      case 'float':
      case 'double':
        shapes[name] = { t: shape.type, ...limits };
        return;
      case 'boolean':
        shapes[name] = { t: 'boolean' };
        return;
      case 'list':
        shapes[name] = { t: 'list', member: shape.member!.shape, ...limits };
        visit(shape.member!.shape);
        return;
      case 'map':
        shapes[name] = { t: 'map', value: shape.value!.shape };
        visit(shape.value!.shape);
        return;
      case 'structure': {
        const members: Record<string, string> = {};
        shapes[name] = {
          t: 'structure',
          members,
          ...(shape.required?.length ? { required: shape.required.map(stepFunctionsName) } : {}),
        };
        for (const [member, ref] of Object.entries(shape.members ?? {})) {
          members[stepFunctionsName(member)] = ref.shape;
          visit(ref.shape);
        }
        return;
      }
      default:
        throw new Error(`shape ${name} has a type this table does not know: ${shape.type}`);
    }
  };
  for (const operation of operations) {
    const output = model.operations[operation]?.output?.shape;
    if (!output) throw new Error(`operation ${operation} has no output shape in the model`);
    table[operation] = output;
    visit(output);
  }
  return { operations: table, shapes };
}

/** The generated module's text. */
export function generateServiceShapesSource(dataDir: string): string {
  const services: Record<string, ServiceShapeTable> = {};
  const versions: string[] = [];
  for (const [service, operations] of Object.entries(SERVICE_OPERATIONS)) {
    const model = readServiceModel(dataDir, service);
    versions.push(`${service} ${model.metadata.apiVersion}`);
    services[service] = buildShapeTable(model, operations);
  }
  return `// Generated by \`npm run generate:service-shapes\` from AWS's service models as botocore ships them
// (${versions.join(', ')}); see packages/core/scripts/generate-service-shapes.ts. Do not edit.
import type { ServiceShapes } from './shape-types.js';

export const SERVICE_SHAPES: ServiceShapes = ${JSON.stringify(services)};
`;
}
