/**
 * One way to name a state machine everywhere: `file#Name`. The file is a definition, a
 * CloudFormation or SAM template, a cdk.out directory, a serverless.yml or Terraform's JSON;
 * `Name` is a logical id, a CDK construct path (whole, or its last parts), a Serverless key, a
 * Terraform address, or the machine's own name. Without `#Name` the file must hold one machine.
 */
import { existsSync, statSync } from 'node:fs';
import { basename, resolve } from 'node:path';
import { ErrorCode, UsageError } from '@aslkit/core';
import { displayPath } from '../files/display-path.js';
import { readTextFile } from '../files/read-text-file.js';
import { loadCdkOut } from './cdk-out.js';
import { isTerraformTemplate, loadDefinitionFile } from './definition-file.js';
import { isServerlessFile, loadServerless } from './serverless.js';
import { templateDocument, type SourceDocument } from './source-document.js';
import { loadTemplateFile } from './template-file.js';
import type { MachineSet, TemplateMachine } from './template-machine.js';
import type { TemplateOptions } from './template-options.js';
import { isTerraformJson, loadTerraform } from './terraform.js';

export interface MachineReference {
  /** The file or cdk.out directory, as given. */
  file: string;
  /** The machine in it, when named. */
  name?: string;
}

/** Splits `file#Name`; a `#` that is part of an existing file's name stays in the file. */
export function parseMachineReference(reference: string, cwd = process.cwd()): MachineReference {
  const hash = reference.lastIndexOf('#');
  if (hash <= 0 || existsSync(resolve(cwd, reference))) return { file: reference };
  const name = reference.slice(hash + 1);
  return name === '' ? { file: reference.slice(0, hash) } : { file: reference.slice(0, hash), name };
}

/** Words a template has and a definition does not: an error in such a file is the template's. */
const TEMPLATE_WORDS = /\b(AWSTemplateFormatVersion|Resources|Transform|stepFunctions|format_version)\b/;

/**
 * Every machine of a file (or cdk.out directory), whatever its kind.
 * @throws UsageError for a missing or unreadable file; TemplateError for a template that cannot be read.
 */
export function loadMachineSet(file: string, options: TemplateOptions = {}): MachineSet {
  const cwd = options.cwd ?? process.cwd();
  const path = resolve(cwd, file);
  const shown = displayPath(path, cwd);
  const withCwd = { ...options, cwd };
  let directory: boolean;
  try {
    directory = statSync(path).isDirectory();
  } catch {
    throw new UsageError(ErrorCode.FileNotFound, `definition not found: ${shown}`);
  }
  if (directory) {
    if (existsSync(resolve(path, 'manifest.json'))) return loadCdkOut(path, withCwd);
    throw new UsageError(ErrorCode.FileUnreadable, `${shown} is a directory without manifest.json, not a cdk.out`);
  }
  const text = readTextFile(path, 'definition', shown);
  if (isTerraformTemplate(path)) return loadDefinitionFile(text, path, shown, withCwd);
  let document: SourceDocument;
  try {
    document = templateDocument(text, path, shown);
  } catch (error) {
    // A definition that does not parse is reported as definitions are, with the engine's diagnostics.
    if (TEMPLATE_WORDS.test(text)) throw error;
    return loadDefinitionFile(text, path, shown, withCwd);
  }
  const value = document.value;
  if (isTerraformJson(value)) return loadTerraform(document, withCwd);
  if (isServerlessFile(basename(path), value)) return loadServerless(document, withCwd);
  if (typeof value === 'object' && value !== null && ('Resources' in value || 'AWSTemplateFormatVersion' in value))
    return loadTemplateFile(document, withCwd);
  return loadDefinitionFile(text, path, shown, withCwd);
}

/** How `aslkit list` and error messages name a machine: its CDK construct path when it has one, else its id. */
export const machineLabel = (machine: TemplateMachine): string =>
  machine.path?.includes('/') ? machine.path : machine.id;

/**
 * The machine a reference names in a set, or its only machine.
 * @throws UsageError `ASLKIT_MACHINE_NOT_FOUND` listing the machines the file has.
 */
export function selectMachine(set: MachineSet, name: string | undefined): TemplateMachine {
  const { machines } = set;
  if (name === undefined) {
    if (machines.length === 1) return machines[0]!;
    throw new UsageError(
      ErrorCode.MachineNotFound,
      machines.length === 0
        ? `${set.file} has no state machine`
        : `${set.file} has ${machines.length} state machines; name one: ${machines.map((m) => `${set.file}#${machineLabel(m)}`).join(', ')}`,
    );
  }
  const matches = (test: (machine: TemplateMachine) => boolean): TemplateMachine[] => machines.filter(test);
  const found = [
    matches((m) => m.id === name),
    matches((m) => m.path === name),
    matches((m) => m.stack !== undefined && `${m.stack}/${m.id}` === name),
    // A construct path's last parts: `OrderFlow` for `OrderStack/OrderFlow`.
    matches((m) => m.path !== undefined && m.path.endsWith(`/${name}`)),
    matches((m) => m.name === name),
  ].find((list) => list.length > 0);
  if (found?.length === 1) return found[0]!;
  const skipped = found ? undefined : set.notCreated?.find((machine) => machine.id === name);
  if (skipped)
    throw new UsageError(
      ErrorCode.MachineNotFound,
      `${set.file}#${name} is not created: ${skipped.reason} (give the parameters that make it true)`,
    );
  const listed = machines.map(machineLabel).join(', ') || 'none';
  throw new UsageError(
    ErrorCode.MachineNotFound,
    found && found.length > 1
      ? `'${name}' names ${found.length} state machines of ${set.file} (${found.map(machineLabel).join(', ')}); give the whole construct path or logical id`
      : `${set.file} has no state machine '${name}'; it has ${listed}`,
  );
}
