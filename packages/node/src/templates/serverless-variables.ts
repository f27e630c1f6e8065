/**
 * Serverless Framework variables in serverless.yml: `${self:path}`, `${opt:name}`, `${sls:stage}`,
 * `${env:NAME}`, `${param:name}`, `${aws:region}`, `${aws:accountId}`, `${file(./x.json):key}`,
 * `${strToBool(…)}`, with fallbacks (`${opt:stage, self:provider.stage, 'dev'}`) and nesting
 * (`${self:custom.${sls:stage}.table}`). Sources only AWS can answer (`cf:`, `ssm:`, `s3:`) are
 * problems that name them. `${AWS::Region}` and `${Name}` are not variables: they are left for
 * CloudFormation's `Fn::Sub`, as the framework leaves them.
 */
import { dirname, resolve } from 'node:path';
import { readDataFile } from '../files/read-data-file.js';
import { ResolveProblem, segment } from './resolve-problem.js';
import type { PseudoParameters } from './pseudo-parameters.js';
import type { SourceDocument } from './source-document.js';
import { isFields, type Fields } from './fields.js';

export interface VariableScope {
  document: SourceDocument;
  options: Readonly<Record<string, string | readonly string[]>>;
  env: Readonly<Record<string, string | undefined>>;
  pseudo: PseudoParameters;
  cwd?: string;
}

