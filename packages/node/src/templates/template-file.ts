/**
 * A CloudFormation or SAM template file (JSON or YAML with short-form tags): its machines, and
 * those of the nested stacks whose templates are local files.
 */
import { basename } from 'node:path';
import { loadStack, isSamTemplate, type LoadedStack } from './stack-machines.js';
import type { SourceDocument } from './source-document.js';
import type { MachineSet, TemplateMachine } from './template-machine.js';
import type { TemplateOptions } from './template-options.js';

export function loadTemplateFile(document: SourceDocument, options: TemplateOptions): MachineSet {
  const stack = loadStack({
    document,
    // A template has no stack name until deployed: its file name stands in (AWS::StackName).
    stackName: basename(document.path).replace(/\.(template\.)?(json|ya?ml|template)$/i, ''),
    parameters: options.parameters ?? {},
    options,
  });
  const flat = (s: LoadedStack): LoadedStack[] => [s, ...s.nested.flatMap(flat)];
  const stacks = flat(stack);
  const functions = stacks.flatMap((s) => s.functions);
  const machines: TemplateMachine[] = stacks.flatMap((s) =>
    s.machines.map((machine) => ({ ...machine, functions, resources: [...s.resources, ...stack.resources] })),
  );
  const template = document.value as Record<string, unknown>;
  const notCreated = stacks.flatMap((s) => s.notCreated);
  return {
    kind: isSamTemplate(template) ? 'sam' : 'cloudformation',
    file: document.file,
    machines,
    ...(notCreated.length > 0 ? { notCreated } : {}),
  };
}
