/**
 * CloudFormation's intrinsic functions over one stack template: `Ref`, `Fn::GetAtt`, `Fn::Sub`,
 * `Fn::Join`, `Fn::If` (with `Conditions`), `Fn::Select`, `Fn::Split`, `Fn::FindInMap`,
 * `Fn::Base64`, `Fn::GetAZs`, `Fn::ImportValue` (from options), `Fn::Cidr`, `Fn::Length`,
 * `Fn::ToJsonString`, the condition functions and `AWS::NoValue`. Resources resolve to the
 * placeholders of placeholder-arns.ts, pseudo parameters to options, parameters to the values
 * given or their defaults. Whatever cannot be resolved throws a ResolveProblem at the intrinsic,
 * naming it; nothing resolves to a silent empty string. `text()` keeps, for each character of a
 * string result, the template part it came from.
 */
import { Buffer } from 'node:buffer';
import { didYouMean, ResolveProblem, segment } from './resolve-problem.js';
import { nameProperty, placeholderFor, type Placeholder } from './placeholder-arns.js';
import { pseudoParameter, type PseudoParameters } from './pseudo-parameters.js';
import type { SourceDocument } from './source-document.js';
import { computedText, joinTexts, literalText, type TracedText } from './traced-text.js';
import { cidrBlocks } from './cidr.js';
import { isFields, own, type Fields } from './fields.js';

/** What `{ "Ref": "AWS::NoValue" }` resolves to: the property or item is left out. */
export const NO_VALUE: unique symbol = Symbol('AWS::NoValue');
export type Resolved = unknown;

/** The intrinsic an object is (`{ "Fn::Sub": … }`), if it is one. */
export function intrinsicName(value: unknown): string | undefined {
  if (!isFields(value)) return undefined;
  const keys = Object.keys(value);
  if (keys.length !== 1) return undefined;
  const [key] = keys as [string];
  return key === 'Ref' || key.startsWith('Fn::') ? key : undefined;
}

export interface StackScope {
  document: SourceDocument;
  /** The template's `Resources`, `Parameters`, `Conditions` and `Mappings`. */
  template: Fields;
  pseudo: PseudoParameters;
  /** Parameter values given by the user (strings; lists for list types, or comma-separated). */
  parameters: Readonly<Record<string, string | readonly string[]>>;
  /** Values for `Fn::ImportValue`, by export name. */
  imports: Readonly<Record<string, string>>;
  /** `Fn::GetAtt Stack.Outputs.Name` of a nested stack, when the loader can read it. */
  stackOutput?: (logicalId: string, output: string, pointer: string) => unknown;
  /** Resources a transform makes that the template does not list (SAM's `<Function>Role`). */
  implicitResource?: (logicalId: string) => { type: string; name: string } | undefined;
}

/** Resolves values of one template; every result is cached per stack where it is pure. */
export class StackResolver {
  private readonly placeholders = new Map<string, Placeholder>();
  private readonly conditions = new Map<string, boolean>();
  private readonly busy = new Set<string>();

  constructor(readonly scope: StackScope) {}

  private get document(): SourceDocument {
    return this.scope.document;
  }

  private section(name: string): Fields {
    const section = this.scope.template[name];
    return isFields(section) ? section : {};
  }

  private fail(pointer: string, message: string): never {
    throw new ResolveProblem(this.document, pointer, message);
  }

  /** The value of `node` (at `pointer`) with every intrinsic resolved; NO_VALUE where AWS::NoValue removes it. */
  value(node: unknown, pointer: string): Resolved {
    const name = intrinsicName(node);
    if (name !== undefined) return this.intrinsic(name, (node as Fields)[name], `${pointer}/${segment(name)}`);
    if (Array.isArray(node)) {
      return node.map((item, i) => this.value(item, `${pointer}/${i}`)).filter((item) => item !== NO_VALUE);
    }
    if (isFields(node)) {
      const result: Fields = {};
      for (const key of Object.keys(node)) {
        const value = this.value(node[key], `${pointer}/${segment(key)}`);
        if (value !== NO_VALUE)
          Object.defineProperty(result, key, { value, enumerable: true, writable: true, configurable: true });
      }
      return result;
    }
    return node;
  }

