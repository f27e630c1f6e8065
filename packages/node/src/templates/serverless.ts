/**
 * serverless.yml with the serverless-step-functions plugin: `stepFunctions.stateMachines`, each
 * definition inline or from `${file(…)}`, compiled as the plugin compiles it: Serverless variables
 * first, then each intrinsic (`Fn::GetAtt: [hello, Arn]` of a function of the service, `Ref`,
 * `Fn::Sub`) and each `#{AWS::Region}` put in as text (keys keep their order). Functions are named
 * `<service>-<stage>-<key>` unless they set `name`, and have the logical id `<Key>LambdaFunction`;
 * machines have `id` or `<Key>StepFunctionsStateMachine`.
 */
import { dirname, resolve } from 'node:path';
import { objectDefinition } from './definition-build.js';
import { givenSubstitutions } from './definition-substitutions.js';
import { intrinsicName, StackResolver } from './intrinsics.js';
import { pseudoParameters } from './pseudo-parameters.js';
import { guarded, ResolveProblem, segment } from './resolve-problem.js';
import { ServerlessVariables } from './serverless-variables.js';
import { templateDocument, type SourceDocument } from './source-document.js';
import { placeOf } from './traced-text.js';
import { formatTemplateProblem, TemplateError } from './template-problem.js';
import type { MachineSet, TemplateFunction, TemplateMachine, TemplateResource } from './template-machine.js';
import type { TemplateOptions } from './template-options.js';
import { readTextFile } from '../files/read-text-file.js';
import { displayPath } from '../files/display-path.js';
import { isFields, type Fields } from './fields.js';

/** The framework's normalized name: first letter upper case, `-` → `Dash`, `_` → `Underscore`. */
export const normalizeName = (name: string): string =>
  (name.charAt(0).toUpperCase() + name.slice(1)).replace(/-/g, 'Dash').replace(/_/g, 'Underscore');

/** True for a serverless.yml (by name, or by its `service` and `provider`). */
export function isServerlessFile(path: string, value: unknown): boolean {
  if (/(^|[\\/])serverless\.(ya?ml|json)$/i.test(path)) return true;
  return isFields(value) && 'service' in value && 'provider' in value;
}

