/**
 * Terraform's JSON output, `terraform show -json` of a plan or of the state: every
 * `aws_sfn_state_machine` in the root module and its child modules, addressed as Terraform
 * addresses it (`module.orders.aws_sfn_state_machine.flow`). The definition is the string
 * Terraform computed (`templatefile()` already applied); in a plan it may be unknown until apply,
 * which is a problem that says so. Resources are named by address, so mocks can use
 * `aws_lambda_function.charge`.
 */
import { objectDefinition, textDefinition } from './definition-build.js';
import { givenSubstitutions } from './definition-substitutions.js';
import { pseudoParameters } from './pseudo-parameters.js';
import type { SourceDocument } from './source-document.js';
import { literalText, placeOf } from './traced-text.js';
import { TemplateError } from './template-problem.js';
import type { MachineSet, TemplateFunction, TemplateMachine, TemplateResource } from './template-machine.js';
import type { TemplateOptions } from './template-options.js';
import { fieldText, isFields, type Fields } from './fields.js';

/** True for the JSON `terraform show -json` prints. */
export const isTerraformJson = (value: unknown): boolean =>
  isFields(value) &&
  typeof value['format_version'] === 'string' &&
  (isFields(value['values']) || isFields(value['planned_values']));

interface FoundResource {
  address: string;
  type: string;
  values: Fields;
  pointer: string;
}

/** Every managed resource of a module and its children, with its JSON pointer. */
function moduleResources(module: unknown, pointer: string): FoundResource[] {
  if (!isFields(module)) return [];
  const found: FoundResource[] = [];
  const resources = Array.isArray(module['resources']) ? module['resources'] : [];
  resources.forEach((resource, i) => {
    if (!isFields(resource) || resource['mode'] === 'data') return;
    found.push({
      address: String(resource['address']),
      type: String(resource['type']),
      values: isFields(resource['values']) ? resource['values'] : {},
      pointer: `${pointer}/resources/${i}`,
    });
  });
  const children = Array.isArray(module['child_modules']) ? module['child_modules'] : [];
  children.forEach((child, i) => found.push(...moduleResources(child, `${pointer}/child_modules/${i}`)));
  return found;
}

export function loadTerraform(document: SourceDocument, options: TemplateOptions): MachineSet {
  const root = document.value as Fields;
  const plan = isFields(root['planned_values']);
  const base = plan ? '/planned_values/root_module' : '/values/root_module';
  const found = moduleResources(
    plan ? (root['planned_values'] as Fields)['root_module'] : (root['values'] as Fields)['root_module'],
    base,
  );
  const pseudo = pseudoParameters(options, 'terraform');
  const unknown = unknownAfterApply(root);
  const arnOf = (resource: FoundResource, service: string, kind: string, nameKey: string): string => {
    const arn = resource.values['arn'];
    const name = resource.values[nameKey];
    return typeof arn === 'string'
      ? arn
      : `arn:${pseudo.partition}:${service}:${pseudo.region}:${pseudo.accountId}:${kind}:${fieldText(name, resource.address)}`;
  };
  const resources: TemplateResource[] = found.map((resource) => {
    const values = ['arn', 'url', 'id', 'name', 'function_name']
      .map((key) => resource.values[key])
      .filter((value): value is string => typeof value === 'string' && value !== '');
    if (resource.type === 'aws_lambda_function') values.unshift(arnOf(resource, 'lambda', 'function', 'function_name'));
    return { id: resource.address, type: resource.type, values: [...new Set(values)] };
  });
  const functions: TemplateFunction[] = found
    .filter((resource) => resource.type === 'aws_lambda_function')
    .map((resource) => {
      const v = resource.values;
      const environment =
        Array.isArray(v['environment']) && isFields(v['environment'][0]) ? v['environment'][0]['variables'] : undefined;
      return {
        id: resource.address,
        name: fieldText(v['function_name'], resource.address),
        arn: arnOf(resource, 'lambda', 'function', 'function_name'),
        ...(typeof v['runtime'] === 'string' ? { runtime: v['runtime'] } : {}),
        ...(typeof v['handler'] === 'string' ? { handler: v['handler'] } : {}),
        timeoutSeconds: Number(v['timeout'] ?? 3),
        memoryLimitInMB: Number(v['memory_size'] ?? 128),
        environment: isFields(environment)
          ? Object.fromEntries(Object.entries(environment).map(([k, x]) => [k, String(x)]))
          : {},
        place: placeOf(document, resource.pointer),
        unavailable:
          'Terraform deploys it from a zip package (filename, s3_key or image); --handlers auto runs code from a directory',
      };
    });
  const machines: TemplateMachine[] = found
    .filter((resource) => resource.type === 'aws_sfn_state_machine')
    .map((resource) => {
      const name = fieldText(resource.values['name'], resource.address.split('.').pop() ?? resource.address);
      const type = resource.values['type'];
      const role = resource.values['role_arn'];
      let built: ReturnType<TemplateMachine['definition']> | undefined;
      return {
        id: resource.address,
        name,
        arn:
          typeof resource.values['arn'] === 'string'
            ? resource.values['arn']
            : `arn:${pseudo.partition}:states:${pseudo.region}:${pseudo.accountId}:stateMachine:${name}`,
        ...(typeof type === 'string' && /^(STANDARD|EXPRESS)$/i.test(type)
          ? { type: type.toUpperCase() as 'STANDARD' | 'EXPRESS' }
          : {}),
        ...(typeof role === 'string' ? { roleArn: role } : {}),
        place: placeOf(document, resource.pointer),
        definition: () => (built ??= terraformDefinition(document, resource, unknown.has(resource.address), options)),
        resources,
        functions,
      };
    });
  return { kind: 'terraform', file: document.file, machines };
}

/** Addresses whose `definition` a plan knows only after apply (`after_unknown`). */
function unknownAfterApply(root: Fields): Set<string> {
  const changes = Array.isArray(root['resource_changes']) ? root['resource_changes'] : [];
  const addresses = new Set<string>();
  for (const change of changes) {
    const after = isFields(change) && isFields(change['change']) ? change['change']['after_unknown'] : undefined;
    if (isFields(after) && after['definition'] === true) addresses.add(String((change as Fields)['address']));
  }
  return addresses;
}

function terraformDefinition(
  document: SourceDocument,
  resource: FoundResource,
  unknown: boolean,
  options: TemplateOptions,
) {
  const pointer = `${resource.pointer}/values/definition`;
  const definition = resource.values['definition'];
  const substitutions = givenSubstitutions(options.substitutions ?? {}, placeOf(document, pointer));
  if (typeof definition === 'string')
    return textDefinition(
      literalText(definition, document, pointer),
      substitutions,
      placeOf(document, pointer),
      document.file,
    );
  if (isFields(definition)) return objectDefinition(definition, document, pointer, substitutions, { sort: false });
  throw new TemplateError([
    {
      ...placeOf(document, resource.pointer),
      message: unknown
        ? `${resource.address}: the definition is known only after apply (it uses values of resources not created yet); run 'terraform show -json' on the state, or load the definition file with --substitutions`
        : `${resource.address} has no definition`,
    },
  ]);
}