  /** A string value with the origin of each character (Fn::Join and Fn::Sub keep their parts'). */
  text(node: unknown, pointer: string): TracedText {
    if (typeof node === 'string') return literalText(node, this.document, pointer);
    const name = intrinsicName(node);
    const argument = name === undefined ? undefined : (node as Fields)[name];
    const at = name === undefined ? pointer : `${pointer}/${segment(name)}`;
    if (name === 'Fn::Join') return this.join(argument, at);
    if (name === 'Fn::Sub') return this.sub(argument, at);
    if (name === 'Fn::If' && Array.isArray(argument) && argument.length === 3) {
      const chosen = this.condition(argument[0], `${at}/0`) ? 1 : 2;
      return this.text(argument[chosen], `${at}/${chosen}`);
    }
    const value = this.value(node, pointer);
    return computedText(this.asText(value, pointer, name ?? 'the value'), this.document, pointer);
  }

  private asText(value: unknown, pointer: string, what: string): string {
    if (typeof value === 'string') return value;
    if (typeof value === 'number' || typeof value === 'boolean') return String(value);
    return this.fail(pointer, `${what} gives ${describe(value)} where a string is needed`);
  }

  private intrinsic(name: string, argument: unknown, at: string): Resolved {
    switch (name) {
      case 'Ref':
        if (typeof argument !== 'string') return this.fail(at, 'Ref takes the name of a parameter or resource');
        return this.ref(argument, at);
      case 'Fn::GetAtt':
        return this.getAtt(argument, at);
      case 'Fn::Sub':
        return this.sub(argument, at).text;
      case 'Fn::Join':
        return this.join(argument, at).text;
      case 'Fn::If': {
        if (!Array.isArray(argument) || argument.length !== 3)
          return this.fail(at, 'Fn::If takes [condition name, value if true, value if false]');
        const chosen = this.condition(argument[0], `${at}/0`) ? 1 : 2;
        return this.value(argument[chosen], `${at}/${chosen}`);
      }
      case 'Fn::Select': {
        if (!Array.isArray(argument) || argument.length !== 2) return this.fail(at, 'Fn::Select takes [index, list]');
        const index = Number(this.value(argument[0], `${at}/0`));
        const list = this.value(argument[1], `${at}/1`);
        if (!Array.isArray(list)) return this.fail(`${at}/1`, `Fn::Select needs a list, got ${describe(list)}`);
        if (!Number.isInteger(index) || index < 0 || index >= list.length)
          return this.fail(`${at}/0`, `Fn::Select: index ${String(index)} is outside the list of ${list.length}`);
        return list[index];
      }
      case 'Fn::Split': {
        if (!Array.isArray(argument) || argument.length !== 2)
          return this.fail(at, 'Fn::Split takes [delimiter, string]');
        const delimiter = this.value(argument[0], `${at}/0`);
        const source = this.value(argument[1], `${at}/1`);
        if (typeof delimiter !== 'string' || delimiter === '' || typeof source !== 'string')
          return this.fail(at, 'Fn::Split takes a non-empty delimiter and a string');
        return source.split(delimiter);
      }
      case 'Fn::Base64':
        return Buffer.from(this.asText(this.value(argument, at), at, 'Fn::Base64'), 'utf8').toString('base64');
      case 'Fn::GetAZs': {
        const region = this.value(argument, at);
        const name = typeof region === 'string' && region !== '' ? region : this.scope.pseudo.region;
        return ['a', 'b', 'c'].map((zone) => `${name}${zone}`);
      }
      case 'Fn::ImportValue': {
        const exported = this.asText(this.value(argument, at), at, 'Fn::ImportValue');
        if (own(this.scope.imports, exported)) return this.scope.imports[exported];
        return this.fail(
          at,
          `Fn::ImportValue: the export '${exported}' comes from another stack at deploy time; give its value with --import ${exported}=<value>`,
        );
      }
      case 'Fn::FindInMap':
        return this.findInMap(argument, at);
      case 'Fn::Length': {
        const list = this.value(argument, at);
        return Array.isArray(list) ? list.length : this.fail(at, `Fn::Length needs a list, got ${describe(list)}`);
      }
      case 'Fn::ToJsonString':
        return JSON.stringify(this.value(argument, at));
      case 'Fn::Cidr': {
        if (!Array.isArray(argument) || argument.length !== 3)
          return this.fail(at, 'Fn::Cidr takes [ipBlock, count, cidrBits]');
        const [block, count, bits] = argument.map((item, i) => this.value(item, `${at}/${i}`));
        const blocks = cidrBlocks(String(block), Number(count), Number(bits));
        return typeof blocks === 'string' ? this.fail(at, `Fn::Cidr: ${blocks}`) : blocks;
      }
      case 'Fn::Equals':
      case 'Fn::And':
      case 'Fn::Or':
      case 'Fn::Not':
        return this.conditionFunction(name, argument, at);
      case 'Fn::Transform':
        return this.fail(at, 'Fn::Transform runs a macro in AWS at deploy time; aslkit cannot run it offline');
      default:
        return this.fail(at, `${name} is not an intrinsic function aslkit knows`);
    }
  }

