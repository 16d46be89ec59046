import { randomUUID } from 'node:crypto';
import type { VirtualClock } from './clock.js';
import { AwsError, validation } from './errors.js';

/**
 * The emulated AWS account: Auto Scaling groups with their instances, classic load balancers and
 * target groups, scaling activities and instance refreshes, simulated on a virtual clock. Every
 * transition (boot, health check, draining, termination, refresh step) happens at an exact virtual
 * time, and after each one the world records how many instances of each group serve traffic, so a
 * test can assert "never fewer than D healthy instances in service" over the whole deploy.
 */

export interface GroupBehaviour {
  /** Pending -> InService. */
  bootMs: number;
  /** InService -> passing the load balancer's health checks. */
  healthCheckMs: number;
  /** When false, instances launched from now on never pass health checks. */
  newInstancesHealthy: boolean;
  /** How long the group takes to notice that an instance died. */
  detectDeadMs: number;
  /** An instance refresh fails when a replacement is not healthy this long after launch. */
  refreshFailAfterMs: number;
}

export interface GroupSpec {
  name: string;
  desired: number;
  min?: number;
  max?: number;
  zones?: string[];
  healthCheckType?: 'EC2' | 'ELB';
  /** Seconds, as AWS has it. */
  healthCheckGracePeriod?: number;
  loadBalancers?: string[];
  /** Target group names (created if missing); the group lists their ARNs. */
  targetGroups?: string[];
  /** Defaults to NewestInstance: the policy that picks the wrong instances for anyone relying on it. */
  terminationPolicies?: string[];
  suspended?: string[];
  tags?: Record<string, string>;
  protectNewInstances?: boolean;
  behaviour?: Partial<GroupBehaviour>;
  /** How long before the clock's start each initial instance was launched (default: 1..D days). */
  instanceAgesMs?: number[];
}

export interface Instance {
  id: string;
  group: string;
  zone: string;
  launchedAt: number;
  lifecycle: 'Pending' | 'InService' | 'Terminating' | 'Terminated';
  inServiceAt: number;
  healthyAt: number;
  health: 'Healthy' | 'Unhealthy';
  protected: boolean;
  diesAt?: number;
  /** For `killNextNew`: dies this long after it starts serving. */
  dieAfterHealthyMs?: number;
  terminatingAt?: number;
  terminateAt?: number;
  terminatedAt?: number;
  /** Why it left: api, scale-in, health, refresh, refresh-cancelled, refresh-failed. */
  cause?: string;
  decremented?: boolean;
  launchTemplateVersion: string;
}

interface Registration {
  registeredAt: number;
  deregisteringAt?: number;
  drainedAt?: number;
}

export interface Balancer {
  kind: 'classic' | 'target-group';
  name: string;
  arn: string;
  drainMs: number;
  registrations: Map<string, Registration>;
}

export interface Activity {
  id: string;
  group: string;
  description: string;
  cause: string;
  startTime: number;
  endTime?: number;
  status: 'InProgress' | 'Successful';
  instanceId: string;
  verb: 'Launching' | 'Terminating';
}

export interface Refresh {
  id: string;
  group: string;
  status: string;
  statusReason?: string;
  startTime: number;
  endTime?: number;
  preferences: Record<string, string>;
  strategy: string;
  toReplace: string[];
  /** old id -> new id launched to replace it. */
  pairs: Map<string, string>;
  replaced: Set<string>;
  warmupMs: number;
  minHealthy: number;
  maxHealthy: number;
}

export interface Group {
  name: string;
  arn: string;
  min: number;
  max: number;
  desired: number;
  zones: string[];
  healthCheckType: 'EC2' | 'ELB';
  healthCheckGracePeriod: number;
  loadBalancers: string[];
  targetGroups: string[];
  terminationPolicies: string[];
  suspended: Map<string, string>;
  tags: Map<string, { value: string; propagate: boolean }>;
  protectNewInstances: boolean;
  behaviour: GroupBehaviour;
  instances: Instance[];
  createdAt: number;
  launchTemplateVersion: string;
  killNextNew: { count: number; afterHealthyMs: number };
}

export interface Sample {
  t: number;
  group: string;
  desired: number;
  active: number;
  serving: string[];
}

