import { describe, expect, it } from 'vitest';
import type { Json } from '../json.js';
import { StateMachine, type StartOptions } from '../runtime/state-machine.js';
import { TaskError } from '../resolvers/resolver.js';
import { createMemoryObjectStore, type ObjectMap } from '../distributed/object-store.js';
import { buildGraph } from '../graph/model.js';
import { updateMapRun } from '../distributed/map-run.js';
import { foldHistory } from '../graph/fold.js';
import { traceExecution } from '../coverage/trace.js';

const START = { seed: 'dmap', startTime: '2024-01-01T00:00:00.000Z' } satisfies StartOptions;
const LAMBDA = 'arn:aws:lambda:us-east-1:123456789012:function:work';

/** A machine of one distributed Map (`fields` merged into it) whose children run `states`. */
function machine(fields: Record<string, Json>, states: Record<string, Json> = {}, options = {}) {
  return StateMachine.from(
    {
      StartAt: 'M',
      States: {
        M: {
          Type: 'Map',
          ItemProcessor: {
            ProcessorConfig: { Mode: 'DISTRIBUTED', ExecutionType: 'STANDARD' },
            StartAt: 'Inner',
            States: { Inner: { Type: 'Pass', End: true }, ...states },
          },
          End: true,
          ...fields,
        },
      },
    },
    { name: 'Orders', ...options },
  );
}

const types = (events: readonly { type: string }[]): string[] => events.map((e) => e.type);