export function loadServerless(document: SourceDocument, options: TemplateOptions): MachineSet {
  const root = isFields(document.value) ? document.value : {};
  const provisional = pseudoParameters(options, 'service');
  const variables = new ServerlessVariables({
    document,
    options: options.parameters ?? {},
    env: options.env ?? process.env,
    pseudo: provisional,
    ...(options.cwd === undefined ? {} : { cwd: options.cwd }),
  });
  const read = (pointer: string, node: unknown): unknown => guarded(() => variables.value(node, pointer));
  const service = read('/service', isFields(root['service']) ? root['service']['name'] : root['service']);
  const stage = guarded(() => variables.stage());
  const provider = isFields(root['provider']) ? root['provider'] : {};
  const region = options.region ?? (read('/provider/region', provider['region']) as string | undefined);
  const pseudo = pseudoParameters({ ...options, ...(region ? { region } : {}) }, `${String(service)}-${stage}`);

  // The CloudFormation the framework would make: functions, machines, and `resources.Resources`.
  const functionsNode = isFields(root['functions']) ? root['functions'] : {};
  const machinesNode =
    isFields(root['stepFunctions']) && isFields(root['stepFunctions']['stateMachines'])
      ? root['stepFunctions']['stateMachines']
      : {};
  const extra = isFields(root['resources']) ? root['resources'] : {};
  const resources: Fields = {
    ...(isFields(extra['Resources']) ? (read('/resources/Resources', extra['Resources']) as Fields) : {}),
  };
  const functionNames = new Map<string, string>();
  for (const key of Object.keys(functionsNode)) {
    const fn = functionsNode[key];
    const name =
      isFields(fn) && fn['name'] !== undefined ? read(`/functions/${segment(key)}/name`, fn['name']) : undefined;
    const physical = typeof name === 'string' ? name : `${String(service)}-${stage}-${key}`;
    functionNames.set(key, `${normalizeName(key)}LambdaFunction`);
    const resource = { Type: 'AWS::Lambda::Function', Properties: { FunctionName: physical } };
    resources[`${normalizeName(key)}LambdaFunction`] = resource;
    // The plugin lets a definition name a function by its key: `Fn::GetAtt: [hello, Arn]`.
    resources[key] ??= resource;
  }
  const machineIds = new Map<string, string>();
  for (const key of Object.keys(machinesNode)) {
    const machine = isFields(machinesNode[key]) ? machinesNode[key] : {};
    const id =
      typeof machine['id'] === 'string'
        ? normalizeName(machine['id'])
        : `${normalizeName(key)}StepFunctionsStateMachine`;
    machineIds.set(key, id);
    const name =
      machine['name'] === undefined
        ? undefined
        : read(`/stepFunctions/stateMachines/${segment(key)}/name`, machine['name']);
    resources[id] = {
      Type: 'AWS::StepFunctions::StateMachine',
      Properties: name === undefined ? {} : { StateMachineName: name },
    };
  }
  const resolver = new StackResolver({
    document,
    template: { ...extra, Resources: resources },
    pseudo,
    parameters: options.parameters ?? {},
    imports: options.imports ?? {},
  });

  const templateResources: TemplateResource[] = Object.keys(resources).map((id) => {
    const placeholder = guarded(() => resolver.placeholder(id, `/resources/Resources/${segment(id)}`));
    const arn = placeholder.attribute('Arn');
    return {
      id,
      type: String((resources[id] as Fields)['Type']),
      values: [...new Set([arn, placeholder.ref].filter((v): v is string => typeof v === 'string'))],
    };
  });
  const functions = Object.keys(functionsNode).map((key) =>
    serverlessFunction(document, resolver, read, key, functionsNode[key], provider, functionNames.get(key)!),
  );
  const machines: TemplateMachine[] = Object.keys(machinesNode).map((key) => {
    const pointer = `/stepFunctions/stateMachines/${segment(key)}`;
    const node = isFields(machinesNode[key]) ? machinesNode[key] : {};
    const id = machineIds.get(key)!;
    const placeholder = guarded(() => resolver.placeholder(id, pointer));
    const type = node['type'] === undefined ? undefined : read(`${pointer}/type`, node['type']);
    let built: ReturnType<TemplateMachine['definition']> | undefined;
    return {
      id: key,
      path: id,
      name: resolver.resourceName(id, pointer),
      arn: placeholder.ref,
      ...(typeof type === 'string' && /^(STANDARD|EXPRESS)$/i.test(type)
        ? { type: type.toUpperCase() as 'STANDARD' | 'EXPRESS' }
        : {}),
      place: placeOf(document, pointer),
      definition: () =>
        (built ??= serverlessDefinition(
          document,
          resolver,
          variables,
          node['definition'],
          `${pointer}/definition`,
          options,
        )),
      resources: templateResources,
      functions,
    };
  });
  return { kind: 'serverless', file: document.file, machines };
}