export type BalancerView = 'in-service' | 'out-of-service' | 'initial' | 'draining' | 'absent';

const ACTIVE_REFRESH = new Set(['Pending', 'InProgress', 'Cancelling', 'RollbackInProgress', 'Baking']);
const SIX_WEEKS = 42 * 24 * 3600 * 1000;

export class World {
  readonly groups = new Map<string, Group>();
  readonly instances = new Map<string, Instance>();
  readonly balancers = new Map<string, Balancer>();
  readonly activities: Activity[] = [];
  readonly refreshes: Refresh[] = [];
  readonly timeline: Sample[] = [];
  private simNow: number;
  private sequence = 0x1000;
  private lastSample = new Map<string, string>();

  constructor(
    readonly clock: VirtualClock,
    readonly region = 'us-east-1',
    readonly account = '123456789012',
  ) {
    this.simNow = clock.now();
  }

  get now(): number {
    return this.simNow;
  }

  // ---- setting up ----

  addClassicLoadBalancer(name: string, options: { drainMs?: number } = {}): Balancer {
    const balancer: Balancer = {
      kind: 'classic',
      name,
      arn: name,
      drainMs: options.drainMs ?? 20_000,
      registrations: new Map(),
    };
    this.balancers.set(name, balancer);
    return balancer;
  }

  addTargetGroup(name: string, options: { drainMs?: number } = {}): Balancer {
    const arn = `arn:aws:elasticloadbalancing:${this.region}:${this.account}:targetgroup/${name}/${(0xabcdef0 + this.balancers.size).toString(16)}`;
    const balancer: Balancer = {
      kind: 'target-group',
      name,
      arn,
      drainMs: options.drainMs ?? 20_000,
      registrations: new Map(),
    };
    this.balancers.set(arn, balancer);
    return balancer;
  }

  targetGroupArn(name: string): string {
    for (const balancer of this.balancers.values()) {
      if (balancer.kind === 'target-group' && balancer.name === name) return balancer.arn;
    }
    throw new Error(`no target group ${name}`);
  }

  addGroup(spec: GroupSpec): Group {
    this.advance();
    const zones = spec.zones ?? ['us-east-1a', 'us-east-1b', 'us-east-1c'];
    for (const name of spec.loadBalancers ?? []) {
      if (!this.balancers.has(name)) this.addClassicLoadBalancer(name);
    }
    const targetGroups = (spec.targetGroups ?? []).map((name) => {
      const existing = [...this.balancers.values()].find((b) => b.kind === 'target-group' && b.name === name);
      return (existing ?? this.addTargetGroup(name)).arn;
    });
    const group: Group = {
      name: spec.name,
      arn: `arn:aws:autoscaling:${this.region}:${this.account}:autoScalingGroup:${randomUUID()}:autoScalingGroupName/${spec.name}`,
      min: spec.min ?? Math.min(1, spec.desired),
      max: spec.max ?? spec.desired,
      desired: spec.desired,
      zones,
      healthCheckType: spec.healthCheckType ?? 'EC2',
      healthCheckGracePeriod: spec.healthCheckGracePeriod ?? 300,
      loadBalancers: spec.loadBalancers ?? [],
      targetGroups,
      terminationPolicies: spec.terminationPolicies ?? ['NewestInstance'],
      suspended: new Map(
        (spec.suspended ?? []).map((name) => [name, 'User suspended at 2025-03-01T00:00:00Z']),
      ),
      tags: new Map(Object.entries(spec.tags ?? {}).map(([key, value]) => [key, { value, propagate: true }])),
      protectNewInstances: spec.protectNewInstances ?? false,
      behaviour: {
        bootMs: 60_000,
        healthCheckMs: 30_000,
        newInstancesHealthy: true,
        detectDeadMs: 10_000,
        refreshFailAfterMs: 15 * 60_000,
        ...spec.behaviour,
      },
      instances: [],
      createdAt: this.simNow - 400 * 24 * 3600 * 1000,
      launchTemplateVersion: '1',
      killNextNew: { count: 0, afterHealthyMs: 0 },
    };
    this.groups.set(group.name, group);
    for (let i = 0; i < spec.desired; i++) {
      const age = spec.instanceAgesMs?.[i] ?? (spec.desired - i) * 24 * 3600 * 1000;
      const launchedAt = this.simNow - age;
      const instance = this.createInstance(group, zones[i % zones.length]!, launchedAt);
      instance.lifecycle = 'InService';
      instance.inServiceAt = launchedAt + group.behaviour.bootMs;
      instance.healthyAt = instance.inServiceAt + group.behaviour.healthCheckMs;
      this.register(group, instance, launchedAt + group.behaviour.bootMs);
      this.recordActivity(group, instance, 'Launching', launchedAt, launchedAt + group.behaviour.bootMs);
    }
    this.sample(group);
    return group;
  }

