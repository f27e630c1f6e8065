/**
 * A Task's `Resource` is an ARN AWS recognizes, and EXPRESS machines avoid the integration
 * patterns they cannot run. AWS-observed:
 * - "The resource provided arn:aws:states:::dynamodb:query is not recognized. The value is not a
 *   valid resource ARN, or the resource is not available in this region." at /States/Query/Resource
 *   (conformance validation__services__invalid_integration__exception; DynamoDB's optimized
 *   integration has four APIs, `query` is reachable only through `aws-sdk:dynamodb:query`).
 * - "Express state machine does not support '.waitForTaskToken' service integration " (sic, with
 *   the trailing space) at …/Resource (localstack test_sfn_api_validation, ILLEGAL_WFTT).
 *
 * Only services listed below are checked API by API, so an integration newer than this table is
 * never rejected; `aws-sdk:*` integrations are not checked at all.
 */
import { hasOwn } from '../../json.js';
import type { RuleContext } from './context.js';
import { hasSubstitution } from './substitutions.js';

/** Optimized integrations (AWS developer guide, "Integrating optimized services"). */
const OPTIMIZED_APIS: Record<string, readonly string[]> = {
  lambda: ['invoke'],
  dynamodb: ['getItem', 'putItem', 'updateItem', 'deleteItem'],
  sqs: ['sendMessage'],
  sns: ['publish'],
  states: ['startExecution'],
  events: ['putEvents'],
  ecs: ['runTask'],
  batch: ['submitJob'],
  glue: ['startJobRun'],
  apigateway: ['invoke'],
  athena: ['startQueryExecution', 'stopQueryExecution', 'getQueryExecution', 'getQueryResults'],
  codebuild: [
    'startBuild',
    'stopBuild',
    'batchDeleteBuilds',
    'batchGetReports',
    'startBuildBatch',
    'stopBuildBatch',
    'retryBuildBatch',
    'retryBuild',
    'deleteBuildBatch',
  ],
  eks: [
    'createCluster',
    'deleteCluster',
    'createFargateProfile',
    'deleteFargateProfile',
    'createNodegroup',
    'deleteNodegroup',
    'runJob',
    'call',
  ],
  elasticmapreduce: [
    'createCluster',
    'terminateCluster',
    'addStep',
    'cancelStep',
    'setClusterTerminationProtection',
    'modifyInstanceFleetByName',
    'modifyInstanceGroupByName',
  ],
  'emr-containers': ['startJobRun', 'createVirtualCluster', 'deleteVirtualCluster'],
  'emr-serverless': [
    'createApplication',
    'startApplication',
    'stopApplication',
    'deleteApplication',
    'startJobRun',
    'cancelJobRun',
  ],
  sagemaker: [
    'createEndpoint',
    'createEndpointConfig',
    'createHyperParameterTuningJob',
    'createLabelingJob',
    'createModel',
    'createProcessingJob',
    'createTrainingJob',
    'createTransformJob',
    'updateEndpoint',
  ],
};

const ARN = /^arn:[^:]+:[^:]+:[^:]*:[^:]*:.+$/s;
const STATES_SERVICE = /^arn:[^:]+:states:[^:]*:[^:]*:(.+?)(\.sync(?::\d+)?|\.waitForTaskToken)?$/s;
const ACTIVITY = /^arn:[^:]+:states:[^:]*:[^:]*:activity:/;

const notRecognized = (arn: string): string =>
  `The resource provided ${arn} is not recognized. The value is not a valid resource ARN, or the resource is not available in this region.`;

/** Reports Task resources AWS does not recognize, and integrations EXPRESS machines cannot use. */
export function checkResources(context: RuleContext): void {
  for (const state of context.states) {
    const resource = state.fields['Resource'];
    // A `${Name}` placeholder is reported by the substitutions rule, in words that say what is missing.
    if (state.type !== 'Task' || typeof resource !== 'string' || hasSubstitution(resource)) continue;
    const report = (message: string) =>
      context.report({ message, path: `${state.pointer}/Resource`, stateName: state.name });
    if (!ARN.test(resource)) {
      report(notRecognized(resource));
      continue;
    }
    if (ACTIVITY.test(resource)) {
      if (context.machineType === 'EXPRESS') report('Express state machine does not support Activity ARN');
      continue;
    }
    const service = STATES_SERVICE.exec(resource);
    if (!service) continue;
    const [, integration, pattern] = service;
    const colon = integration!.indexOf(':');
    const name = colon < 0 ? integration! : integration!.slice(0, colon);
    const api = colon < 0 ? '' : integration!.slice(colon + 1);
    const known = hasOwn(OPTIMIZED_APIS, name) ? OPTIMIZED_APIS[name] : undefined;
    if (known && !known.includes(api)) {
      report(notRecognized(resource));
      continue;
    }
    if (context.machineType === 'EXPRESS' && pattern) {
      const kind = pattern.startsWith('.sync') ? '.sync' : '.waitForTaskToken';
      report(`Express state machine does not support '${kind}' service integration `);
    }
  }
}
