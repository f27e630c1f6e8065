/**
 * The semantic rules, in the order their diagnostics are reported. Structural problems come
 * first, as AWS reports a dangling `Next` before `MISSING_END_STATE` (floci-io/floci#2786).
 */
import { checkChoiceRules } from './choice-rules.js';
import type { Rule } from './context.js';
import { checkErrorEquals } from './error-equals.js';
import { checkJsonataExpressions } from './jsonata-expressions.js';
import { checkMapConfig } from './map-config.js';
import { checkMapRunConfig } from './map-run-config.js';
import { checkNoPath } from './no-path.js';
import { checkPaths } from './paths.js';
import { checkPayloadTemplates } from './payload-templates.js';
import { checkQueryLanguage } from './query-language.js';
import { checkReachability } from './reachability.js';
import { checkResources } from './resources.js';
import { checkStateNames } from './state-names.js';
import { checkTaskTimeouts } from './task-timeouts.js';
import { checkTransitionTargets } from './transitions.js';
import { checkSubstitutions } from './substitutions.js';
import { checkWaitTimestamps } from './wait-timestamp.js';

export const RULES: readonly Rule[] = [
  checkStateNames,
  checkQueryLanguage,
  checkTransitionTargets,
  checkReachability,
  checkErrorEquals,
  checkPaths,
  checkPayloadTemplates,
  checkChoiceRules,
  checkWaitTimestamps,
  checkTaskTimeouts,
  checkJsonataExpressions,
  checkSubstitutions,
  checkResources,
  checkMapConfig,
  checkMapRunConfig,
  checkNoPath,
];