  /** `Ref`: a pseudo parameter, a parameter, or a resource's placeholder. */
  ref(name: string, at: string): Resolved {
    if (name === 'AWS::NoValue') return NO_VALUE;
    if (name.startsWith('AWS::')) {
      const value = pseudoParameter(name, this.scope.pseudo);
      return value === undefined ? this.fail(at, `Ref: ${name} is not a pseudo parameter`) : value;
    }
    const parameters = this.section('Parameters');
    if (own(parameters, name)) return this.parameter(name, parameters[name], at);
    const resources = this.section('Resources');
    if (own(resources, name)) return this.placeholder(name, at).ref;
    const implicit = this.scope.implicitResource?.(name);
    if (implicit) return placeholderFor(implicit.type, implicit.name, this.scope.pseudo).ref;
    return this.fail(
      at,
      `Ref: no parameter or resource '${name}' in the template${didYouMean(name, [...Object.keys(parameters), ...Object.keys(resources)])}`,
    );
  }

  private parameter(name: string, declaration: unknown, at: string): Resolved {
    const fields = isFields(declaration) ? declaration : {};
    const type = typeof fields['Type'] === 'string' ? fields['Type'] : 'String';
    const isList = type === 'CommaDelimitedList' || type.startsWith('List<');
    const given = own(this.scope.parameters, name) ? this.scope.parameters[name] : undefined;
    if (given === undefined && type.startsWith('AWS::SSM::Parameter::Value<'))
      return this.fail(
        at,
        `Ref: parameter '${name}' is read from SSM Parameter Store at deploy time; give its value with --parameter ${name}=<value>`,
      );
    const value = given ?? fields['Default'];
    if (value === undefined)
      return this.fail(at, `Ref: parameter '${name}' has no Default; give its value with --parameter ${name}=<value>`);
    if (Array.isArray(value)) return isList ? [...(value as unknown[])] : value.join(',');
    // A Number parameter is a string wherever it is referenced (CloudFormation's Parameters documentation).
    const text = this.asText(value, at, `Ref: parameter '${name}'`);
    return isList ? text.split(',').map((item) => item.trim()) : text;
  }

  /** The placeholder of a resource of this template (its logical id must exist). */
  placeholder(logicalId: string, at: string): Placeholder {
    const cached = this.placeholders.get(logicalId);
    if (cached) return cached;
    const resource = this.section('Resources')[logicalId];
    const type =
      isFields(resource) && typeof resource['Type'] === 'string' ? resource['Type'] : 'AWS::Unknown::Resource';
    const placeholder = placeholderFor(type, this.resourceName(logicalId, at), this.scope.pseudo);
    this.placeholders.set(logicalId, placeholder);
    return placeholder;
  }

  /** The physical name aslkit gives a resource: its name property when the template sets one, else its logical id. */
  resourceName(logicalId: string, at: string): string {
    const resource = this.section('Resources')[logicalId];
    if (!isFields(resource) || typeof resource['Type'] !== 'string') return logicalId;
    const property = nameProperty(resource['Type']);
    const properties = isFields(resource['Properties']) ? resource['Properties'] : {};
    if (property === undefined || !own(properties, property)) return logicalId;
    const key = `name:${logicalId}`;
    if (this.busy.has(key)) return this.fail(at, `the name of '${logicalId}' refers to itself`);
    this.busy.add(key);
    try {
      const name = this.value(properties[property], `/Resources/${segment(logicalId)}/Properties/${property}`);
      return typeof name === 'string' ? name : logicalId;
    } finally {
      this.busy.delete(key);
    }
  }