describe('a distributed Map: the Map Run', () => {
  it('records MapRunStarted and MapRunSucceeded in the parent, and no iteration events', async () => {
    const execution = machine({}).start([1, 2], START);
    const result = await execution.result;
    expect(result.output).toEqual([1, 2]);
    expect(types(result.history)).toEqual([
      'ExecutionStarted',
      'MapStateEntered',
      'MapStateStarted',
      'MapRunStarted',
      'MapRunSucceeded',
      'MapStateSucceeded',
      'MapStateExited',
      'ExecutionSucceeded',
    ]);
    const [, entered, started, runStarted, runSucceeded, stateSucceeded, exited] = result.history;
    expect(started!.previousEventId).toBe(entered!.id);
    expect(runStarted!.previousEventId).toBe(started!.id);
    expect(runSucceeded!.previousEventId).toBe(runStarted!.id);
    // Both point at MapRunSucceeded (history-events.md §3: test_map_state_legacy_config_distributed).
    expect(stateSucceeded!.previousEventId).toBe(runSucceeded!.id);
    expect(exited!.previousEventId).toBe(runSucceeded!.id);
    const mapRunArn = (runStarted as { mapRunStartedEventDetails: { mapRunArn: string } }).mapRunStartedEventDetails
      .mapRunArn;
    expect(mapRunArn).toMatch(/^arn:aws:states:us-east-1:123456789012:mapRun:Orders\/M:[0-9a-f-]{36}$/);
    expect(execution.mapRuns).toHaveLength(1);
    const run = execution.mapRuns[0]!;
    expect(run).toMatchObject({ mapRunArn, status: 'SUCCEEDED', stateName: 'M', executionType: 'STANDARD' });
    expect(run.itemCounts).toMatchObject({ succeeded: 2, failed: 0, pending: 0, total: 2 });
  });

  it('runs each item as a child execution with its own ARN, history and $$', async () => {
    const execution = machine(
      { Label: 'Batch' },
      {
        Inner: {
          Type: 'Pass',
          Parameters: { 'execution.$': '$$.Execution', 'machine.$': '$$.StateMachine' },
          End: true,
        },
      },
    ).start(['a'], { ...START, mapRuns: { childHistories: 'all' } });
    const result = await execution.result;
    const child = execution.mapRuns[0]!.children[0]!;
    expect(child.executionArn).toMatch(/^arn:aws:states:us-east-1:123456789012:execution:Orders\/Batch:[0-9a-f-]{36}$/);
    expect(result.output).toEqual([
      {
        execution: {
          Id: child.executionArn,
          Input: 'a',
          StartTime: '2024-01-01T00:00:00.000Z',
          Name: child.name,
          RoleArn: 'arn:aws:iam::123456789012:role/aslkit-execution-role',
          RedriveCount: 0,
        },
        machine: { Id: 'arn:aws:states:us-east-1:123456789012:stateMachine:Orders/Batch', Name: 'Orders/Batch' },
      },
    ]);
    expect(types(child.history!)).toEqual([
      'ExecutionStarted',
      'PassStateEntered',
      'PassStateExited',
      'ExecutionSucceeded',
    ]);
  });

  it('gives EXPRESS children the express ARN form', async () => {
    const m = StateMachine.from({
      StartAt: 'M',
      States: {
        M: {
          Type: 'Map',
          ItemProcessor: {
            ProcessorConfig: { Mode: 'DISTRIBUTED', ExecutionType: 'EXPRESS' },
            StartAt: 'P',
            States: { P: { Type: 'Pass', End: true } },
          },
          End: true,
        },
      },
    });
    const execution = m.start([1], START);
    await execution.result;
    expect(execution.mapRuns[0]!.children[0]!.executionArn).toMatch(
      /^arn:aws:states:us-east-1:123456789012:express:StateMachine\/M:[0-9a-f-]{36}:[0-9a-f-]{36}$/,
    );
  });

  it('keeps only the histories of children that did not succeed, by default', async () => {
    const execution = machine(
      { ToleratedFailureCount: 1 },
      {
        Inner: { Type: 'Choice', Choices: [{ Variable: '$', NumericEquals: 2, Next: 'Bad' }], Default: 'Ok' },
        Ok: { Type: 'Pass', End: true },
        Bad: { Type: 'Fail', Error: 'Two' },
      },
    ).start([1, 2, 3], START);
    const result = await execution.result;
    expect(result.status).toBe('SUCCEEDED');
    const children = execution.mapRuns[0]!.children;
    expect(children.map((c) => c.status)).toEqual(['SUCCEEDED', 'FAILED', 'SUCCEEDED']);
    expect(children.map((c) => c.history !== undefined)).toEqual([false, true, false]);
    // A failed child's entry is its execution record, as AWS gives it (Transformation NONE).
    expect(result.output).toEqual([1, expect.objectContaining({ Error: 'Two', Status: 'FAILED' }), 3]);
  });

  it('fails with States.ExceedToleratedFailureThreshold when more children fail than tolerated', async () => {
    const execution = machine({ MaxConcurrency: 1 }, { Inner: { Type: 'Fail', Error: 'Boom', Cause: 'no' } }).start(
      [1, 2, 3],
      START,
    );
    const result = await execution.result;
    expect(result).toMatchObject({
      status: 'FAILED',
      error: 'States.ExceedToleratedFailureThreshold',
      cause: 'The specified tolerated failure threshold was exceeded',
    });
    expect(types(result.history).slice(-4)).toEqual([
      'MapRunStarted',
      'MapRunFailed',
      'MapStateFailed',
      'ExecutionFailed',
    ]);
    const run = execution.mapRuns[0]!;
    expect(run.status).toBe('FAILED');
    // One at a time: the first failure ends the run; the others never start.
    expect(run.children.map((c) => c.status)).toEqual(['FAILED', 'PENDING', 'PENDING']);
  });

  it('tolerates failures up to ToleratedFailurePercentage', async () => {
    const fail = { Inner: { Type: 'Fail', Error: 'Boom' } };
    const within = await machine({ ToleratedFailurePercentage: 100 }, fail).run([1, 2], START);
    expect(within.status).toBe('SUCCEEDED');
    const over = await machine({ ToleratedFailurePercentage: 49 }, fail).run([1, 2], START);
    expect(over.error).toBe('States.ExceedToleratedFailureThreshold');
  });

  it('runs at most MaxConcurrency children at once', async () => {
    let running = 0;
    let peak = 0;
    const result = await machine({ MaxConcurrency: 3 }, { Inner: { Type: 'Task', Resource: LAMBDA, End: true } }).run(
      Array.from({ length: 10 }, (_, i) => i),
      {
        ...START,
        resolvers: {
          [LAMBDA]: async (input, context) => {
            peak = Math.max(peak, ++running);
            await context.clock.sleep(1_000);
            running--;
            return input;
          },
        },
      },
    );
    expect(result.status).toBe('SUCCEEDED');
    expect(peak).toBe(3);
  });

  it('aborts running children and records MapRunAborted when the execution is stopped', async () => {
    const m = machine({}, { Inner: { Type: 'Task', Resource: LAMBDA, End: true } });
    const execution = m.start([1, 2], {
      ...START,
      resolvers: {
        [LAMBDA]: async (_input, context) => {
          // Stopped while the task sleeps (a microtask runs before virtual time moves on).
          queueMicrotask(() => execution.stop('Stop', 'by test'));
          await context.clock.sleep(60_000);
          return null;
        },
      },
    });
    const result = await execution.result;
    expect(result.status).toBe('ABORTED');
    expect(types(result.history).slice(-3)).toEqual(['MapRunAborted', 'MapStateAborted', 'ExecutionAborted']);
    const run = execution.mapRuns[0]!;
    expect(run.status).toBe('ABORTED');
    expect(run.children.map((c) => c.status)).toEqual(['ABORTED', 'ABORTED']);
  });

  it('is deterministic: the same run gives the same parent and child histories', async () => {
    const once = async () => {
      const execution = machine({}).start([1, 2, 3], { ...START, mapRuns: { childHistories: 'all' } });
      const result = await execution.result;
      return JSON.stringify([result.history, execution.mapRuns]);
    };
    expect(await once()).toBe(await once());
  });
});