  group(name: string): Group {
    const group = this.groups.get(name);
    if (!group) throw new Error(`no group ${name}`);
    return group;
  }

  // ---- faults ----

  /** The instance dies at virtual time `at` (now by default): health checks fail from then on. */
  kill(instanceId: string, at = this.simNow): void {
    this.advance();
    const instance = this.instances.get(instanceId);
    if (!instance) throw new Error(`no instance ${instanceId}`);
    instance.diesAt = Math.max(at, this.simNow);
    this.advance();
  }

  /** The next `count` instances launched in the group die `afterHealthyMs` after they start serving. */
  killNextNew(groupName: string, count = 1, afterHealthyMs = 10_000): void {
    this.group(groupName).killNextNew = { count, afterHealthyMs };
  }

  // ---- the simulation ----

  /** Runs every transition due up to the clock's now, in time order, sampling after each. */
  advance(): void {
    const target = this.clock.now();
    for (let guard = 0; guard < 100_000; guard++) {
      const next = this.nextEventTime();
      if (next === undefined || next > target) break;
      this.simNow = Math.max(this.simNow, next);
      this.applyDue();
      this.reconcileAll();
    }
    this.simNow = Math.max(this.simNow, target);
    this.applyDue();
    this.reconcileAll();
  }

  /** After an API call changed something: reconcile and sample at the current virtual time. */
  settle(): void {
    this.reconcileAll();
  }

  private nextEventTime(): number | undefined {
    let next: number | undefined;
    const consider = (t: number | undefined) => {
      if (t === undefined || !Number.isFinite(t) || t <= this.simNow) return;
      if (next === undefined || t < next) next = t;
    };
    for (const instance of this.instances.values()) {
      if (instance.lifecycle === 'Terminated') continue;
      const group = this.groups.get(instance.group)!;
      if (instance.lifecycle === 'Pending') consider(instance.inServiceAt);
      consider(instance.healthyAt);
      consider(instance.diesAt);
      if (instance.diesAt !== undefined) consider(instance.diesAt + group.behaviour.detectDeadMs);
      if (instance.lifecycle === 'InService' && group.healthCheckType === 'ELB') {
        consider(instance.inServiceAt + group.healthCheckGracePeriod * 1000);
      }
      if (instance.lifecycle === 'Terminating') consider(instance.terminateAt);
    }
    for (const balancer of this.balancers.values()) {
      for (const registration of balancer.registrations.values()) consider(registration.drainedAt);
    }
    for (const refresh of this.refreshes) {
      if (!ACTIVE_REFRESH.has(refresh.status)) continue;
      for (const newId of refresh.pairs.values()) {
        const instance = this.instances.get(newId);
        if (!instance) continue;
        consider(instance.healthyAt + refresh.warmupMs);
        consider(instance.launchedAt + this.groups.get(refresh.group)!.behaviour.refreshFailAfterMs);
      }
    }
    return next;
  }

