/**
 * The chains of a history: the execution, each Parallel branch and each Map iteration.
 * Events do not say which branch or iteration they belong to; AWS chains them instead
 * (docs/research/history-events.md §1.1): each event's `previousEventId` is the last event of
 * its chain, a branch's first state points at ParallelStateStarted, an iteration's at its
 * MapIterationStarted. Every applied event is pinned to a chain (and usually to the visit it
 * belongs to), so a later event finds its place by following `previousEventId`; where a chain
 * is broken (a join pointing into another branch, AWS pointing sibling aborts at their cause),
 * names and the only visit that can match decide.
 */
import type { Failure } from '../../graph/attempt-fate.js';
import { setOwn, type JsonObject } from '../../json.js';
import type { StateIndex, StateScope } from './state-index.js';
import type { VisitRecord } from './visit-record.js';

export interface Chain {
  /** Position among all chains, in creation order; 0 is the execution's. */
  readonly id: number;
  readonly kind: 'execution' | 'branch' | 'iteration';
  /** The Parallel or Map visit that runs it; none for the execution (or a chain whose owner cannot be found). */
  readonly parent?: VisitRecord;
  /** A branch chain's own index in `Branches`; an iteration chain's own item index. */
  readonly branch?: number;
  readonly iteration?: number;
  /** Innermost Map iteration and Parallel branch, inherited from enclosing chains. */
  readonly mapIndex?: number;
  readonly branchIndex?: number;
  readonly visits: VisitRecord[];
  /** The chain's latest visit (open or settled): the one the next state follows. */
  current?: VisitRecord;
  /** The chain's latest failure, which a failing Parallel or Map reports as its own. */
  lastFailure?: Failure;
  running: boolean;
  /** Variables assigned on this chain (JSON texts); a chain sees its parents' too. */
  variables?: Map<string, string>;
}

type Accept = (record: VisitRecord) => boolean;

export class Chains {
  readonly root: Chain;
  /** Every chain, in creation order. */
  readonly all: Chain[] = [];
  // By event id: ids are dense (1, 2, 3, ...), and arrays are the cheapest map for them.
  private readonly eventChain: (Chain | undefined)[] = [];
  private readonly eventOwner: (VisitRecord | undefined)[] = [];

  /** `open`: the visits not settled yet, in entry order (the reader's). */
  constructor(
    private readonly states: StateIndex,
    private readonly open: ReadonlySet<VisitRecord>,
  ) {
    this.root = this.create('execution');
  }

  chainOf(eventId: number): Chain | undefined {
    return eventId === 0 ? this.root : this.eventChain[eventId];
  }

  ownerOf(eventId: number): VisitRecord | undefined {
    return this.eventOwner[eventId];
  }

  /** Pins an event to the visit it belongs to, and to a chain: the visit's, or one of its iterations. */
  own(eventId: number, record: VisitRecord, chain = record.chain): void {
    this.eventOwner[eventId] = record;
    this.eventChain[eventId] = chain;
  }

  /** Pins an event that changes no visit: to its predecessor's chain, and to a visit if one accepts it. */
  attribute(eventId: number, previousEventId: number, accept?: Accept): void {
    this.eventChain[eventId] = this.chainOf(previousEventId) ?? this.root;
    const owner = accept ? this.find(previousEventId, accept) : undefined;
    if (owner) this.eventOwner[eventId] = owner;
  }

  /** A Parallel or Map attempt started at `eventId`: its branches or iterations start afresh. */
  started(eventId: number, record: VisitRecord): void {
    this.own(eventId, record);
    record.attemptChains = new Map();
  }

  /**
   * The first visit on the event's chain that `accept`s, innermost first: the event's own visit,
   * its chain's latest, then the enclosing Parallels and Maps. Failing that (a broken chain), the
   * newest unsettled visit named `name`.
   */
  find(previousEventId: number, accept: Accept, name?: string): VisitRecord | undefined {
    const owner = this.ownerOf(previousEventId);
    if (owner && accept(owner)) return owner;
    let chain = owner ? owner.chain : this.chainOf(previousEventId);
    // A chain's parent is a visit on an enclosing chain: the walk ends at the execution's.
    while (chain) {
      if (chain.current && chain.current !== owner && accept(chain.current)) return chain.current;
      const parent = chain.parent;
      if (!parent) break;
      if (parent !== owner && accept(parent)) return parent;
      chain = parent.chain;
    }
    return name === undefined ? undefined : this.newestOpen((record) => record.name === name && accept(record));
  }