describe('a distributed Map over a JSON object', () => {
  const keyed = {
    ItemSelector: { 'key.$': '$$.Map.Item.Key', 'index.$': '$$.Map.Item.Index', 'value.$': '$$.Map.Item.Value' },
  };

  it('runs one child per key-value pair of ItemsPath, in the object order, with $$.Map.Item.Key', async () => {
    const result = await machine({ ItemsPath: '$.byId', ...keyed }).run({ byId: { b: 2, a: 1 } }, START);
    expect(result.output).toEqual([
      { key: 'b', index: 0, value: 2 },
      { key: 'a', index: 1, value: 1 },
    ]);
    expect(result.history.find((e) => e.type === 'MapStateStarted')).toMatchObject({
      mapStateStartedEventDetails: { length: 2 },
    });
  });

  it("gives each child the pair's value when there is no ItemSelector", async () => {
    const result = await machine({}).run({ b: { x: 2 }, a: { x: 1 } }, START);
    expect(result.output).toEqual([{ x: 2 }, { x: 1 }]);
  });

  it('reads a JSON object from the ItemReader, cut at MaxItems', async () => {
    const objectStore: ObjectMap = { inputs: { 'object.json': { b: { x: 2 }, a: { x: 1 }, c: { x: 3 } } } };
    const reader = {
      Resource: 'arn:aws:states:::s3:getObject',
      ReaderConfig: { InputType: 'JSON', MaxItems: 2 },
      Parameters: { Bucket: 'inputs', Key: 'object.json' },
    };
    const result = await machine({ ItemReader: reader, ...keyed }).run({}, { ...START, objectStore });
    expect(result.output).toEqual([
      { key: 'b', index: 0, value: { x: 2 } },
      { key: 'a', index: 1, value: { x: 1 } },
    ]);
  });

  it('leaves $$.Map.Item without a Key for an array', async () => {
    const result = await machine({ ItemSelector: { 'item.$': '$$.Map.Item' } }).run(['x'], START);
    expect(result.output).toEqual([{ item: { Index: 0, Value: 'x' } }]);
  });

  it('is refused by an inline Map, as AWS refuses it', async () => {
    const inline = StateMachine.from({
      StartAt: 'M',
      States: {
        M: {
          Type: 'Map',
          ItemsPath: '$.byId',
          ItemProcessor: { StartAt: 'P', States: { P: { Type: 'Pass', End: true } } },
          End: true,
        },
      },
    });
    const result = await inline.run({ byId: { a: 1 } }, START);
    expect(result).toMatchObject({
      status: 'FAILED',
      error: 'States.Runtime',
      cause: expect.stringContaining('Reference path "$.byId" must point to array.') as string,
    });
  });
});