  private applyDue(): void {
    const t = this.simNow;
    for (const balancer of this.balancers.values()) {
      for (const [id, registration] of balancer.registrations) {
        if (registration.drainedAt !== undefined && registration.drainedAt <= t)
          balancer.registrations.delete(id);
      }
    }
    for (const instance of this.instances.values()) {
      const group = this.groups.get(instance.group)!;
      if (instance.lifecycle === 'Pending' && instance.inServiceAt <= t) {
        instance.lifecycle = 'InService';
        if (!group.suspended.has('AddToLoadBalancer')) this.register(group, instance, instance.inServiceAt);
        this.finishActivity(instance, 'Launching', instance.inServiceAt);
      }
      if (
        instance.dieAfterHealthyMs !== undefined &&
        instance.healthyAt <= t &&
        instance.diesAt === undefined
      ) {
        instance.diesAt = instance.healthyAt + instance.dieAfterHealthyMs;
      }
      if (instance.lifecycle === 'InService') {
        const dead = instance.diesAt !== undefined && instance.diesAt + group.behaviour.detectDeadMs <= t;
        const failingElb =
          group.healthCheckType === 'ELB' &&
          instance.inServiceAt + group.healthCheckGracePeriod * 1000 <= t &&
          this.balancersOf(group).some((balancer) => this.viewOf(balancer, instance) === 'out-of-service');
        if ((dead || failingElb) && !group.suspended.has('HealthCheck')) {
          instance.health = 'Unhealthy';
          if (!group.suspended.has('ReplaceUnhealthy')) this.beginTermination(instance, 'health');
        }
      }
      if (
        instance.lifecycle === 'Terminating' &&
        instance.terminateAt !== undefined &&
        instance.terminateAt <= t
      ) {
        instance.lifecycle = 'Terminated';
        instance.terminatedAt = instance.terminateAt;
        group.instances = group.instances.filter((member) => member.id !== instance.id);
        this.finishActivity(instance, 'Terminating', instance.terminateAt);
      }
    }
  }

  private reconcileAll(): void {
    for (const group of this.groups.values()) {
      this.reconcileRefresh(group);
      this.reconcileCapacity(group);
      this.sample(group);
    }
  }

  private active(group: Group): Instance[] {
    return group.instances.filter(
      (instance) => instance.lifecycle === 'Pending' || instance.lifecycle === 'InService',
    );
  }

  private unresolvedRefreshPairs(group: Group): number {
    const refresh = this.activeRefresh(group.name);
    if (!refresh) return 0;
    return [...refresh.pairs.keys()].filter((old) => !refresh.replaced.has(old)).length;
  }

  private reconcileCapacity(group: Group): void {
    const active = this.active(group);
    const target = group.desired + this.unresolvedRefreshPairs(group);
    if (active.length < target && !group.suspended.has('Launch')) {
      for (let i = active.length; i < target; i++) this.launch(group);
    } else if (active.length > target && !group.suspended.has('Terminate')) {
      const refresh = this.activeRefresh(group.name);
      const inflight = new Set(refresh ? refresh.pairs.values() : []);
      for (let i = target; i < active.length; i++) {
        const victim = this.scaleInVictim(group, inflight);
        if (!victim) break;
        this.beginTermination(victim, 'scale-in');
      }
    }
  }

  /** AWS's scale in: the zone with the most instances, then the group's termination policy. */
  private scaleInVictim(group: Group, exclude: Set<string>): Instance | undefined {
    const candidates = this.active(group).filter(
      (instance) => !instance.protected && !exclude.has(instance.id),
    );
    if (candidates.length === 0) return undefined;
    const perZone = new Map<string, number>();
    for (const instance of this.active(group))
      perZone.set(instance.zone, (perZone.get(instance.zone) ?? 0) + 1);
    const busiest = Math.max(...candidates.map((instance) => perZone.get(instance.zone)!));
    const inZone = candidates.filter((instance) => perZone.get(instance.zone) === busiest);
    const policy = group.terminationPolicies[0] ?? 'Default';
    const sorted = [...inZone].sort((a, b) =>
      policy === 'OldestInstance' ? a.launchedAt - b.launchedAt : b.launchedAt - a.launchedAt,
    );
    return sorted[0];
  }

  private createInstance(group: Group, zone: string, launchedAt: number): Instance {
    const id = `i-0${(this.sequence++).toString(16).padStart(16, '0')}`;
    const instance: Instance = {
      id,
      group: group.name,
      zone,
      launchedAt,
      lifecycle: 'Pending',
      inServiceAt: launchedAt + group.behaviour.bootMs,
      healthyAt: group.behaviour.newInstancesHealthy
        ? launchedAt + group.behaviour.bootMs + group.behaviour.healthCheckMs
        : Number.POSITIVE_INFINITY,
      health: 'Healthy',
      protected: group.protectNewInstances,
      launchTemplateVersion: group.launchTemplateVersion,
    };
    this.instances.set(id, instance);
    group.instances.push(instance);
    return instance;
  }

