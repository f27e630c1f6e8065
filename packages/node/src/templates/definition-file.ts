/**
 * A plain definition file (`.asl.json`, `.asl.yaml`) as a machine source. With `${Name}` values
 * (`--substitute`, `--substitutions`), they are filled in as AWS fills `DefinitionSubstitutions`;
 * a Terraform template (`.tftpl`) is filled as `templatefile()` fills it: `$${` is a literal `${`,
 * and a variable without a value is a problem, as Terraform makes it.
 */
import { basename } from 'node:path';
import { definitionInput } from '../definitions/definition-input.js';
import { textDefinition } from './definition-build.js';
import { givenSubstitutions } from './definition-substitutions.js';
import { textDocument } from './source-document.js';
import { joinTexts, literalText, placeOf, sliceText, type TracedText } from './traced-text.js';
import { TemplateError, type TemplateProblem } from './template-problem.js';
import type { MachineSet } from './template-machine.js';
import type { TemplateOptions } from './template-options.js';

export const isTerraformTemplate = (path: string): boolean => /\.tftpl$/i.test(path);

export function loadDefinitionFile(text: string, path: string, file: string, options: TemplateOptions): MachineSet {
  const document = textDocument(text, path, file);
  const values = options.substitutions ?? {};
  const traced = literalText(text, document, '', 0);
  const definition = () => {
    if (isTerraformTemplate(path)) return textDefinition(templateFile(traced, values), new Map(), { file }, file);
    if (Object.keys(values).length === 0) return definitionInput(text, file);
    return textDefinition(traced, givenSubstitutions(values, { file }), { file }, file);
  };
  const id = basename(path).replace(/(\.asl)?\.(json|ya?ml|tftpl)$/i, '');
  return {
    kind: 'definition',
    file,
    machines: [
      {
        id,
        name: 'StateMachine',
        arn: 'arn:aws:states:us-east-1:123456789012:stateMachine:StateMachine',
        place: { file },
        definition,
        resources: [],
        functions: [],
      },
    ],
  };
}

/** `templatefile()`'s interpolation: `${name}` from the variables, `$${` and `%%{` as literals; directives are not supported. */
function templateFile(text: TracedText, values: Readonly<Record<string, string | number | boolean>>): TracedText {
  const parts: TracedText[] = [];
  const problems: TemplateProblem[] = [];
  const source = text.text;
  let from = 0;
  const pattern = /(\$\$\{|%%\{)|\$\{\s*([^}]*?)\s*\}|%\{/g;
  for (const match of source.matchAll(pattern)) {
    const at = match.index;
    parts.push(sliceText(text, from, at));
    const where = placeOf(text.segments[0]!.origin.document, '', at);
    if (match[1]) parts.push(sliceText(text, at + 1, at + 3));
    else if (match[0] === '%{')
      problems.push({
        ...where,
        message: 'template directives (%{ if }, %{ for }) are not supported; aslkit fills ${name} only',
      });
    else {
      const name = match[2]!;
      if (Object.prototype.hasOwnProperty.call(values, name)) parts.push({ text: String(values[name]), segments: [] });
      else
        problems.push({
          ...where,
          message: `vars map does not contain key "${name}" (give it with --substitute ${name}=<value>)`,
        });
    }
    from = at + match[0].length;
  }
  if (problems.length > 0) throw new TemplateError(problems);
  parts.push(sliceText(text, from, source.length));
  return joinTexts(parts);
}