describe('a distributed Map: ItemReader', () => {
  const objects: ObjectMap = {
    inputs: {
      'items.json': [{ id: 1 }, { id: 2 }, { id: 3 }],
      'nested.json': { data: { records: ['x', 'y'] } },
      'scalar.json': { records: 123 },
      'lines.jsonl': '{"id":1}\n\n{"id":2}\n',
      'rows.csv': 'id,name\n1,"Ada, Countess"\n2,Alan\n',
      'pipe.csv': '1|Ada\n2|Alan\n',
      'ragged.csv': 'id,name\n1\n',
      'broken.json': '[1,',
      'logs/a.txt': 'A',
      'logs/b.txt': 'BB',
      'other/c.txt': 'C',
      'inventory/manifest.json': {
        sourceBucket: 'inputs',
        destinationBucket: 'arn:aws:s3:::inputs',
        fileFormat: 'CSV',
        fileSchema: 'Bucket, Key, Size',
        files: [{ key: 'inventory/data/1.csv', size: 10, MD5checksum: 'x' }],
      },
      'inventory/data/1.csv': 'inputs,logs/a.txt,1\ninputs,logs/b.txt,2\n',
    },
  };
  const read = (reader: Record<string, Json>, input: Json = {}, extra: Record<string, Json> = {}) =>
    machine({ ItemReader: reader, ...extra }).run(input, { ...START, objectStore: objects });
  const getObject = (key: string, config: Record<string, Json>) => ({
    Resource: 'arn:aws:states:::s3:getObject',
    ReaderConfig: config,
    Parameters: { Bucket: 'inputs', Key: key },
  });

  it('reads a JSON array, cut at MaxItems', async () => {
    const result = await read(getObject('items.json', { InputType: 'JSON', MaxItems: 2 }));
    expect(result.output).toEqual([{ id: 1 }, { id: 2 }]);
    expect(result.history.find((e) => e.type === 'MapStateStarted')).toMatchObject({
      mapStateStartedEventDetails: { length: 0 },
    });
  });

  it('takes the Key from the input through Parameters, and MaxItemsPath', async () => {
    const result = await read(
      {
        Resource: 'arn:aws:states:::s3:getObject',
        ReaderConfig: { InputType: 'JSON', MaxItemsPath: '$.limit' },
        Parameters: { Bucket: 'inputs', 'Key.$': '$.key' },
      },
      { key: 'items.json', limit: 1 },
    );
    expect(result.output).toEqual([{ id: 1 }]);
  });

  it('selects the array with ItemsPointer', async () => {
    const result = await read(getObject('nested.json', { InputType: 'JSON', ItemsPointer: '/data/records' }));
    expect(result.output).toEqual(['x', 'y']);
  });

  it('fails with AWS causes for a missing ItemsPointer and for a value that is neither array nor object', async () => {
    const missing = await read(getObject('nested.json', { InputType: 'JSON', ItemsPointer: '/data/nope' }));
    expect(missing).toMatchObject({
      error: 'States.ItemReaderFailed',
      cause:
        "An error occurred while executing the state 'M' (entered at the event id #2). The provided ReaderConfig.ItemsPointer does not match any valid path in the JSON structure.",
    });
    const notArray = await read(getObject('scalar.json', { InputType: 'JSON', ItemsPointer: '/records' }));
    expect(notArray.cause).toBe(
      "An error occurred while executing the state 'M' (entered at the event id #2). Attempting to map over non-iterable node.",
    );
    expect(types(notArray.history).slice(-4)).toEqual([
      'MapRunStarted',
      'MapRunFailed',
      'MapStateFailed',
      'ExecutionFailed',
    ]);
  });

  it('fails with States.ItemReaderFailed on a missing key, a missing bucket and broken JSON', async () => {
    const noKey = await read(getObject('nope.json', { InputType: 'JSON' }));
    expect(noKey.error).toBe('States.ItemReaderFailed');
    expect(noKey.cause).toContain('The specified key does not exist.');
    expect(noKey.cause).toContain('Error Code: NoSuchKey');
    const noBucket = await machine({
      ItemReader: {
        Resource: 'arn:aws:states:::s3:getObject',
        ReaderConfig: { InputType: 'JSON' },
        Parameters: { Bucket: 'none', Key: 'k' },
      },
    }).run({}, { ...START, objectStore: objects });
    expect(noBucket.cause).toContain('Error Code: NoSuchBucket');
    const broken = await read(getObject('broken.json', { InputType: 'JSON' }));
    expect(broken.cause).toContain('The object is not valid JSON');
  });

  it('fails clearly when no object store was given', async () => {
    const result = await machine({ ItemReader: getObject('items.json', { InputType: 'JSON' }) }).run({}, START);
    expect(result.error).toBe('States.ItemReaderFailed');
    expect(result.cause).toContain('No object store was given');
  });

  it('reads JSON Lines, skipping blank lines', async () => {
    expect((await read(getObject('lines.jsonl', { InputType: 'JSONL' }))).output).toEqual([{ id: 1 }, { id: 2 }]);
  });

  it('reads CSV with the header in the first row, quoted fields kept whole, values as strings', async () => {
    const result = await read(getObject('rows.csv', { InputType: 'CSV', CSVHeaderLocation: 'FIRST_ROW' }));
    expect(result.output).toEqual([
      { id: '1', name: 'Ada, Countess' },
      { id: '2', name: 'Alan' },
    ]);
  });

  it('reads CSV with GIVEN headers and another delimiter', async () => {
    const result = await read(
      getObject('pipe.csv', {
        InputType: 'CSV',
        CSVHeaderLocation: 'GIVEN',
        CSVHeaders: ['id', 'who'],
        CSVDelimiter: 'PIPE',
      }),
    );
    expect(result.output).toEqual([
      { id: '1', who: 'Ada' },
      { id: '2', who: 'Alan' },
    ]);
  });

  it('fails on a ragged CSV row, naming the line', async () => {
    const result = await read(getObject('ragged.csv', { InputType: 'CSV', CSVHeaderLocation: 'FIRST_ROW' }));
    expect(result.error).toBe('States.ItemReaderFailed');
    expect(result.cause).toContain('line 2 has 1 fields, but the header has 2');
  });

  it('lists objects with listObjectsV2 and a Prefix', async () => {
    const result = await read({
      Resource: 'arn:aws:states:::s3:listObjectsV2',
      Parameters: { Bucket: 'inputs', Prefix: 'logs/' },
    });
    expect(result.output).toEqual([
      { Etag: '', Key: 'logs/a.txt', LastModified: 0, Size: 1, StorageClass: 'STANDARD' },
      { Etag: '', Key: 'logs/b.txt', LastModified: 0, Size: 2, StorageClass: 'STANDARD' },
    ]);
  });

  it('reads an S3 Inventory manifest', async () => {
    const result = await read(getObject('inventory/manifest.json', { InputType: 'MANIFEST' }));
    expect(result.output).toEqual([
      { Bucket: 'inputs', Key: 'logs/a.txt', Size: '1' },
      { Bucket: 'inputs', Key: 'logs/b.txt', Size: '2' },
    ]);
  });

  it('cuts every reader at MaxItems, and reads a manifest with ManifestType S3_INVENTORY alike', async () => {
    const listed = await read({
      Resource: 'arn:aws:states:::s3:listObjectsV2',
      ReaderConfig: { MaxItems: 1 },
      Parameters: { Bucket: 'inputs', Prefix: 'logs/' },
    });
    expect((listed.output as { Key: string }[]).map((object) => object.Key)).toEqual(['logs/a.txt']);
    expect((await read(getObject('rows.csv', { InputType: 'CSV', MaxItems: 1 }))).output).toEqual([
      { id: '1', name: 'Ada, Countess' },
    ]);
    expect((await read(getObject('lines.jsonl', { InputType: 'JSONL', MaxItems: 1 }))).output).toEqual([{ id: 1 }]);
    const manifest = { InputType: 'MANIFEST', ManifestType: 'S3_INVENTORY' };
    expect((await read(getObject('inventory/manifest.json', { ...manifest, MaxItems: 1 }))).output).toEqual([
      { Bucket: 'inputs', Key: 'logs/a.txt', Size: '1' },
    ]);
  });

  it('applies ItemSelector to each item read', async () => {
    const result = await read(
      getObject('items.json', { InputType: 'JSON' }),
      { tag: 't' },
      {
        ItemSelector: { 'id.$': '$$.Map.Item.Value.id', 'index.$': '$$.Map.Item.Index', 'tag.$': '$.tag' },
      },
    );
    expect(result.output).toEqual([
      { id: 1, index: 0, tag: 't' },
      { id: 2, index: 1, tag: 't' },
      { id: 3, index: 2, tag: 't' },
    ]);
  });

  it('takes JSONata Arguments', async () => {
    const m = StateMachine.from({
      QueryLanguage: 'JSONata',
      StartAt: 'M',
      States: {
        M: {
          Type: 'Map',
          ItemReader: {
            Resource: 'arn:aws:states:::s3:getObject',
            ReaderConfig: { InputType: 'JSON', MaxItems: '{% $states.input.n %}' },
            Arguments: { Bucket: 'inputs', Key: '{% $states.input.key %}' },
          },
          ItemProcessor: {
            ProcessorConfig: { Mode: 'DISTRIBUTED', ExecutionType: 'STANDARD' },
            StartAt: 'P',
            States: { P: { Type: 'Pass', End: true } },
          },
          End: true,
        },
      },
    });
    const result = await m.run({ key: 'items.json', n: 2 }, { ...START, objectStore: objects });
    expect(result.output).toEqual([{ id: 1 }, { id: 2 }]);
  });
});