  private launch(group: Group): Instance {
    const perZone = new Map(group.zones.map((zone) => [zone, 0]));
    for (const instance of this.active(group))
      perZone.set(instance.zone, (perZone.get(instance.zone) ?? 0) + 1);
    const zone = [...perZone].sort((a, b) => a[1] - b[1])[0]![0];
    const instance = this.createInstance(group, zone, this.simNow);
    if (group.killNextNew.count > 0) {
      group.killNextNew.count--;
      instance.dieAfterHealthyMs = group.killNextNew.afterHealthyMs;
    }
    this.recordActivity(group, instance, 'Launching', this.simNow, instance.inServiceAt);
    return instance;
  }

  private recordActivity(
    group: Group,
    instance: Instance,
    verb: 'Launching' | 'Terminating',
    start: number,
    end?: number,
  ) {
    this.activities.push({
      id: randomUUID(),
      group: group.name,
      description:
        verb === 'Launching'
          ? `Launching a new EC2 instance: ${instance.id}`
          : `Terminating EC2 instance: ${instance.id}`,
      cause: `At ${new Date(start).toISOString()} ${verb === 'Launching' ? 'an instance was started' : 'an instance was taken out of service'}.`,
      startTime: start,
      ...(end !== undefined && end <= this.simNow
        ? { endTime: end, status: 'Successful' as const }
        : { status: 'InProgress' as const }),
      instanceId: instance.id,
      verb,
    });
  }

  private finishActivity(instance: Instance, verb: Activity['verb'], at: number): void {
    for (const activity of this.activities) {
      if (activity.instanceId === instance.id && activity.verb === verb && activity.status === 'InProgress') {
        activity.status = 'Successful';
        activity.endTime = at;
      }
    }
  }

  private register(group: Group, instance: Instance, at: number): void {
    for (const balancer of this.balancersOf(group))
      balancer.registrations.set(instance.id, { registeredAt: at });
  }

  balancersOf(group: Group): Balancer[] {
    return [...group.loadBalancers, ...group.targetGroups].flatMap((key) => {
      const balancer = this.balancers.get(key);
      return balancer ? [balancer] : [];
    });
  }

  /** Starts taking the instance out: deregistered everywhere, terminated once draining is done. */
  beginTermination(instance: Instance, cause: string): void {
    if (instance.lifecycle === 'Terminating' || instance.lifecycle === 'Terminated') return;
    const group = this.groups.get(instance.group)!;
    instance.lifecycle = 'Terminating';
    instance.terminatingAt = this.simNow;
    instance.cause = cause;
    let until = this.simNow;
    for (const balancer of this.balancers.values()) {
      const registration = balancer.registrations.get(instance.id);
      if (!registration) continue;
      this.deregister(balancer, instance.id);
      until = Math.max(until, registration.drainedAt!);
    }
    instance.terminateAt = until + 1000;
    this.recordActivity(group, instance, 'Terminating', this.simNow);
  }

  deregister(balancer: Balancer, instanceId: string): void {
    const registration = balancer.registrations.get(instanceId);
    if (!registration || registration.deregisteringAt !== undefined) return;
    registration.deregisteringAt = this.simNow;
    registration.drainedAt = this.simNow + balancer.drainMs;
  }

  viewOf(balancer: Balancer, instance: Instance): BalancerView {
    const registration = balancer.registrations.get(instance.id);
    if (!registration) return 'absent';
    if (registration.deregisteringAt !== undefined) return 'draining';
    if (instance.diesAt !== undefined && instance.diesAt <= this.simNow) return 'out-of-service';
    if (instance.healthyAt <= this.simNow) return 'in-service';
    const group = this.groups.get(instance.group)!;
    return this.simNow < registration.registeredAt + group.behaviour.healthCheckMs
      ? 'initial'
      : 'out-of-service';
  }

  /** In service in its group and healthy at every load balancer of the group. */
  isServing(instance: Instance): boolean {
    if (instance.lifecycle !== 'InService' || instance.health !== 'Healthy') return false;
    if (instance.diesAt !== undefined && instance.diesAt <= this.simNow) return false;
    const group = this.groups.get(instance.group)!;
    const balancers = this.balancersOf(group);
    if (balancers.length === 0) return true;
    return balancers.every((balancer) => this.viewOf(balancer, instance) === 'in-service');
  }

