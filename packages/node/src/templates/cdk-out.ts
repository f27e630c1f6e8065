/**
 * A cloud assembly as `cdk synth` writes it (cdk.out): manifest.json lists the stacks (and the
 * nested assemblies of Stages); each stack's template holds its machines, with their construct
 * path in `aws:cdk:path` metadata; nested stacks and Lambda code are asset files beside it.
 */
import { resolve } from 'node:path';
import { displayPath } from '../files/display-path.js';
import { readDataFile } from '../files/read-data-file.js';
import { readTextFile } from '../files/read-text-file.js';
import { loadStack, type LoadedStack } from './stack-machines.js';
import { templateDocument } from './source-document.js';
import { TemplateError } from './template-problem.js';
import type { MachineSet, TemplateFunction, TemplateMachine, TemplateResource } from './template-machine.js';
import type { TemplateOptions } from './template-options.js';
import { isFields, type Fields } from './fields.js';

/** Every stack's machines, nested stacks and Stages included. */
export function loadCdkOut(dir: string, options: TemplateOptions): MachineSet {
  const stacks = assemblyStacks(dir, options);
  const flat = stacks.flatMap(flatten);
  // A machine may call a function of any stack of the app (a nested stack's machine, its parent's function).
  const functions: TemplateFunction[] = flat.flatMap((stack) => stack.functions);
  const machines: TemplateMachine[] = flat.flatMap((stack) => {
    const resources = uniqueById([...stack.resources, ...flat.flatMap((other) => other.resources)]);
    return stack.machines.map((machine) => ({ ...machine, resources, functions }));
  });
  const notCreated = flat.flatMap((stack) => stack.notCreated);
  return {
    kind: 'cdk',
    file: displayPath(dir, options.cwd),
    machines,
    ...(notCreated.length > 0 ? { notCreated } : {}),
  };
}

const flatten = (stack: LoadedStack): LoadedStack[] => [stack, ...stack.nested.flatMap(flatten)];

function uniqueById(resources: TemplateResource[]): TemplateResource[] {
  const seen = new Set<string>();
  return resources.filter((resource) => !seen.has(resource.id) && seen.add(resource.id));
}

/** File assets by S3 object key, from the asset manifests of the assembly. */
function assetFiles(dir: string, artifacts: Fields, options: TemplateOptions): Map<string, string> {
  const files = new Map<string, string>();
  for (const artifact of Object.values(artifacts)) {
    if (!isFields(artifact) || artifact['type'] !== 'cdk:asset-manifest' || !isFields(artifact['properties'])) continue;
    const file = artifact['properties']['file'];
    if (typeof file !== 'string') continue;
    const manifest = readDataFile(resolve(dir, file), 'asset manifest', options.cwd);
    const entries = isFields(manifest) && isFields(manifest['files']) ? manifest['files'] : {};
    for (const entry of Object.values(entries)) {
      if (!isFields(entry) || !isFields(entry['source']) || !isFields(entry['destinations'])) continue;
      const path = entry['source']['path'];
      for (const destination of Object.values(entry['destinations']))
        if (isFields(destination) && typeof destination['objectKey'] === 'string' && typeof path === 'string')
          files.set(destination['objectKey'], resolve(dir, path));
    }
  }
  return files;
}

function assemblyStacks(dir: string, options: TemplateOptions): LoadedStack[] {
  const manifestPath = resolve(dir, 'manifest.json');
  const shown = displayPath(manifestPath, options.cwd);
  const manifest = readDataFile(manifestPath, 'cdk.out manifest', options.cwd);
  const artifacts = isFields(manifest) && isFields(manifest['artifacts']) ? manifest['artifacts'] : undefined;
  if (!artifacts)
    throw new TemplateError([{ file: shown, message: 'not a cloud assembly manifest: it has no "artifacts"' }]);
  const assets = assetFiles(dir, artifacts, options);
  const stacks: LoadedStack[] = [];
  for (const id of Object.keys(artifacts)) {
    const artifact = artifacts[id];
    if (!isFields(artifact)) continue;
    const properties = isFields(artifact['properties']) ? artifact['properties'] : {};
    if (artifact['type'] === 'cdk:cloud-assembly' && typeof properties['directoryName'] === 'string') {
      stacks.push(...assemblyStacks(resolve(dir, properties['directoryName']), options));
      continue;
    }
    if (artifact['type'] !== 'aws:cloudformation:stack' || typeof properties['templateFile'] !== 'string') continue;
    const path = resolve(dir, properties['templateFile']);
    const file = displayPath(path, options.cwd);
    const stackName = typeof properties['stackName'] === 'string' ? properties['stackName'] : id;
    // `aws://123456789012/eu-west-1` when the app pins its environment; the options still win.
    const pinnedTo = typeof artifact['environment'] === 'string' ? artifact['environment'] : '';
    const environment = /^aws:\/\/([^/]+)\/(.+)$/.exec(pinnedTo);
    const pinned = {
      ...(environment && /^\d{12}$/.test(environment[1]!) ? { accountId: environment[1]! } : {}),
      ...(environment && !environment[2]!.startsWith('unknown') ? { region: environment[2]! } : {}),
    };
    stacks.push(
      loadStack({
        document: templateDocument(readTextFile(path, 'stack template', file), path, file),
        stackName,
        parameters: options.parameters ?? {},
        options: { ...pinned, ...options },
        assetDir: dir,
        assetFiles: assets,
      }),
    );
  }
  return stacks;
}
