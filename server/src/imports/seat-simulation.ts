import { SKU_PRODUCTS, type Product, type Role } from '@seatwise/shared';
import type { PoolRow } from '../db/schema.ts';
import { neededProducts, type Rules } from '../engine/policy/entitlements.ts';
import type { OrgTree } from '../engine/queries/org-tree.ts';
import { poolLabel } from '../engine/queries/pool-label.ts';
import { canAssignFrom, capacity, poolState, seatsTaken } from '../engine/policy/pool-state.ts';
import { planSeats, type CandidatePool, type HeldLicense } from '../engine/policy/seat-planner.ts';

export interface SimPerson {
  held: HeldLicense[];
  home: string;
  roles: Role[];
  archived: boolean;
}

/**
 * The seats an import would take and release, worked out without writing:
 * each change is planned by the engine's own planner against pool counters
 * kept here, in the order the apply job makes them, and a freed seat serves
 * the waiting queue first come first served, as `serveWaiting` does.
 */
export class SeatSimulation {
  private readonly pools: Map<string, { row: PoolRow; capacity: number; state: CandidatePool['state']; assigned: number; before: number; take: number; release: number }>;
  private readonly people = new Map<string, SimPerson>();
  /** Waiting licenses, longest waiting first. */
  private readonly queue: { key: string; product: Product }[] = [];

  constructor(
    pools: PoolRow[],
    private readonly tree: OrgTree,
    private readonly rules: Rules,
    now: Date,
  ) {
    this.pools = new Map(pools.map((p) => [p.id, { row: p, capacity: capacity(p), state: poolState(p, now), assigned: p.assigned, before: p.assigned, take: 0, release: 0 }]));
  }

  /** Someone on record: their seats, and their place in the waiting queue (call in queue order). */
  know(key: string, person: SimPerson): void {
    if (!this.people.has(key)) this.people.set(key, person);
  }

  enqueue(key: string, product: Product): void {
    this.queue.push({ key, product });
  }

  /** Plans one person's change and moves the counters; answers whether they get a seat or wait. */
  change(key: string, next: Omit<SimPerson, 'held'>): { acquired: boolean; waits: boolean } {
    const person = this.people.get(key) ?? { held: [], ...next };
    const result = this.plan(key, { ...person, ...next }, false);
    if (result.freed) this.serveWaiting();
    return result;
  }

  private plan(key: string, person: SimPerson, retryWaiting: boolean) {
    const home = this.tree.get(person.home)!;
    const needs = person.archived ? new Set<Product>() : neededProducts(person.roles, this.rules, home.products).products;
    const chain = this.tree.ancestors(person.home);
    const candidates: CandidatePool[] = [...this.pools.values()]
      .filter((p) => chain.includes(p.row.orgId))
      .map((p) => ({ id: p.row.id, sku: p.row.sku, name: p.row.name, depth: chain.indexOf(p.row.orgId), capacity: p.capacity, assigned: p.assigned, held: p.row.held, state: p.state, endsAt: p.row.endsAt }));
    const ids = new Set(candidates.map((c) => c.id));
    const wasWaiting = new Set(person.held.filter((h) => h.state === 'waiting').map((h) => h.product));
    // After a move, seats the new home cannot draw from go back (planReconcile's "stranded").
    const kept = person.held.filter((h) => (!h.poolId || ids.has(h.poolId)) && !(retryWaiting && h.state === 'waiting'));
    const seats = planSeats({ held: kept, needs, pools: candidates, mode: 'host' });
    const after = new Map(kept.map((h) => [h.product, h]));
    for (const r of seats.release) after.delete(r.product);
    for (const a of seats.acquire) after.set(a.product, { product: a.product, poolId: a.poolId, state: 'active' });
    for (const p of seats.wait) {
      after.set(p, { product: p, poolId: null, state: 'waiting' });
      if (!wasWaiting.has(p)) this.queue.push({ key, product: p });
    }
    const seatedBefore = new Set(person.held.map((h) => h.poolId).filter((id): id is string => !!id));
    const seatedAfter = new Set([...after.values()].map((h) => h.poolId).filter((id): id is string => !!id));
    let freed = false;
    for (const id of seatedBefore) {
      if (seatedAfter.has(id)) continue;
      const p = this.pools.get(id)!;
      p.assigned--;
      p.release++;
      freed = true;
    }
    for (const id of seatedAfter) {
      if (seatedBefore.has(id)) continue;
      const p = this.pools.get(id)!;
      p.assigned++;
      p.take++;
    }
    this.people.set(key, { ...person, held: [...after.values()] });
    return { acquired: seats.acquire.length > 0, waits: seats.wait.some((p) => !wasWaiting.has(p)), freed };
  }

  private freeProducts(): Set<Product> {
    const free = new Set<Product>();
    for (const p of this.pools.values()) if (canAssignFrom(p.state) && seatsTaken({ assigned: p.assigned, held: p.row.held }) < p.capacity) for (const product of SKU_PRODUCTS[p.row.sku]) free.add(product);
    return free;
  }

  /** Offers free seats to the queue, longest waiting first; answers who took one (a pool change's preview asks this directly). */
  serveWaiting(): string[] {
    let free = this.freeProducts();
    const seen = new Set<string>();
    const served: string[] = [];
    for (const { key, product } of [...this.queue]) {
      if (free.size === 0) break;
      const person = this.people.get(key);
      if (seen.has(key) || !free.has(product) || !person?.held.some((h) => h.product === product && h.state === 'waiting')) continue;
      seen.add(key);
      if (this.plan(key, person, true).acquired) {
        served.push(key);
        free = this.freeProducts();
      }
    }
    return served;
  }

  /** Per pool the import touches: seats before, taken, released, after. */
  effects() {
    return [...this.pools.values()]
      .filter((p) => p.take || p.release)
      .map((p) => ({ poolId: p.row.id, name: poolLabel(p.row), sku: p.row.sku, capacity: p.capacity, assignedBefore: p.before, take: p.take, release: p.release, assignedAfter: p.assigned }));
  }
}