describe('a distributed Map: ItemBatcher', () => {
  it('gives each child {BatchInput, Items}, at most MaxItemsPerBatch items', async () => {
    const result = await machine({
      ItemBatcher: { MaxItemsPerBatch: 2, BatchInput: { 'job.$': '$.job' } },
      ItemsPath: '$.items',
    }).run({ job: 'j', items: [1, 2, 3] }, START);
    expect(result.output).toEqual([
      { BatchInput: { job: 'j' }, Items: [1, 2] },
      { BatchInput: { job: 'j' }, Items: [3] },
    ]);
  });

  it('keeps each batch within MaxInputBytesPerBatch', async () => {
    // `{"Items":[]}` is 12 bytes; each item `"aaaa"` is 6, plus a comma between items.
    const result = await machine({ ItemBatcher: { MaxInputBytesPerBatch: 25 } }).run(['aaaa', 'bbbb', 'cccc'], START);
    expect(result.output).toEqual([{ Items: ['aaaa', 'bbbb'] }, { Items: ['cccc'] }]);
  });

  it('fails when one item alone is larger than MaxInputBytesPerBatch', async () => {
    const result = await machine({ ItemBatcher: { MaxInputBytesPerBatch: 14 } }).run(['a long item'], START);
    expect(result.error).toBe('States.ItemReaderFailed');
    expect(result.cause).toContain('exceeds MaxInputBytesPerBatch (14 bytes)');
  });

  it('reads MaxInputBytesPerBatchPath from the input', async () => {
    const result = await machine({ ItemBatcher: { MaxInputBytesPerBatchPath: '$.bytes' }, ItemsPath: '$.items' }).run(
      { bytes: 25, items: ['aaaa', 'bbbb', 'cccc'] },
      START,
    );
    expect(result.output).toEqual([{ Items: ['aaaa', 'bbbb'] }, { Items: ['cccc'] }]);
  });

  it('reads MaxItemsPerBatchPath from the input and refuses a value below 1', async () => {
    const ok = await machine({ ItemBatcher: { MaxItemsPerBatchPath: '$.size' }, ItemsPath: '$.items' }).run(
      { size: 3, items: [1, 2, 3, 4] },
      START,
    );
    expect(ok.output).toEqual([{ Items: [1, 2, 3] }, { Items: [4] }]);
    const bad = await machine({ ItemBatcher: { MaxItemsPerBatchPath: '$.size' }, ItemsPath: '$.items' }).run(
      { size: 0, items: [1] },
      START,
    );
    expect(bad).toMatchObject({ status: 'FAILED', error: 'States.Runtime' });
    expect(bad.cause).toContain('MaxItemsPerBatch must be at least 1');
  });
});