  /** `Fn::GetAtt`: `[LogicalId, Attribute]` or `"LogicalId.Attribute"`. */
  getAtt(argument: unknown, at: string): Resolved {
    let logicalId: unknown;
    let attribute: unknown;
    if (typeof argument === 'string') {
      const dot = argument.indexOf('.');
      [logicalId, attribute] = dot < 0 ? [argument, undefined] : [argument.slice(0, dot), argument.slice(dot + 1)];
    } else if (Array.isArray(argument) && argument.length === 2) {
      logicalId = argument[0];
      attribute = this.value(argument[1], `${at}/1`);
    }
    if (typeof logicalId !== 'string' || typeof attribute !== 'string')
      return this.fail(at, 'Fn::GetAtt takes [LogicalId, Attribute] (or LogicalId.Attribute)');
    const resources = this.section('Resources');
    const resource = resources[logicalId];
    if (!own(resources, logicalId)) {
      const implicit = this.scope.implicitResource?.(logicalId);
      const value = implicit && placeholderFor(implicit.type, implicit.name, this.scope.pseudo).attribute(attribute);
      if (value) return value;
      return this.fail(
        at,
        `Fn::GetAtt: no resource '${logicalId}' in the template${didYouMean(logicalId, Object.keys(resources))}`,
      );
    }
    const type = isFields(resource) ? String(resource['Type']) : '';
    if (type === 'AWS::CloudFormation::Stack' && attribute.startsWith('Outputs.') && this.scope.stackOutput)
      return this.scope.stackOutput(logicalId, attribute.slice('Outputs.'.length), at);
    if (type.startsWith('Custom::') || type === 'AWS::CloudFormation::CustomResource')
      return this.fail(
        at,
        `Fn::GetAtt: '${logicalId}.${attribute}' is what the custom resource returns at deploy time; aslkit cannot know it`,
      );
    const placeholder = this.placeholder(logicalId, at);
    return (
      placeholder.attribute(attribute) ??
      this.fail(
        at,
        `Fn::GetAtt: aslkit has no placeholder for the attribute '${attribute}' of ${type} '${logicalId}'${didYouMean(attribute, placeholder.attributes)}`,
      )
    );
  }

  /** `Fn::Sub`: a string with `${Name}`, `${Resource.Attribute}`, `${AWS::Region}`, or `[string, { Name: value }]`. */
  sub(argument: unknown, at: string): TracedText {
    const [template, variables, templateAt] = Array.isArray(argument)
      ? [(argument as unknown[])[0], (argument as unknown[])[1], `${at}/0`]
      : [argument, undefined, at];
    if (typeof template !== 'string') return this.fail(at, 'Fn::Sub takes a string, or [string, { name: value }]');
    const map = isFields(variables) ? variables : {};
    const parts: TracedText[] = [];
    let index = 0;
    while (index < template.length) {
      const open = template.indexOf('${', index);
      const close = open < 0 ? -1 : template.indexOf('}', open);
      if (open < 0 || close < 0) {
        parts.push(literalText(template.slice(index), this.document, templateAt, index));
        break;
      }
      parts.push(literalText(template.slice(index, open), this.document, templateAt, index));
      const name = template.slice(open + 2, close);
      if (name.startsWith('!')) {
        // `${!Literal}` is written out as `${Literal}`.
        parts.push(literalText('${', this.document, templateAt, open));
        parts.push(literalText(template.slice(open + 3, close + 1), this.document, templateAt, open + 3));
      } else if (own(map, name)) {
        parts.push(this.text(map[name], `${at}/1/${segment(name)}`));
      } else {
        const dot = name.indexOf('.');
        const value =
          dot < 0 || name.startsWith('AWS::')
            ? this.ref(name, templateAt)
            : this.getAtt([name.slice(0, dot), name.slice(dot + 1)], templateAt);
        const text = this.asText(value, templateAt, `Fn::Sub's \${${name}}`);
        parts.push({
          text,
          segments:
            text === ''
              ? []
              : [
                  {
                    start: 0,
                    end: text.length,
                    origin: { document: this.document, pointer: templateAt, offset: open, fixed: true },
                  },
                ],
        });
      }
      index = close + 1;
    }
    return joinTexts(parts);
  }

