/**
 * The state machines and Lambda functions of one CloudFormation stack template, SAM included:
 * `AWS::StepFunctions::StateMachine` (`Definition`, `DefinitionString`, `DefinitionS3Location`,
 * `DefinitionSubstitutions`) and `AWS::Serverless::StateMachine` (`Definition`, `DefinitionUri`,
 * `Globals`), each definition built as AWS builds the deployed one. Nested stacks
 * (`AWS::CloudFormation::Stack`) are loaded when the loader can find their template: cdk.out's
 * asset files, or a local `TemplateURL`.
 */
import { existsSync, statSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { readTextFile } from '../files/read-text-file.js';
import { displayPath } from '../files/display-path.js';
import { objectDefinition, textDefinition } from './definition-build.js';
import { givenSubstitutions, type Substitution } from './definition-substitutions.js';
import { intrinsicName, NO_VALUE, StackResolver } from './intrinsics.js';
import { pseudoParameters } from './pseudo-parameters.js';
import { guarded, ResolveProblem, segment } from './resolve-problem.js';
import { templateDocument, textDocument, type SourceDocument } from './source-document.js';
import { placeOf } from './traced-text.js';
import { TemplateError, type TemplateProblem } from './template-problem.js';
import type { NotCreated, TemplateFunction, TemplateMachine, TemplateResource } from './template-machine.js';
import type { TemplateOptions } from './template-options.js';
import { isFields, own, type Fields } from './fields.js';

export interface StackInput {
  document: SourceDocument;
  stackName: string;
  /** Parameter values: the user's for a top-level stack, the parent's `Parameters` for a nested one. */
  parameters: Readonly<Record<string, string | readonly string[]>>;
  options: TemplateOptions;
  /** The cdk.out directory, where `aws:asset:path` metadata points. */
  assetDir?: string;
  /** cdk.out's file assets by S3 object key (from its asset manifests), for S3 locations without metadata. */
  assetFiles?: ReadonlyMap<string, string>;
}

export interface LoadedStack {
  machines: TemplateMachine[];
  functions: TemplateFunction[];
  resources: TemplateResource[];
  /** Machines and functions of nested stacks, loaded with this one. */
  nested: LoadedStack[];
  /** Machines whose resource `Condition` is false: CloudFormation does not create them. */
  notCreated: NotCreated[];
  resolver: StackResolver;
}

const SAM_TRANSFORM = 'AWS::Serverless-2016-10-31';

/** True when a template declares SAM's transform (or uses its resource types). */
export function isSamTemplate(template: Fields): boolean {
  const transform = template['Transform'];
  const transforms = Array.isArray(transform) ? transform : [transform];
  if (transforms.includes(SAM_TRANSFORM)) return true;
  const resources = isFields(template['Resources']) ? template['Resources'] : {};
  return Object.values(resources).some((r) => isFields(r) && String(r['Type']).startsWith('AWS::Serverless::'));
}

/** Loads a stack template: its machines, functions and resources, nested stacks included. */
export function loadStack(input: StackInput): LoadedStack {
  const { document, options } = input;
  const template = isFields(document.value) ? document.value : {};
  const resources = isFields(template['Resources']) ? template['Resources'] : {};
  const globals = isSamTemplate(template) && isFields(template['Globals']) ? template['Globals'] : {};
  const nestedStacks = new Map<string, LoadedStack>();
  const resolver: StackResolver = new StackResolver({
    document,
    template,
    pseudo: pseudoParameters(options, input.stackName),
    parameters: input.parameters,
    imports: options.imports ?? {},
    stackOutput: (logicalId, output, at) => {
      const stack = nestedStacks.get(logicalId) ?? loadNested(logicalId);
      const outputs = isFields(stack?.resolver.scope.template['Outputs'])
        ? stack.resolver.scope.template['Outputs']
        : {};
      const declared = outputs[output];
      if (!stack || !isFields(declared))
        throw new ResolveProblem(document, at, `Fn::GetAtt: the nested stack '${logicalId}' has no output '${output}'`);
      return stack.resolver.value(declared['Value'], `/Outputs/${segment(output)}/Value`);
    },
    // SAM makes an execution role per function and machine that has none: `<LogicalId>Role`.
    implicitResource: (logicalId) => {
      const owner = logicalId.endsWith('Role') ? resources[logicalId.slice(0, -4)] : undefined;
      return isFields(owner) && String(owner['Type']).startsWith('AWS::Serverless::')
        ? { type: 'AWS::IAM::Role', name: logicalId }
        : undefined;
    },
  });

  function loadNested(logicalId: string): LoadedStack | undefined {
    const resource = resources[logicalId];
    if (!isFields(resource) || resource['Type'] !== 'AWS::CloudFormation::Stack') return undefined;
    const path = nestedTemplatePath(resource, input, document);
    if (path === undefined) return undefined;
    const properties = isFields(resource['Properties']) ? resource['Properties'] : {};
    const at = `/Resources/${segment(logicalId)}/Properties/Parameters`;
    const given = resolver.value(properties['Parameters'] ?? {}, at);
    const parameters: Record<string, string | string[]> = {};
    if (isFields(given))
      for (const key of Object.keys(given))
        parameters[key] = Array.isArray(given[key]) ? (given[key] as unknown[]).map(String) : String(given[key]);
    const child = templateDocument(
      readTextFile(path, 'nested stack template', displayPath(path, options.cwd)),
      path,
      displayPath(path, options.cwd),
    );
    const stack = loadStack({ ...input, document: child, parameters, stackName: `${input.stackName}-${logicalId}` });
    nestedStacks.set(logicalId, stack);
    return stack;
  }

  const machines: TemplateMachine[] = [];
  const functions: TemplateFunction[] = [];
  const templateResources: TemplateResource[] = [];
  const nested: LoadedStack[] = [];
  const notCreated: NotCreated[] = [];
  for (const logicalId of Object.keys(resources)) {
    const resource = resources[logicalId];
    if (!isFields(resource)) continue;
    const type = String(resource['Type']);
    const pointer = `/Resources/${segment(logicalId)}`;
    const condition = resource['Condition'];
    if (condition !== undefined && !guarded(() => resolver.condition(condition, `${pointer}/Condition`))) {
      if (type === 'AWS::StepFunctions::StateMachine' || type === 'AWS::Serverless::StateMachine')
        notCreated.push({
          id: logicalId,
          reason: `its Condition ${typeof condition === 'string' ? condition : JSON.stringify(condition)} is false`,
        });
      continue;
    }
    templateResources.push(lazyResource(resolver, logicalId, type, pointer, cdkAliases(resource)));
    const properties = withGlobals(type, isFields(resource['Properties']) ? resource['Properties'] : {}, globals);
    if (type === 'AWS::StepFunctions::StateMachine' || type === 'AWS::Serverless::StateMachine')
      machines.push(stackMachine(input, resolver, logicalId, resource, properties, templateResources, functions));
    else if (type === 'AWS::Lambda::Function' || type === 'AWS::Serverless::Function')
      functions.push(stackFunction(input, resolver, logicalId, resource, properties));
    else if (type === 'AWS::CloudFormation::Stack') {
      const stack = guarded(() => nestedStacks.get(logicalId) ?? loadNested(logicalId));
      if (stack) nested.push(stack);
    }
  }
  return { machines, functions, resources: templateResources, nested, resolver, notCreated };
}

/** Where a nested stack's template is: cdk.out's `aws:asset:path`, or a local `TemplateURL`. */
function nestedTemplatePath(resource: Fields, input: StackInput, document: SourceDocument): string | undefined {
  const metadata = isFields(resource['Metadata']) ? resource['Metadata'] : {};
  const asset = metadata['aws:asset:path'];
  if (typeof asset === 'string' && input.assetDir !== undefined) return resolve(input.assetDir, asset);
  const properties = isFields(resource['Properties']) ? resource['Properties'] : {};
  const url = properties['TemplateURL'];
  if (typeof url === 'string' && !/^(https?|s3):/i.test(url)) {
    const path = resolve(dirname(document.path), url);
    if (existsSync(path)) return path;
  }
  return undefined;
}

/**
 * SAM's Globals: a property the resource lacks is taken from Globals; maps merge (the resource's
 * keys win), lists concatenate (Globals first), and any other value of the resource wins.
 */
function withGlobals(type: string, properties: Fields, globals: Fields): Fields {
  const section =
    type === 'AWS::Serverless::Function'
      ? 'Function'
      : type === 'AWS::Serverless::StateMachine'
        ? 'StateMachine'
        : undefined;
  const global = section && isFields(globals[section]) ? globals[section] : undefined;
  return global ? (mergeGlobal(global, properties) as Fields) : properties;
}

function mergeGlobal(global: unknown, local: unknown): unknown {
  if (local === undefined) return global;
  if (Array.isArray(global) && Array.isArray(local)) return [...(global as unknown[]), ...(local as unknown[])];
  if (
    isFields(global) &&
    isFields(local) &&
    intrinsicName(global) === undefined &&
    intrinsicName(local) === undefined
  ) {
    const merged: Fields = { ...global };
    for (const key of Object.keys(local)) merged[key] = mergeGlobal(global[key], local[key]);
    return merged;
  }
  return local;
}

/** A CDK construct path (`OrderStack/OrdersTable`, from `aws:cdk:path`) and its last part, which name the resource as the app does. */
function cdkAliases(resource: Fields): string[] {
  const metadata = isFields(resource['Metadata']) ? resource['Metadata'] : {};
  const path = metadata['aws:cdk:path'];
  if (typeof path !== 'string') return [];
  const construct = path.replace(/\/Resource$/, '');
  return [construct, construct.slice(construct.lastIndexOf('/') + 1)];
}

/** A resource whose placeholder values are worked out when first asked for (a name may not resolve). */
function lazyResource(
  resolver: StackResolver,
  id: string,
  type: string,
  pointer: string,
  aliases: string[],
): TemplateResource {
  let values: string[] | undefined;
  return {
    id,
    ...(aliases.length > 0 ? { aliases } : {}),
    type,
    get values() {
      if (values === undefined) {
        try {
          const placeholder = resolver.placeholder(id, pointer);
          const candidates = [placeholder.attribute('Arn'), placeholder.ref, placeholder.attribute('QueueUrl')];
          values = [...new Set(candidates.filter((v): v is string => typeof v === 'string' && v !== ''))];
        } catch {
          values = [];
        }
      }
      return values;
    },
  };
}

/** The machine's settings that are plain template values, resolved; undefined when they do not resolve. */
function optional(resolver: StackResolver, node: unknown, pointer: string): unknown {
  if (node === undefined) return undefined;
  try {
    const value = resolver.value(node, pointer);
    return value === NO_VALUE ? undefined : value;
  } catch (error) {
    if (error instanceof ResolveProblem) return undefined;
    throw error;
  }
}

function stackMachine(
  input: StackInput,
  resolver: StackResolver,
  logicalId: string,
  resource: Fields,
  properties: Fields,
  resources: TemplateResource[],
  functions: TemplateFunction[],
): TemplateMachine {
  const { document } = input;
  const sam = resource['Type'] === 'AWS::Serverless::StateMachine';
  const pointer = `/Resources/${segment(logicalId)}`;
  const at = `${pointer}/Properties`;
  const name = guarded(() => resolver.resourceName(logicalId, pointer));
  const arn = guarded(() => resolver.placeholder(logicalId, pointer).ref);
  const type = optional(
    resolver,
    properties[sam ? 'Type' : 'StateMachineType'],
    `${at}/${sam ? 'Type' : 'StateMachineType'}`,
  );
  const role = optional(resolver, properties[sam ? 'Role' : 'RoleArn'], `${at}/${sam ? 'Role' : 'RoleArn'}`);
  const metadata = isFields(resource['Metadata']) ? resource['Metadata'] : {};
  const cdkPath =
    typeof metadata['aws:cdk:path'] === 'string' ? metadata['aws:cdk:path'].replace(/\/Resource$/, '') : undefined;
  let built: ReturnType<TemplateMachine['definition']> | undefined;
  return {
    id: logicalId,
    ...(cdkPath === undefined ? {} : { path: cdkPath }),
    stack: input.stackName,
    name,
    arn,
    ...(typeof type === 'string' && /^(STANDARD|EXPRESS)$/i.test(type)
      ? { type: type.toUpperCase() as 'STANDARD' | 'EXPRESS' }
      : {}),
    ...(typeof role === 'string' ? { roleArn: role } : {}),
    place: placeOf(document, pointer),
    definition: () => (built ??= guarded(() => buildDefinition(input, resolver, properties, at, sam, metadata))),
    resources,
    functions,
  };
}

/** The deployed definition of a state machine resource, from whichever property holds it. */
function buildDefinition(
  input: StackInput,
  resolver: StackResolver,
  properties: Fields,
  at: string,
  sam: boolean,
  metadata: Fields,
) {
  const { document } = input;
  const forms = sam ? ['Definition', 'DefinitionUri'] : ['Definition', 'DefinitionString', 'DefinitionS3Location'];
  const present = forms.filter((form) => own(properties, form));
  if (present.length !== 1)
    throw new TemplateError([
      {
        ...placeOf(document, at),
        message:
          present.length === 0
            ? `the state machine has no definition: give one of ${forms.join(', ')}`
            : `the state machine has ${present.join(' and ')}: give only one`,
      },
    ]);
  const form = present[0]!;
  const formAt = `${at}/${form}`;
  const substitutions = definitionSubstitutions(
    input,
    resolver,
    properties['DefinitionSubstitutions'],
    `${at}/DefinitionSubstitutions`,
  );
  if (form === 'Definition') {
    const raw = properties['Definition'];
    // SAM moves each intrinsic of an object definition into a substitution and writes it as text.
    const value = sam ? samDefinition(resolver, raw, formAt, substitutions) : resolver.value(raw, formAt);
    return objectDefinition(value, document, formAt, substitutions, { sort: true });
  }
  if (form === 'DefinitionString')
    return textDefinition(
      resolver.text(properties[form], formAt),
      substitutions,
      placeOf(document, formAt),
      document.file,
    );
  // CDK's DefinitionBody.fromFile: the S3 object is an asset file of cdk.out.
  const asset = metadata['aws:asset:path'];
  const value =
    typeof asset === 'string' && metadata['aws:asset:property'] === form && input.assetDir !== undefined
      ? resolve(input.assetDir, asset)
      : resolver.value(properties[form], formAt);
  // DefinitionBody.fromFile writes an S3 location whose key is an asset of cdk.out.
  const key = isFields(value) && typeof value['Key'] === 'string' ? value['Key'] : undefined;
  const location = key !== undefined && input.assetFiles?.has(key) ? input.assetFiles.get(key) : value;
  if (typeof location !== 'string' || /^s3:\/\//i.test(location))
    throw new TemplateError([
      {
        ...placeOf(document, formAt),
        message: `${form}: the definition is in S3 (${typeof location === 'string' ? location : JSON.stringify(location)}); aslkit reads local files: point ${form} at the file, as before 'package'/'deploy' uploads it`,
      },
    ]);
  const path = resolve(dirname(document.path), location);
  const shown = displayPath(path, input.options.cwd);
  let text: string;
  try {
    text = readTextFile(path, 'definition file', shown);
  } catch (error) {
    throw new TemplateError([{ ...placeOf(document, formAt), message: `${form}: ${(error as Error).message}` }]);
  }
  const file = textDocument(text, path, shown);
  return textDefinition(
    {
      text,
      segments: text === '' ? [] : [{ start: 0, end: text.length, origin: { document: file, pointer: '', offset: 0 } }],
    },
    substitutions,
    { file: shown },
    shown,
  );
}

/** Replaces each intrinsic of a SAM `Definition` by `${definition_substitution_N}` and adds its value, as SAM's translator does. */
function samDefinition(
  resolver: StackResolver,
  raw: unknown,
  at: string,
  substitutions: Map<string, Substitution>,
): unknown {
  let counter = 0;
  const visit = (node: unknown, pointer: string): unknown => {
    if (intrinsicName(node) !== undefined) {
      const key = `definition_substitution_${++counter}`;
      substitutions.set(key, { value: resolver.text(node, pointer), place: placeOf(resolver.scope.document, pointer) });
      return `\${${key}}`;
    }
    if (Array.isArray(node)) return node.map((item, i) => visit(item, `${pointer}/${i}`));
    if (!isFields(node)) return node;
    const result: Fields = {};
    // SAM numbers the substitutions walking keys in sorted order.
    for (const key of Object.keys(node).sort()) result[key] = visit(node[key], `${pointer}/${segment(key)}`);
    return result;
  };
  return visit(raw, at);
}

/** `DefinitionSubstitutions`, values resolved (numbers and booleans as text), then the user's own. */
function definitionSubstitutions(
  input: StackInput,
  resolver: StackResolver,
  node: unknown,
  at: string,
): Map<string, Substitution> {
  const map = new Map<string, Substitution>();
  if (node !== undefined) {
    const fields = intrinsicName(node) === undefined && isFields(node) ? node : resolver.value(node, at);
    if (!isFields(fields))
      throw new ResolveProblem(input.document, at, 'DefinitionSubstitutions must map names to values');
    for (const key of Object.keys(fields)) {
      const pointer = `${at}/${segment(key)}`;
      map.set(key, { value: resolver.text(fields[key], pointer), place: placeOf(input.document, pointer) });
    }
  }
  for (const [key, value] of givenSubstitutions(input.options.substitutions ?? {}, placeOf(input.document, at)))
    map.set(key, value);
  return map;
}

function stackFunction(
  input: StackInput,
  resolver: StackResolver,
  logicalId: string,
  resource: Fields,
  properties: Fields,
): TemplateFunction {
  const { document } = input;
  const pointer = `/Resources/${segment(logicalId)}`;
  const at = `${pointer}/Properties`;
  const sam = resource['Type'] === 'AWS::Serverless::Function';
  const read = (key: string): unknown => optional(resolver, properties[key], `${at}/${key}`);
  const placeholder = guarded(() => resolver.placeholder(logicalId, pointer));
  const problems: TemplateProblem[] = [];
  const environment: Record<string, string> = {};
  const variables = isFields(properties['Environment']) ? properties['Environment']['Variables'] : undefined;
  if (isFields(variables)) {
    for (const key of Object.keys(variables)) {
      try {
        const value = resolver.value(variables[key], `${at}/Environment/Variables/${segment(key)}`);
        if (value !== NO_VALUE) environment[key] = typeof value === 'string' ? value : JSON.stringify(value);
      } catch (error) {
        if (!(error instanceof ResolveProblem)) throw error;
        problems.push(error.toProblem());
      }
    }
  }
  const metadata = isFields(resource['Metadata']) ? resource['Metadata'] : {};
  const code = codeLocation(
    input,
    sam ? read('CodeUri') : read('Code'),
    metadata,
    sam ? read('InlineCode') !== undefined : false,
  );
  const timeout = read('Timeout');
  const memory = read('MemorySize');
  const runtime = read('Runtime');
  const handler = read('Handler');
  const unavailable =
    problems.length > 0
      ? `its environment cannot be resolved: ${problems.map((p) => `${p.line ?? '?'}:${p.column ?? '?'} ${p.message}`).join('; ')}`
      : read('PackageType') === 'Image'
        ? 'it is a container image'
        : code.unavailable;
  const aliases = cdkAliases(resource);
  return {
    id: logicalId,
    ...(aliases.length > 0 ? { aliases } : {}),
    name: placeholder.ref,
    arn: placeholder.attribute('Arn') ?? placeholder.ref,
    ...(typeof runtime === 'string' ? { runtime } : {}),
    ...(typeof handler === 'string' ? { handler } : {}),
    ...(code.dir === undefined ? {} : { codeDir: code.dir }),
    timeoutSeconds: Number(timeout ?? 3),
    memoryLimitInMB: Number(memory ?? 128),
    environment,
    place: placeOf(document, pointer),
    ...(unavailable === undefined ? {} : { unavailable }),
  };
}

/** The local directory of a function's code: cdk.out's asset, or a local `CodeUri`/`Code` path. */
function codeLocation(
  input: StackInput,
  code: unknown,
  metadata: Fields,
  inline: boolean,
): { dir?: string; unavailable?: string } {
  const asset = metadata['aws:asset:path'];
  if (typeof asset === 'string' && input.assetDir !== undefined) {
    const dir = resolve(input.assetDir, asset);
    return isDirectory(dir)
      ? { dir }
      : { unavailable: `its asset ${asset} is not a directory of cdk.out (a bundled zip?)` };
  }
  if (inline) return { unavailable: 'its code is inline (InlineCode), which aslkit does not run' };
  if (typeof code === 'string' && !/^s3:\/\//i.test(code)) {
    const dir = resolve(dirname(input.document.path), code);
    return isDirectory(dir) ? { dir } : { unavailable: `its code ${code} is not a directory` };
  }
  if (isFields(code) && own(code, 'ZipFile'))
    return { unavailable: 'its code is inline (Code.ZipFile), which aslkit does not run' };
  return { unavailable: 'its code is in S3; point CodeUri (SAM) or Code (CloudFormation) at the local directory' };
}

const isDirectory = (path: string): boolean => {
  try {
    return statSync(path).isDirectory();
  } catch {
    return false;
  }
};