  private sample(group: Group): void {
    const serving = group.instances
      .filter((instance) => this.isServing(instance))
      .map((instance) => instance.id);
    const active = this.active(group).length;
    const key = `${group.desired}|${active}|${serving.join(',')}`;
    if (this.lastSample.get(group.name) === key) return;
    this.lastSample.set(group.name, key);
    this.timeline.push({ t: this.simNow, group: group.name, desired: group.desired, active, serving });
  }

  // ---- operations used by the API handlers ----

  requireGroup(name: string | undefined): Group {
    const group = name ? this.groups.get(name) : undefined;
    if (!group) throw validation(`AutoScalingGroup name not found - AutoScalingGroup '${name}' not found`);
    return group;
  }

  setDesired(group: Group, desired: number): void {
    if (desired > group.max) {
      throw validation(
        `New SetDesiredCapacity value ${desired} is above max value ${group.max} for the AutoScalingGroup.`,
      );
    }
    if (desired < group.min) {
      throw validation(
        `New SetDesiredCapacity value ${desired} is below min value ${group.min} for the AutoScalingGroup.`,
      );
    }
    group.desired = desired;
  }

  terminateInGroup(instanceId: string, decrement: boolean): { group: Group; instance: Instance } {
    const instance = this.instances.get(instanceId);
    if (!instance || instance.lifecycle === 'Terminated') {
      throw validation(`Instance Id not found - No managed instance found for instance ID: ${instanceId}`);
    }
    const group = this.groups.get(instance.group)!;
    if (instance.lifecycle === 'Terminating') return { group, instance };
    if (decrement) {
      if (group.desired - 1 < group.min) {
        throw validation(
          `Currently, desiredCapacity (${group.desired}) is at or below min size (${group.min}); cannot decrement desired capacity.`,
        );
      }
      group.desired -= 1;
      instance.decremented = true;
    }
    this.beginTermination(instance, 'api');
    return { group, instance };
  }

  activeRefresh(groupName: string): Refresh | undefined {
    return this.refreshes.find(
      (refresh) => refresh.group === groupName && ACTIVE_REFRESH.has(refresh.status),
    );
  }

  startRefresh(group: Group, preferences: Record<string, string>, strategy: string): Refresh {
    const active = this.activeRefresh(group.name);
    if (active) {
      throw new AwsError(
        'InstanceRefreshInProgress',
        `An Instance Refresh is already in progress and blocks the execution of this Instance Refresh.`,
      );
    }
    const minHealthy = Number(preferences.MinHealthyPercentage ?? 90);
    const maxHealthy = Number(preferences.MaxHealthyPercentage ?? 100);
    if (maxHealthy < 100 || maxHealthy > 200 || minHealthy < 0 || minHealthy > 100) {
      throw validation('MinHealthyPercentage must be 0..100 and MaxHealthyPercentage 100..200.');
    }
    if (maxHealthy - minHealthy > 100) {
      throw validation(
        'The difference between MaxHealthyPercentage and MinHealthyPercentage cannot exceed 100.',
      );
    }
    const toReplace = [...this.active(group)].sort((a, b) => a.launchedAt - b.launchedAt).map((i) => i.id);
    const refresh: Refresh = {
      id: randomUUID(),
      group: group.name,
      status: 'Pending',
      startTime: this.simNow,
      preferences,
      strategy,
      toReplace,
      pairs: new Map(),
      replaced: new Set(),
      warmupMs: Number(preferences.InstanceWarmup ?? 0) * 1000,
      minHealthy,
      maxHealthy,
    };
    group.launchTemplateVersion = String(Number(group.launchTemplateVersion) + 1);
    this.refreshes.push(refresh);
    return refresh;
  }

  cancelRefresh(group: Group): Refresh {
    const refresh = this.activeRefresh(group.name);
    if (!refresh || refresh.status === 'Cancelling') {
      throw new AwsError(
        'ActiveInstanceRefreshNotFound',
        'No in progress or pending Instance Refresh found for this group.',
      );
    }
    refresh.status = 'Cancelling';
    return refresh;
  }