/** The definition as the plugin compiles it; `${file(…)}` definitions are located in their own file. */
function serverlessDefinition(
  document: SourceDocument,
  resolver: StackResolver,
  variables: ServerlessVariables,
  node: unknown,
  pointer: string,
  options: TemplateOptions,
) {
  const substitutions = givenSubstitutions(options.substitutions ?? {}, placeOf(document, pointer));
  const fromFile = typeof node === 'string' ? /^\$\{file\((.+?)\)\}$/.exec(node.trim()) : null;
  if (fromFile) {
    const path = resolve(dirname(document.path), fromFile[1]!.replace(/^['"]|['"]$/g, ''));
    const shown = displayPath(path, options.cwd);
    let text: string;
    try {
      text = readTextFile(path, 'definition file', shown);
    } catch (error) {
      throw new TemplateError([{ ...placeOf(document, pointer), message: `definition: ${(error as Error).message}` }]);
    }
    const file = templateDocument(text, path, shown);
    const fileVariables = variables.forFile(file);
    const value = guarded(() => inlineIntrinsics(resolver, fileVariables.value(file.value, ''), ''));
    return objectDefinition(value, file, '', substitutions, { sort: false });
  }
  if (node === undefined)
    throw new TemplateError([{ ...placeOf(document, pointer), message: 'the state machine has no definition' }]);
  const value = guarded(() => inlineIntrinsics(resolver, variables.value(node, pointer), pointer));
  if (typeof value === 'string') {
    try {
      return objectDefinition(JSON.parse(value) as unknown, document, pointer, substitutions, { sort: false });
    } catch (error) {
      if (error instanceof TemplateError) throw error;
      throw new TemplateError([
        {
          ...placeOf(document, pointer),
          message: `the definition is a string that is not JSON: ${(error as Error).message}`,
        },
      ]);
    }
  }
  return objectDefinition(value, document, pointer, substitutions, { sort: false });
}

/** Each intrinsic as the text the plugin's `Fn::Sub` puts in (a Wait's `Seconds` as a number), and `#{Name}` as its Ref. */
function inlineIntrinsics(
  resolver: StackResolver,
  node: unknown,
  pointer: string,
  parent?: Fields,
  key?: string,
): unknown {
  if (intrinsicName(node) !== undefined) {
    const text = resolver.text(node, pointer).text;
    return parent?.['Type'] === 'Wait' && key === 'Seconds' && /^\d+$/.test(text) ? Number(text) : text;
  }
  if (typeof node === 'string')
    return node.replace(/#\{([^}]+)\}/g, (_match, name: string) => String(resolver.ref(name, pointer)));
  if (Array.isArray(node)) return node.map((item, i) => inlineIntrinsics(resolver, item, `${pointer}/${i}`));
  if (!isFields(node)) return node;
  const result: Fields = {};
  for (const k of Object.keys(node))
    result[k] = inlineIntrinsics(resolver, node[k], `${pointer}/${segment(k)}`, node, k);
  return result;
}

function serverlessFunction(
  document: SourceDocument,
  resolver: StackResolver,
  variables: (pointer: string, node: unknown) => unknown,
  key: string,
  node: unknown,
  provider: Fields,
  logicalId: string,
): TemplateFunction {
  const pointer = `/functions/${segment(key)}`;
  const fn = isFields(node) ? node : {};
  const setting = (name: string): unknown =>
    fn[name] !== undefined
      ? variables(`${pointer}/${name}`, fn[name])
      : provider[name] !== undefined
        ? variables(`/provider/${name}`, provider[name])
        : undefined;
  const placeholder = guarded(() => resolver.placeholder(logicalId, pointer));
  const environment: Record<string, string> = {};
  const problems: string[] = [];
  for (const [source, at] of [
    [provider['environment'], '/provider/environment'],
    [fn['environment'], `${pointer}/environment`],
  ] as const) {
    if (!isFields(source)) continue;
    for (const name of Object.keys(source)) {
      const where = `${at}/${segment(name)}`;
      try {
        const value = resolver.value(variables(where, source[name]), where);
        environment[name] = typeof value === 'string' ? value : JSON.stringify(value);
      } catch (error) {
        if (error instanceof ResolveProblem) problems.push(formatTemplateProblem(error.toProblem()));
        else if (error instanceof TemplateError) problems.push(error.message);
        else throw error;
      }
    }
  }
  const runtime = setting('runtime');
  const handler = setting('handler');
  return {
    id: key,
    name: placeholder.ref,
    arn: placeholder.attribute('Arn') ?? placeholder.ref,
    ...(typeof runtime === 'string' ? { runtime } : {}),
    ...(typeof handler === 'string' ? { handler } : {}),
    codeDir: dirname(document.path),
    timeoutSeconds: Number(setting('timeout') ?? 6),
    memoryLimitInMB: Number(setting('memorySize') ?? 1024),
    environment,
    place: placeOf(document, pointer),
    ...(problems.length > 0 ? { unavailable: `its environment cannot be resolved: ${problems.join('; ')}` } : {}),
  };
}