describe('a distributed Map: ResultWriter', () => {
  const writer = { Resource: 'arn:aws:states:::s3:putObject', Parameters: { Bucket: 'out', Prefix: 'runs' } };

  it("writes AWS's manifest and SUCCEEDED file, and returns {MapRunArn, ResultWriterDetails}", async () => {
    const store = createMemoryObjectStore({ out: {} });
    const execution = machine({ ResultWriter: writer }).start([1, 2], { ...START, objectStore: store });
    const result = await execution.result;
    const mapRunArn = execution.mapRuns[0]!.mapRunArn;
    const id = mapRunArn.slice(mapRunArn.lastIndexOf(':') + 1);
    expect(result.output).toEqual({
      MapRunArn: mapRunArn,
      ResultWriterDetails: { Bucket: 'out', Key: `runs/${id}/manifest.json` },
    });
    const written = store.objects()['out']!;
    const succeeded = JSON.parse(written[`runs/${id}/SUCCEEDED_0.json`]!) as Record<string, Json>[];
    expect(succeeded).toHaveLength(2);
    expect(succeeded[0]).toMatchObject({
      Input: '1',
      InputDetails: { Included: true },
      Output: '1',
      OutputDetails: { Included: true },
      Status: 'SUCCEEDED',
      StateMachineArn: 'arn:aws:states:us-east-1:123456789012:stateMachine:Orders/M',
      ExecutionArn: execution.mapRuns[0]!.children[0]!.executionArn,
    });
    expect(JSON.parse(written[`runs/${id}/manifest.json`]!)).toEqual({
      DestinationBucket: 'out',
      MapRunArn: mapRunArn,
      ResultFiles: {
        FAILED: [],
        PENDING: [],
        SUCCEEDED: [{ Key: `runs/${id}/SUCCEEDED_0.json`, Size: written[`runs/${id}/SUCCEEDED_0.json`]!.length }],
      },
    });
  });

  it('writes FAILED and PENDING files when the run fails, then fails the state', async () => {
    const store = createMemoryObjectStore({ out: {} });
    const execution = machine(
      { ResultWriter: writer, MaxConcurrency: 1 },
      { Inner: { Type: 'Fail', Error: 'E' } },
    ).start([1, 2], { ...START, objectStore: store });
    const result = await execution.result;
    expect(result.error).toBe('States.ExceedToleratedFailureThreshold');
    const keys = Object.keys(store.objects()['out']!).map((key) => key.slice(key.lastIndexOf('/') + 1));
    expect(keys.sort()).toEqual(['FAILED_0.json', 'PENDING_0.json', 'manifest.json']);
  });

  it('fails with States.ResultWriterFailed when the bucket does not exist', async () => {
    const result = await machine({ ResultWriter: writer }).run([1], { ...START, objectStore: {} });
    expect(result.error).toBe('States.ResultWriterFailed');
    expect(result.cause).toContain('NoSuchBucket');
  });

  it('transforms the state output with WriterConfig alone (FLATTEN, NONE)', async () => {
    const flat = await machine(
      { ResultWriter: { WriterConfig: { Transformation: 'FLATTEN', OutputType: 'JSON' } } },
      { Inner: { Type: 'Pass', Parameters: { 'pair.$': 'States.Array($, $)' }, OutputPath: '$.pair', End: true } },
    ).run([1, 2], START);
    expect(flat.output).toEqual([1, 1, 2, 2]);
    const none = await machine({ ResultWriter: { WriterConfig: { Transformation: 'NONE', OutputType: 'JSON' } } }).run(
      [1],
      START,
    );
    expect(none.output).toEqual([expect.objectContaining({ Input: '1', Output: '1', Status: 'SUCCEEDED' })]);
  });

  it('writes JSON Lines with OutputType JSONL', async () => {
    const store = createMemoryObjectStore({ out: {} });
    await machine({
      ResultWriter: { ...writer, WriterConfig: { OutputType: 'JSONL', Transformation: 'COMPACT' } },
    }).run([1, 2], { ...START, objectStore: store });
    const written = store.objects()['out']!;
    const file = Object.keys(written).find((key) => key.endsWith('SUCCEEDED_0.jsonl'))!;
    expect(written[file]).toBe('1\n2');
  });
});

