/** Every operation the service answers, by its `X-Amz-Target` name (`AWSStepFunctions.<name>`). */
import type { Operation } from './context.js';
import {
  createStateMachine,
  deleteStateMachine,
  describeStateMachine,
  listStateMachines,
  updateStateMachine,
  validateStateMachineDefinition,
} from './state-machines.js';
import {
  describeExecution,
  describeStateMachineForExecution,
  getExecutionHistory,
  listExecutions,
  startExecution,
  startSyncExecution,
  stopExecution,
  redriveExecution,
} from './executions.js';
import { sendTaskFailure, sendTaskHeartbeat, sendTaskSuccess } from './tasks.js';
import { createActivity, deleteActivity, describeActivity, getActivityTask, listActivities } from './activities.js';
import { listTagsForResource, tagResource, untagResource } from './tags.js';
import { testStateOperation } from './test-state.js';
import { describeMapRun, listMapRuns, updateMapRun } from './map-runs.js';

export const OPERATIONS: Readonly<Record<string, Operation>> = {
  CreateStateMachine: createStateMachine,
  DescribeStateMachine: describeStateMachine,
  UpdateStateMachine: updateStateMachine,
  DeleteStateMachine: deleteStateMachine,
  ListStateMachines: listStateMachines,
  ValidateStateMachineDefinition: validateStateMachineDefinition,
  StartExecution: startExecution,
  StartSyncExecution: startSyncExecution,
  DescribeExecution: describeExecution,
  ListExecutions: listExecutions,
  StopExecution: stopExecution,
  RedriveExecution: redriveExecution,
  GetExecutionHistory: getExecutionHistory,
  DescribeStateMachineForExecution: describeStateMachineForExecution,
  SendTaskSuccess: sendTaskSuccess,
  SendTaskFailure: sendTaskFailure,
  SendTaskHeartbeat: sendTaskHeartbeat,
  CreateActivity: createActivity,
  DescribeActivity: describeActivity,
  DeleteActivity: deleteActivity,
  ListActivities: listActivities,
  GetActivityTask: getActivityTask,
  TagResource: tagResource,
  UntagResource: untagResource,
  ListTagsForResource: listTagsForResource,
  TestState: testStateOperation,
  ListMapRuns: listMapRuns,
  DescribeMapRun: describeMapRun,
  UpdateMapRun: updateMapRun,
};