  /** `Fn::Join [delimiter, [parts…]]`. */
  join(argument: unknown, at: string): TracedText {
    if (!Array.isArray(argument) || argument.length !== 2 || typeof argument[0] !== 'string')
      return this.fail(at, 'Fn::Join takes [delimiter, [values]]');
    const delimiter = literalText(argument[0], this.document, `${at}/0`);
    const list: unknown = argument[1];
    let parts: TracedText[];
    if (Array.isArray(list)) {
      parts = [];
      list.forEach((item, i) => {
        const itemAt = `${at}/1/${i}`;
        if (this.value(item, itemAt) !== NO_VALUE) parts.push(this.text(item, itemAt));
      });
    } else {
      const values = this.value(list, `${at}/1`);
      if (!Array.isArray(values)) return this.fail(`${at}/1`, `Fn::Join needs a list, got ${describe(values)}`);
      parts = values.map((value) => computedText(this.asText(value, `${at}/1`, 'Fn::Join'), this.document, `${at}/1`));
    }
    return joinTexts(parts.flatMap((part, i) => (i === 0 ? [part] : [delimiter, part])));
  }

  private findInMap(argument: unknown, at: string): Resolved {
    if (!Array.isArray(argument) || argument.length < 3)
      return this.fail(at, 'Fn::FindInMap takes [MapName, TopLevelKey, SecondLevelKey]');
    const [mapName, top, second] = argument.slice(0, 3).map((item, i) => this.value(item, `${at}/${i}`));
    const fallback =
      isFields(argument[3]) && own(argument[3], 'DefaultValue') ? argument[3]['DefaultValue'] : undefined;
    const mappings = this.section('Mappings');
    const map = mappings[String(mapName)];
    const level = isFields(map) ? map[String(top)] : undefined;
    const value = isFields(level) && own(level, String(second)) ? level[String(second)] : undefined;
    if (value !== undefined) return value;
    if (fallback !== undefined) return this.value(fallback, `${at}/3/DefaultValue`);
    return this.fail(at, `Fn::FindInMap: Mappings has no ${String(mapName)} > ${String(top)} > ${String(second)}`);
  }

  /** A condition: a name from `Conditions`, or a condition function. */
  condition(node: unknown, at: string): boolean {
    if (typeof node === 'string') return this.namedCondition(node, at);
    if (isFields(node) && Object.keys(node).length === 1 && typeof node['Condition'] === 'string')
      return this.namedCondition(node['Condition'], `${at}/Condition`);
    const value = this.value(node, at);
    if (typeof value === 'boolean') return value;
    if (value === 'true' || value === 'false') return value === 'true';
    return this.fail(at, `a condition must be true or false, got ${describe(value)}`);
  }

  private namedCondition(name: string, at: string): boolean {
    const cached = this.conditions.get(name);
    if (cached !== undefined) return cached;
    const conditions = this.section('Conditions');
    if (!own(conditions, name))
      return this.fail(at, `no condition '${name}' in Conditions${didYouMean(name, Object.keys(conditions))}`);
    const key = `condition:${name}`;
    if (this.busy.has(key)) return this.fail(at, `the condition '${name}' depends on itself`);
    this.busy.add(key);
    try {
      const result = this.condition(conditions[name], `/Conditions/${segment(name)}`);
      this.conditions.set(name, result);
      return result;
    } finally {
      this.busy.delete(key);
    }
  }

  private conditionFunction(name: string, argument: unknown, at: string): boolean {
    if (!Array.isArray(argument)) return this.fail(at, `${name} takes a list`);
    if (name === 'Fn::Equals') {
      if (argument.length !== 2) return this.fail(at, 'Fn::Equals takes [value, value]');
      const [a, b] = argument.map((item, i) => this.value(item, `${at}/${i}`));
      return JSON.stringify(scalarText(a)) === JSON.stringify(scalarText(b));
    }
    const results = argument.map((item, i) => this.condition(item, `${at}/${i}`));
    if (name === 'Fn::Not') {
      if (results.length !== 1) return this.fail(at, 'Fn::Not takes [condition]');
      return !results[0];
    }
    return name === 'Fn::And' ? results.every(Boolean) : results.some(Boolean);
  }
}

/** Numbers and booleans compare as their text, as CloudFormation compares parameter values. */
const scalarText = (value: unknown): unknown =>
  typeof value === 'number' || typeof value === 'boolean' ? String(value) : value;

function describe(value: unknown): string {
  if (value === NO_VALUE) return 'AWS::NoValue';
  if (Array.isArray(value)) return 'a list';
  if (value === null) return 'null';
  return typeof value === 'object' ? 'an object' : `${typeof value} ${JSON.stringify(value)}`;
}