  /**
   * MinHealthyPercentage 100 / MaxHealthyPercentage 200: launch replacements above the desired
   * capacity, terminate an old instance only once its replacement is healthy and warmed up.
   */
  private reconcileRefresh(group: Group): void {
    const refresh = this.activeRefresh(group.name);
    if (!refresh) return;
    const unresolved = () => [...refresh.pairs].filter(([old]) => !refresh.replaced.has(old));
    if (refresh.status === 'Cancelling') {
      for (const [old, fresh] of unresolved()) {
        const instance = this.instances.get(fresh);
        if (instance) this.beginTermination(instance, 'refresh-cancelled');
        refresh.pairs.delete(old);
      }
      if (!group.instances.some((instance) => instance.cause === 'refresh-cancelled')) {
        refresh.status = 'Cancelled';
        refresh.endTime = this.simNow;
      }
      return;
    }
    if (refresh.status === 'Pending') refresh.status = 'InProgress';
    // A replacement that died or was replaced by a health check frees its old instance again.
    for (const [old, fresh] of unresolved()) {
      const instance = this.instances.get(fresh);
      if (!instance || instance.lifecycle === 'Terminating' || instance.lifecycle === 'Terminated') {
        refresh.pairs.delete(old);
      }
    }
    for (const [old, fresh] of unresolved()) {
      const instance = this.instances.get(fresh)!;
      if (this.isServing(instance) && instance.healthyAt + refresh.warmupMs <= this.simNow) {
        refresh.replaced.add(old);
        const oldInstance = this.instances.get(old);
        if (oldInstance) this.beginTermination(oldInstance, 'refresh');
      } else if (instance.launchedAt + group.behaviour.refreshFailAfterMs <= this.simNow) {
        for (const [pending, replacement] of unresolved()) {
          const launched = this.instances.get(replacement);
          if (launched) this.beginTermination(launched, 'refresh-failed');
          refresh.pairs.delete(pending);
        }
        refresh.status = 'Failed';
        refresh.statusReason = `Instance ${fresh} failed to become healthy within ${group.behaviour.refreshFailAfterMs / 1000}s.`;
        refresh.endTime = this.simNow;
        return;
      }
    }
    const extra = Math.floor((group.desired * refresh.maxHealthy) / 100) - group.desired;
    const waiting = refresh.toReplace.filter(
      (old) =>
        !refresh.replaced.has(old) &&
        !refresh.pairs.has(old) &&
        this.instances.get(old)?.lifecycle === 'InService',
    );
    let inflight = unresolved().length;
    for (const old of waiting) {
      if (inflight >= Math.max(1, extra)) break;
      const instance = this.launch(group);
      refresh.pairs.set(old, instance.id);
      inflight++;
    }
    const done = refresh.toReplace.every(
      (old) => refresh.replaced.has(old) || this.instances.get(old)?.lifecycle !== 'InService',
    );
    if (done && unresolved().length === 0) {
      refresh.status = 'Successful';
      refresh.endTime = this.simNow;
    }
  }

  percentageComplete(refresh: Refresh): number {
    if (refresh.toReplace.length === 0) return 100;
    return Math.floor((refresh.replaced.size / refresh.toReplace.length) * 100);
  }

  activitiesOf(group: Group): Activity[] {
    return this.activities
      .filter((activity) => activity.group === group.name && activity.startTime >= this.simNow - SIX_WEEKS)
      .sort((a, b) => b.startTime - a.startTime);
  }

  // ---- what tests read ----

  /** The fewest instances of the group that served at once, from `since` (virtual ms) on. */
  minServing(groupName: string, since = Number.NEGATIVE_INFINITY): number {
    const samples = this.timeline.filter((sample) => sample.group === groupName);
    let min = Number.POSITIVE_INFINITY;
    let before: Sample | undefined;
    for (const sample of samples) {
      if (sample.t < since) before = sample;
      else min = Math.min(min, sample.serving.length);
    }
    if (before) min = Math.min(min, before.serving.length);
    return min;
  }

  /** Instances of the group that left, with why, in the order they started leaving. */
  departures(groupName: string): Instance[] {
    return [...this.instances.values()]
      .filter((instance) => instance.group === groupName && instance.terminatingAt !== undefined)
      .sort((a, b) => a.terminatingAt! - b.terminatingAt!);
  }

  activeIds(groupName: string): string[] {
    return this.active(this.group(groupName)).map((instance) => instance.id);
  }
}