describe('a distributed Map of a failing Task', () => {
  it('reports the child failure in mapRuns, the threshold in the parent', async () => {
    const execution = machine({}, { Inner: { Type: 'Task', Resource: LAMBDA, End: true } }).start([1], {
      ...START,
      resolvers: { [LAMBDA]: () => Promise.reject(new TaskError('Bad', 'why')) },
    });
    const result = await execution.result;
    expect(result.error).toBe('States.ExceedToleratedFailureThreshold');
    expect(execution.mapRuns[0]!.children[0]).toMatchObject({ status: 'FAILED', error: 'Bad', cause: 'why' });
  });
});

describe('a distributed Map at scale, and seen by the viewer and coverage', () => {
  it('reads, batches and writes 100,000 items, keeping no child history it was not asked to', async () => {
    const items = Array.from({ length: 100_000 }, (_, i) => ({ id: i }));
    const store = createMemoryObjectStore({ inputs: { 'items.json': items }, out: {} });
    const execution = machine({
      ItemReader: {
        Resource: 'arn:aws:states:::s3:getObject',
        ReaderConfig: { InputType: 'JSON' },
        Parameters: { Bucket: 'inputs', Key: 'items.json' },
      },
      ItemBatcher: { MaxItemsPerBatch: 1_000 },
      ResultWriter: { Resource: 'arn:aws:states:::s3:putObject', Parameters: { Bucket: 'out', Prefix: 'p' } },
    }).start({}, { ...START, objectStore: store });
    const result = await execution.result;
    expect(result.status).toBe('SUCCEEDED');
    const run = execution.mapRuns[0]!;
    expect(run.itemCounts).toMatchObject({ succeeded: 100, total: 100 });
    expect(run.children.every((child) => child.history === undefined)).toBe(true);
    const written = store.objects()['out']!;
    const file = Object.keys(written).find((key) => key.endsWith('SUCCEEDED_0.json'))!;
    const records = JSON.parse(written[file]!) as { Output: string }[];
    expect(records).toHaveLength(100);
    expect((JSON.parse(records[99]!.Output) as { Items: { id: number }[] }).Items.at(-1)).toEqual({ id: 99_999 });
  });

  it('folds into a succeeded Map state and traces without iteration events', async () => {
    const m = machine({});
    const result = await m.run([1, 2], START);
    const snapshot = foldHistory(buildGraph(m.definition), result.history);
    expect(snapshot.status).toBe('SUCCEEDED');
    expect(snapshot.statuses['M']).toBe('succeeded');
    const trace = traceExecution(result.history, m.definition);
    expect(trace.visits.map((visit) => visit.name)).toEqual(['M']);
  });
});

describe('a distributed Map: updateMapRun on a running Map Run', () => {
  const WAIT = { Inner: { Type: 'Wait', Seconds: 10, End: true } };
  const FAIL = { Inner: { Type: 'Fail', Error: 'Item.Failed', Cause: 'no' } };

  it('a raised MaxConcurrency runs the remaining children at once', async () => {
    const execution = machine({ MaxConcurrency: 1 }, WAIT).start([1, 2, 3], START);
    execution.subscribe((event) => {
      if (event.type === 'MapRunStarted') updateMapRun(execution.mapRuns[0]!, { maxConcurrency: 3 });
    });
    const result = await execution.result;
    expect(result.status).toBe('SUCCEEDED');
    // Three children of 10 s each, all at once: 10 s, not 30 s.
    expect(result.stopDate).toBe('2024-01-01T00:00:10.000Z');
    expect(execution.mapRuns[0]!.maxConcurrency).toBe(3);
    expect(execution.mapRuns[0]!.children.map((child) => child.startDate)).toEqual([
      '2024-01-01T00:00:00.000Z',
      '2024-01-01T00:00:00.000Z',
      '2024-01-01T00:00:00.000Z',
    ]);
  });

  it('without an update, MaxConcurrency 1 runs the children one after another', async () => {
    const result = await machine({ MaxConcurrency: 1 }, WAIT).start([1, 2, 3], START).result;
    expect(result.stopDate).toBe('2024-01-01T00:00:30.000Z');
  });

  it('a raised tolerated failure count lets the run succeed with failed children', async () => {
    const execution = machine({}, FAIL).start([1, 2], START);
    execution.subscribe((event) => {
      if (event.type === 'MapRunStarted') updateMapRun(execution.mapRuns[0]!, { toleratedFailureCount: 2 });
    });
    const result = await execution.result;
    expect(result.status).toBe('SUCCEEDED');
    expect(execution.mapRuns[0]!.toleratedFailureCount).toBe(2);
    expect(execution.mapRuns[0]!.itemCounts).toMatchObject({ failed: 2, total: 2 });
  });

  it('refuses a Map Run that ended', async () => {
    const execution = machine({}).start([1], START);
    await execution.result;
    expect(() => updateMapRun(execution.mapRuns[0]!, { maxConcurrency: 2 })).toThrow(
      /is SUCCEEDED: only a running one/,
    );
  });
});

