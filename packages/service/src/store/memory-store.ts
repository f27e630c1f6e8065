/** The in-memory store (`aslkit serve --memory`): everything is gone when the process ends. */
import type { HistoryEvent } from '@aslkit/core';
import type { ActivityRecord, ExecutionRecord, MachineRecord, ServiceStore, Tag } from './service-store.js';

export class MemoryServiceStore implements ServiceStore {
  readonly durable = false;
  private readonly machines = new Map<string, MachineRecord>();
  private readonly executions = new Map<string, ExecutionRecord>();
  private readonly byMachine = new Map<string, Map<string, ExecutionRecord>>();
  private readonly histories = new Map<string, HistoryEvent[]>();
  private readonly activities = new Map<string, ActivityRecord>();
  private readonly tagsByArn = new Map<string, Tag[]>();

  getMachine(arn: string): MachineRecord | undefined {
    return this.machines.get(arn);
  }
  putMachine(record: MachineRecord): void {
    this.machines.set(record.arn, record);
  }
  deleteMachine(arn: string): void {
    this.machines.delete(arn);
    this.tagsByArn.delete(arn);
  }
  listMachines(): readonly MachineRecord[] {
    return [...this.machines.values()];
  }

  getExecution(arn: string): ExecutionRecord | undefined {
    return this.executions.get(arn);
  }
  putExecution(record: ExecutionRecord): void {
    if (!this.executions.has(record.arn)) this.histories.set(record.arn, []);
    let ofMachine = this.byMachine.get(record.machineArn);
    if (!ofMachine) this.byMachine.set(record.machineArn, (ofMachine = new Map<string, ExecutionRecord>()));
    // A Map keeps the first insertion's place when a record is replaced: start order stays.
    ofMachine.set(record.arn, record);
    this.executions.set(record.arn, record);
  }
  listExecutions(machineArn: string): readonly ExecutionRecord[] {
    return [...(this.byMachine.get(machineArn)?.values() ?? [])];
  }
  allExecutions(): readonly ExecutionRecord[] {
    return [...this.executions.values()];
  }
  appendEvents(executionArn: string, events: readonly HistoryEvent[]): void {
    const history = this.histories.get(executionArn);
    if (history) for (const event of events) history.push(event);
  }
  events(executionArn: string): readonly HistoryEvent[] {
    return this.histories.get(executionArn) ?? [];
  }

  getActivity(arn: string): ActivityRecord | undefined {
    return this.activities.get(arn);
  }
  putActivity(record: ActivityRecord): void {
    this.activities.set(record.arn, record);
  }
  deleteActivity(arn: string): void {
    this.activities.delete(arn);
    this.tagsByArn.delete(arn);
  }
  listActivities(): readonly ActivityRecord[] {
    return [...this.activities.values()];
  }

  tags(resourceArn: string): readonly Tag[] {
    return this.tagsByArn.get(resourceArn) ?? [];
  }
  setTags(resourceArn: string, tags: readonly Tag[]): void {
    this.tagsByArn.set(resourceArn, [...tags]);
  }
}