/** `${source:address}` or `${file(…)}`/`${strToBool(…)}`: a word, then `:` (not `::`) or `(`. */
const VARIABLE = /\$\{(\s*[A-Za-z][\w]*(?:\((?:[^()]*)\))?(?::(?!:)[^{}]*)?)\}/;
const isVariableBody = (body: string): boolean => /^\s*[A-Za-z]\w*(\(|:(?!:))/.test(body);

/** Resolves variables over values of one serverless.yml, each address once. */
export class ServerlessVariables {
  private readonly busy = new Set<string>();

  /** `service`: the serverless.yml's own variables, when these are a `${file(…)}` file's. */
  constructor(
    private readonly scope: VariableScope,
    private readonly service?: ServerlessVariables,
  ) {}

  /**
   * The variables of a file that `${file(…)}` brought in: problems are located in that file, but
   * `${self:…}` and `${sls:stage}` still mean serverless.yml, as the framework resolves them.
   */
  forFile(document: SourceDocument): ServerlessVariables {
    return new ServerlessVariables({ ...this.scope, document }, this.service ?? this);
  }

  /** The stage: `--parameter stage=…` (as `--stage`), else `provider.stage`, else `dev`. */
  stage(): string {
    if (this.service) return this.service.stage();
    const given = this.scope.options['stage'];
    if (typeof given === 'string') return given;
    const provider = (this.scope.document.value as Fields)['provider'];
    const stage = isFields(provider) ? this.value(provider['stage'], '/provider/stage') : undefined;
    return typeof stage === 'string' ? stage : 'dev';
  }

  /** `node` with every variable in it resolved. */
  value(node: unknown, pointer: string): unknown {
    if (typeof node === 'string') return this.string(node, pointer);
    if (Array.isArray(node)) return node.map((item, i) => this.value(item, `${pointer}/${i}`));
    if (isFields(node)) {
      const result: Fields = {};
      for (const key of Object.keys(node)) result[key] = this.value(node[key], `${pointer}/${segment(key)}`);
      return result;
    }
    return node;
  }

  private string(text: string, pointer: string): unknown {
    let current: unknown = text;
    // Innermost first, so `${self:a.${opt:b}}` resolves `${opt:b}` before the outer one.
    for (let guard = 0; typeof current === 'string' && guard < 100; guard++) {
      const match = innermost(current);
      if (!match) return current;
      const value = this.expression(match.body, pointer);
      const whole = match.start === 0 && match.end === current.length;
      current = whole
        ? value
        : current.slice(0, match.start) +
          (typeof value === 'string' ? value : JSON.stringify(value)) +
          current.slice(match.end);
    }
    return current;
  }

  /** One `${…}` body: its sources tried in order, the first that gives a value wins. */
  private expression(body: string, pointer: string): unknown {
    const alternatives = splitTopLevel(body);
    for (const alternative of alternatives) {
      const value = this.source(alternative.trim(), pointer);
      if (value !== undefined && value !== null) return value;
    }
    throw new ResolveProblem(
      this.scope.document,
      pointer,
      `\${${body}}: no value (give one with --parameter, or a fallback)`,
    );
  }

  private source(expression: string, pointer: string): unknown {
    const literal = /^(['"])(.*)\1$/s.exec(expression);
    if (literal) return literal[2];
    if (/^-?\d+(\.\d+)?$/.test(expression)) return Number(expression);
    if (expression === 'true' || expression === 'false') return expression === 'true';
    const call = /^(\w+)\((.*)\)(?::(.+))?$/s.exec(expression);
    if (call) return this.call(call[1]!, call[2]!.trim(), call[3]?.trim(), pointer);
    const colon = expression.indexOf(':');
    if (colon < 0) return undefined;
    const source = expression.slice(0, colon);
    const address = expression.slice(colon + 1).trim();
    switch (source) {
      case 'self':
        return this.self(address, pointer);
      case 'opt':
      case 'param': {
        if (address === 'stage' && source === 'opt') return this.scope.options['stage'];
        if (address === 'region' && source === 'opt') return this.scope.options['region'] ?? undefined;
        const given = this.scope.options[address];
        return Array.isArray(given) ? given.join(',') : given;
      }
      case 'sls':
        if (address === 'stage') return this.stage();
        if (address === 'instanceId') return '00000000';
        break;
      case 'env':
        return this.scope.env[address];
      case 'aws':
        if (address === 'region') return this.scope.pseudo.region;
        if (address === 'accountId') return this.scope.pseudo.accountId;
        break;
    }
    throw new ResolveProblem(
      this.scope.document,
      pointer,
      `\${${expression}}: the '${source}' source is read from AWS at deploy time; aslkit cannot resolve it offline (give a fallback or a --parameter)`,
    );
  }

  private self(address: string, pointer: string): unknown {
    if (this.service) return this.service.self(address, pointer);
    const key = `self:${address}`;
    if (this.busy.has(key))
      throw new ResolveProblem(this.scope.document, pointer, `\${self:${address}} refers to itself`);
    this.busy.add(key);
    try {
      let node: unknown = this.scope.document.value;
      let at = '';
      for (const part of address === '' ? [] : address.split('.')) {
        // A step may itself be a variable (`retry: ${file(./retry.json)}`): the framework resolves it to walk on.
        if (typeof node === 'string') node = this.value(node, at);
        if (!isFields(node) && !Array.isArray(node)) return undefined;
        node = (node as Fields)[part];
        at += `/${segment(part)}`;
      }
      return this.value(node, at);
    } finally {
      this.busy.delete(key);
    }
  }

  private call(name: string, argument: string, selector: string | undefined, pointer: string): unknown {
    if (name === 'strToBool') return this.string(argument, pointer) === 'true';
    if (name !== 'file')
      throw new ResolveProblem(this.scope.document, pointer, `\${${name}(…)} is not a variable source aslkit knows`);
    const path = resolve(dirname(this.scope.document.path), argument.replace(/^['"]|['"]$/g, ''));
    let value: unknown;
    try {
      value = readDataFile(path, 'file() variable', this.scope.cwd);
    } catch (error) {
      throw new ResolveProblem(this.scope.document, pointer, `\${file(${argument})}: ${(error as Error).message}`);
    }
    for (const part of selector ? selector.split('.') : []) value = isFields(value) ? value[part] : undefined;
    return this.value(value, pointer);
  }
}

/** The innermost `${…}` that is a Serverless variable, with its place in `text`. */
function innermost(text: string): { start: number; end: number; body: string } | undefined {
  for (let start = text.lastIndexOf('${'); start >= 0; start = start === 0 ? -1 : text.lastIndexOf('${', start - 1)) {
    const end = text.indexOf('}', start);
    if (end < 0) continue;
    const body = text.slice(start + 2, end);
    if (!body.includes('${') && isVariableBody(body) && VARIABLE.test(`\${${body}}`))
      return { start, end: end + 1, body };
  }
  return undefined;
}

/** Splits `a, 'b, c', d` at the commas outside quotes and parentheses. */
function splitTopLevel(body: string): string[] {
  const parts: string[] = [];
  let depth = 0;
  let quote: string | undefined;
  let from = 0;
  for (let i = 0; i < body.length; i++) {
    const char = body[i]!;
    if (quote) {
      if (char === quote) quote = undefined;
    } else if (char === "'" || char === '"') quote = char;
    else if (char === '(') depth++;
    else if (char === ')') depth--;
    else if (char === ',' && depth === 0) {
      parts.push(body.slice(from, i));
      from = i + 1;
    }
  }
  parts.push(body.slice(from));
  return parts;
}
