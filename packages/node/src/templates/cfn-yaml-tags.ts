/**
 * CloudFormation's YAML short forms as custom tags of the `yaml` library: `!Sub 'x'` reads as
 * `{ "Fn::Sub": "x" }`, `!GetAtt A.B` as `{ "Fn::GetAtt": ["A", "B"] }`, and so on for every
 * function of the template reference. A tagged sequence or mapping becomes a one-key mapping
 * whose value is the original node, so the tagged node keeps its place in the file and every
 * JSON pointer through it (`…/Fn::Join/1/0`) still leads to a located node.
 */
import { Pair, Scalar, YAMLMap, type CollectionTag, type ScalarTag, type YAMLSeq } from 'yaml';

/** Short-form tag → long-form key (AWS CloudFormation template reference, "Intrinsic function reference"). */
export const SHORT_FORMS: Readonly<Record<string, string>> = {
  '!Ref': 'Ref',
  '!Condition': 'Condition',
  '!Base64': 'Fn::Base64',
  '!Cidr': 'Fn::Cidr',
  '!FindInMap': 'Fn::FindInMap',
  '!GetAtt': 'Fn::GetAtt',
  '!GetAZs': 'Fn::GetAZs',
  '!ImportValue': 'Fn::ImportValue',
  '!Join': 'Fn::Join',
  '!Select': 'Fn::Select',
  '!Split': 'Fn::Split',
  '!Sub': 'Fn::Sub',
  '!Transform': 'Fn::Transform',
  '!And': 'Fn::And',
  '!Equals': 'Fn::Equals',
  '!If': 'Fn::If',
  '!Not': 'Fn::Not',
  '!Or': 'Fn::Or',
  '!Length': 'Fn::Length',
  '!ToJsonString': 'Fn::ToJsonString',
  '!ForEach': 'Fn::ForEach',
};

/** `!GetAtt Resource.Attribute` splits at the first dot (attributes such as `Outputs.Name` keep theirs). */
function scalarValue(key: string, text: string): unknown {
  if (key !== 'Fn::GetAtt') return text;
  const dot = text.indexOf('.');
  return dot < 0 ? [text] : [text.slice(0, dot), text.slice(dot + 1)];
}

function wrap(key: string, node: YAMLMap | YAMLSeq): YAMLMap {
  const map = new YAMLMap();
  map.items.push(new Pair(new Scalar(key), node));
  // The mapping made here stands where the tagged node stood.
  if (node.range) map.range = node.range;
  return map;
}

/** Every short form, for scalars, sequences and mappings alike (`!Base64 { Fn::Sub: … }`). */
export const CFN_YAML_TAGS: (ScalarTag | CollectionTag)[] = Object.entries(SHORT_FORMS).flatMap(([tag, key]) => [
  { tag, resolve: (text: string) => ({ [key]: scalarValue(key, text) }) },
  { tag, collection: 'seq', resolve: (node: unknown) => wrap(key, node as YAMLSeq) } as unknown as CollectionTag,
  { tag, collection: 'map', resolve: (node: unknown) => wrap(key, node as YAMLMap) } as unknown as CollectionTag,
]);