  /** The newest unsettled visit that `accept`s. */
  newestOpen(accept: Accept): VisitRecord | undefined {
    let newest: VisitRecord | undefined;
    for (const record of this.open) if (accept(record)) newest = record;
    return newest;
  }

  /** The chain a state entered with `previousEventId` belongs to. */
  chainFor(name: string, previousEventId: number): Chain {
    const previous = this.chainOf(previousEventId) ?? this.root;
    const scope = this.states.scopes.get(name);
    if (!scope) {
      // A state the model does not know: the chain says where it is; after a Parallel starts, a new branch.
      const parallel = this.ownerOf(previousEventId);
      const started = parallel?.attempts[parallel.attempts.length - 1]?.startedEventId === previousEventId;
      if (parallel?.type !== 'Parallel' || !started) return previous;
      const kids = this.kids(parallel);
      const branch = kids.size;
      const chain = this.child(parallel, 'branch', branch);
      kids.set(branch, chain);
      return chain;
    }
    if (this.inScope(previous, scope)) return previous;
    if (scope.container === undefined) return this.root;
    const container =
      this.find(previousEventId, (v) => v.name === scope.container && v.phase !== 'closed') ??
      this.newestOpen((v) => v.name === scope.container);
    // A state whose enclosing visit cannot be found still gets a chain of its own.
    if (!container) return this.create(scope.branch === undefined ? 'iteration' : 'branch');
    const kids = this.kids(container);
    if (scope.branch !== undefined) {
      let branch = kids.get(scope.branch);
      if (!branch) kids.set(scope.branch, (branch = this.child(container, 'branch', scope.branch)));
      return branch;
    }
    let fresh: Chain | undefined;
    for (const chain of kids.values()) if (chain.running && !chain.current) fresh = chain;
    return fresh ?? this.child(container, 'iteration');
  }

  startIteration(map: VisitRecord, index: number, eventId: number): void {
    const chain = this.child(map, 'iteration', index);
    this.kids(map).set(index, chain);
    this.eventChain[eventId] = chain;
    this.eventOwner[eventId] = map;
  }

  /** The chain of a Map visit's iteration `index` in its current attempt. */
  iteration(map: VisitRecord, index: number): Chain | undefined {
    return map.attemptChains?.get(index);
  }

  /** How many branches or iterations the current attempt of a Parallel or Map visit started. */
  iterationCount(record: VisitRecord): number {
    return record.attemptChains?.size ?? 0;
  }

  /** The current attempt's branches or iterations of a Parallel or Map visit. */
  childrenOf(record: VisitRecord): Iterable<Chain> {
    return record.attemptChains?.values() ?? [];
  }

  private inScope(chain: Chain, scope: StateScope): boolean {
    return chain.parent?.name === scope.container && (scope.branch === undefined || chain.branch === scope.branch);
  }

  private kids(record: VisitRecord): Map<number, Chain> {
    let kids = record.attemptChains;
    if (!kids) record.attemptChains = kids = new Map();
    return kids;
  }

  private child(parent: VisitRecord, kind: 'branch' | 'iteration', index?: number): Chain {
    const outer = parent.chain;
    const branch = kind === 'branch' ? index : undefined;
    const iteration = kind === 'iteration' ? index : undefined;
    const chain = this.create(
      kind,
      parent,
      branch,
      iteration,
      iteration ?? outer.mapIndex,
      branch ?? outer.branchIndex,
    );
    parent.children.push(chain);
    return chain;
  }

  // One shape for every chain (absent fields are `undefined`): property reads stay monomorphic.
  private create(
    kind: Chain['kind'],
    parent?: VisitRecord,
    branch?: number,
    iteration?: number,
    mapIndex?: number,
    branchIndex?: number,
  ): Chain {
    const chain: Chain = {
      id: this.all.length,
      kind,
      parent,
      branch,
      iteration,
      mapIndex,
      branchIndex,
      visits: [],
      current: undefined,
      lastFailure: undefined,
      running: true,
      variables: undefined,
    };
    this.all.push(chain);
    return chain;
  }

  /** The variables a state entered on `chain` sees: its chain's, then its parents' (JSON texts). */
  visibleVariables(chain: Chain): Readonly<Record<string, string>> {
    const chains: Chain[] = [];
    for (let c: Chain | undefined = chain; c; c = c.parent?.chain) chains.unshift(c);
    const visible: JsonObject = {};
    for (const c of chains) for (const [name, value] of c.variables ?? []) setOwn(visible, name, value);
    return visible as Record<string, string>;
  }
}
