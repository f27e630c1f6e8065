import { beforeAll, describe, expect, it } from 'vitest';
import { StateMachine, foldHistory, type HistoryEvent } from '@aslkit/core';
import { order } from '../../test/fixtures.js';
import { ViewerStore } from './viewer-store.js';

/** A store whose frames run when the test says so. */
function manualStore() {
  const frames: (() => void)[] = [];
  const store = new ViewerStore({ schedule: (callback) => frames.push(callback) });
  let publishes = 0;
  store.subscribe(() => publishes++);
  const runFrames = () => {
    for (const frame of frames.splice(0)) frame();
  };
  return { store, runFrames, publishes: () => publishes, pending: () => frames.length };
}

let history: HistoryEvent[];
beforeAll(async () => {
  history = (await StateMachine.from(order.definition).run(order.input, order.start)).history;
});

describe('ViewerStore', () => {
  it('publishes a burst of events once, on the next frame', () => {
    const { store, runFrames, publishes, pending } = manualStore();
    store.load(order.definition);
    for (const event of history) store.append([event]);
    expect(pending()).toBe(1);
    expect(publishes()).toBe(0);
    runFrames();
    expect(publishes()).toBe(1);
    const state = store.getState();
    expect(state.total).toBe(history.length);
    expect(state.position).toBe(history.length);
    expect(state.following).toBe(true);
    expect(state.snapshot?.statuses['Ship']).toBe('succeeded');
  });

  it('travels back in time: the snapshot is the fold of the prefix, and new events do not move it', () => {
    const { store, runFrames } = manualStore();
    store.load(order.definition);
    store.append(history.slice(0, 40));
    store.seek(12);
    runFrames();
    const state = store.getState();
    expect(state.following).toBe(false);
    expect(state.position).toBe(12);
    expect(state.snapshot).toEqual(foldHistory(state.model!, history.slice(0, 12)));
    const before = state.snapshot;

    store.append(history.slice(40));
    runFrames();
    expect(store.getState().position).toBe(12);
    expect(store.getState().total).toBe(history.length);
    expect(store.getState().snapshot).toBe(before);

    store.follow();
    runFrames();
    expect(store.getState().position).toBe(history.length);
    expect(store.getState().snapshot?.status).toBe('SUCCEEDED');
  });

  it('clamps positions and treats the end as following', () => {
    const { store, runFrames } = manualStore();
    store.load(order.definition);
    store.append(history);
    for (const [asked, expected] of [
      [-5, 0],
      [Number.NaN, history.length],
      [1e12, history.length],
      [3.6, 4],
    ] as const) {
      store.seek(asked);
      runFrames();
      expect(store.getState().position).toBe(expected);
      expect(store.getState().following).toBe(expected === history.length);
    }
  });

  it('moves relative to the latest position asked for, before it is published', () => {
    const { store, runFrames } = manualStore();
    store.load(order.definition);
    store.append(history);
    runFrames();
    store.move(-1);
    store.move(-1);
    runFrames();
    expect(store.getState().position).toBe(history.length - 2);
    store.move(5);
    runFrames();
    expect(store.getState()).toMatchObject({ position: history.length, following: true });
  });

  it('ignores events it already has (a reconnect replays them)', () => {
    const { store, runFrames } = manualStore();
    store.load(order.definition);
    store.append(history.slice(0, 10));
    store.append(history.slice(0, 20));
    runFrames();
    expect(store.getState().total).toBe(20);
    expect(store.getEvents().map((e) => e.id)).toEqual(history.slice(0, 20).map((e) => e.id));
  });

  it('starts over on init, keeping breakpoints the message carries', () => {
    const { store, runFrames } = manualStore();
    store.receive({ type: 'init', mode: 'live', definition: order.definition });
    store.receive({ type: 'events', events: history });
    store.select('Total');
    runFrames();
    const model = store.getState().model;
    // A restart re-sends the definition (over the wire, as a new object): the graph, and so its layout, stays.
    store.receive({
      type: 'init',
      mode: 'live',
      definition: structuredClone(order.definition),
      breakpoints: [{ stateName: 'Charge', on: 'enter' }],
    });
    store.receive({ type: 'session', session: { state: 'paused', pausedAt: { stateName: 'Charge', on: 'enter' } } });
    runFrames();
    const state = store.getState();
    expect(state.total).toBe(0);
    expect(state.selected).toBeUndefined();
    expect(state.breakpoints).toEqual([{ stateName: 'Charge', on: 'enter' }]);
    expect(state.session.pausedAt?.stateName).toBe('Charge');
    expect(state.snapshot?.statuses['ValidateOrder']).toBe('not-started');
    expect(state.model).toBe(model);

    store.load({ StartAt: 'Only', States: { Only: { Type: 'Succeed' } } });
    runFrames();
    expect(store.getState().model).not.toBe(model);
    expect(store.getState().model?.nodeIdsByStateName['Only']).toBe('Only');
  });

  it("files attempts' stages under their visit, in attempt order, and drops them on init", async () => {
    const { inspections } = await StateMachine.from(order.definition).run(order.input, {
      ...order.start,
      inspect: true,
    });
    const { store, runFrames, publishes } = manualStore();
    store.receive({ type: 'init', mode: 'live', definition: order.definition });
    store.receive({ type: 'events', events: history });
    // Attempts arrive as they end, in any order across visits; a replayed one replaces its copy.
    store.receive({ type: 'inspections', inspections: [...inspections!].reverse() });
    store.receive({ type: 'inspections', inspections: inspections!.slice(0, 1) });
    runFrames();
    expect(publishes()).toBe(1);
    expect(store.getState().inspected).toBe(inspections!.length + 1);
    const charge = foldHistory(store.getState().model!, history).visits['Fulfil/1/Charge']![0]!;
    const attempts = store.inspectionsOf(charge.enteredEventId);
    expect(attempts.map((a) => [a.state, a.attempt, a.outcome])).toEqual([
      ['Charge', 0, 'retried'],
      ['Charge', 1, 'succeeded'],
    ]);
    expect(store.inspectionsOf(charge.enteredEventId)).toBe(attempts);
    expect(store.inspectionsOf(-1)).toEqual([]);

    store.receive({ type: 'init', mode: 'live', definition: order.definition });
    runFrames();
    expect(store.getState().inspected).toBe(0);
    expect(store.inspectionsOf(charge.enteredEventId)).toEqual([]);
  });

  it('reports a definition it cannot draw instead of throwing', () => {
    const { store, runFrames } = manualStore();
    const hostile = JSON.parse('{"StartAt":"A","States":{"__proto__":{"Type":"Pass","End":true},"A":{"Type":"Nope"}}}');
    expect(() => store.load(hostile)).not.toThrow();
    runFrames();
    expect(store.getState().connection).toBe('open');
    // Either drawn (tolerantly) or an error; never a crash and never a polluted prototype.
    expect(({} as Record<string, unknown>)['Type']).toBeUndefined();
  });

  it('keeps the error a source reports', () => {
    const { store, runFrames } = manualStore();
    store.receive({ type: 'error', message: 'Lost the connection' });
    runFrames();
    expect(store.getState().error).toBe('Lost the connection');
  });

  it('shows proposed breakpoints at once and falls back to the confirmed set when refused', () => {
    const { store, runFrames, publishes } = manualStore();
    const enter = { stateName: 'Total', on: 'enter' as const };
    const exit = { stateName: 'Total', on: 'exit' as const };
    store.receive({ type: 'init', mode: 'live', definition: order.definition, breakpoints: [enter] });
    runFrames();
    const before = publishes();
    const settleFirst = store.proposeBreakpoints([enter, exit]);
    // Published without waiting for a frame.
    expect(publishes()).toBe(before + 1);
    expect(store.getState().breakpoints).toEqual([enter, exit]);
    const settleSecond = store.proposeBreakpoints([exit]);
    // The echo of the first proposal arrives while the second is still out: it must not show.
    store.receive({ type: 'breakpoints', breakpoints: [enter, exit] });
    settleFirst(true);
    runFrames();
    expect(store.getState().breakpoints).toEqual([exit]);
    settleSecond(false);
    settleSecond(true); // a second answer is ignored
    runFrames();
    expect(store.getState().breakpoints).toEqual([enter, exit]);
    // With nothing pending, the source's echo is the truth.
    store.receive({ type: 'breakpoints', breakpoints: [] });
    runFrames();
    expect(store.getState().breakpoints).toEqual([]);
  });
});