describe('a distributed Map in JSONata: every field as an expression has its effect', () => {
  const jsonata = StateMachine.from(
    {
      QueryLanguage: 'JSONata',
      StartAt: 'M',
      States: {
        M: {
          Type: 'Map',
          Items: '{% $states.input.items %}',
          ItemSelector: '{% {"n": $states.context.Map.Item.Value * 10} %}',
          Label: 'Tens',
          MaxConcurrency: '{% $states.input.concurrency %}',
          ToleratedFailureCount: '{% $states.input.tolerated %}',
          ItemBatcher: {
            MaxItemsPerBatch: '{% $states.input.perBatch %}',
            MaxInputBytesPerBatch: '{% 1000 %}',
            BatchInput: '{% {"from": $states.input.source} %}',
          },
          ResultWriter: {
            Resource: 'arn:aws:states:::s3:putObject',
            Arguments: '{% {"Bucket": "out", "Prefix": $states.input.prefix} %}',
            WriterConfig: { OutputType: 'JSONL' },
          },
          ItemProcessor: {
            ProcessorConfig: { Mode: 'DISTRIBUTED', ExecutionType: 'STANDARD' },
            StartAt: 'Check',
            States: {
              Check: {
                Type: 'Choice',
                Choices: [{ Condition: '{% 20 in $states.input.Items.n %}', Next: 'Reject' }],
                Default: 'Accept',
              },
              Accept: { Type: 'Pass', Output: '{% $states.input.Items.n %}', End: true },
              Reject: { Type: 'Fail', Error: 'Rejected' },
            },
          },
          Assign: { runArn: '{% $states.result.MapRunArn %}' },
          Output: '{% $states.result.ResultWriterDetails %}',
          Next: 'After',
        },
        After: { Type: 'Pass', Output: '{% {"details": $states.input, "run": $runArn} %}', End: true },
      },
    },
    { name: 'Orders' },
  );

  it('reads Items, ItemSelector, Label, MaxConcurrency, the tolerance, the batcher, the writer, Assign and Output', async () => {
    const store = createMemoryObjectStore({ out: {} });
    const input = { items: [1, 2, 3, 4, 5], concurrency: 2, tolerated: 1, perBatch: 2, source: 'feed', prefix: 'r' };
    const execution = StateMachine.from(jsonata.definition, { name: 'Orders' }).start(input, {
      ...START,
      objectStore: store,
    });
    const result = await execution.result;
    const [run] = execution.mapRuns;
    // Label names the run and its children; MaxConcurrency and the tolerance are the expressions' values.
    expect(run!.mapRunArn).toMatch(/:mapRun:Orders\/Tens:/);
    expect(run).toMatchObject({ maxConcurrency: 2, toleratedFailureCount: 1 });
    // ItemSelector then the batcher: batches of 2, with BatchInput; the batch holding 20 failed, tolerated.
    expect(run!.children.map((child) => child.input)).toEqual([
      { BatchInput: { from: 'feed' }, Items: [{ n: 10 }, { n: 20 }] },
      { BatchInput: { from: 'feed' }, Items: [{ n: 30 }, { n: 40 }] },
      { BatchInput: { from: 'feed' }, Items: [{ n: 50 }] },
    ]);
    expect(run!.children.map((child) => child.status)).toEqual(['FAILED', 'SUCCEEDED', 'SUCCEEDED']);
    // The writer's Arguments and OutputType; the state's Output and Assign read its result.
    const id = run!.mapRunArn.slice(run!.mapRunArn.lastIndexOf(':') + 1);
    expect(Object.keys(store.objects()['out']!).sort()).toEqual([
      `r/${id}/FAILED_0.jsonl`,
      `r/${id}/SUCCEEDED_0.jsonl`,
      `r/${id}/manifest.json`,
    ]);
    expect(result).toMatchObject({
      status: 'SUCCEEDED',
      output: { details: { Bucket: 'out', Key: `r/${id}/manifest.json` }, run: run!.mapRunArn },
    });
  });
});
