/**
 * The order in which old instances leave: oldest first, alternating across Availability Zones so
 * that no zone is emptied while another still holds old instances. The runbook's "the oldest are
 * removed first", made explicit instead of left to the group's termination policy.
 */

export interface AgedInstance {
  id: string;
  zone: string;
  /** Launch time in ms; unknown means older than any known one (older than the activity history). */
  launchedAt?: number;
}

function age(instance: AgedInstance): number {
  return instance.launchedAt ?? Number.NEGATIVE_INFINITY;
}

function olderFirst(a: AgedInstance, b: AgedInstance): number {
  return age(a) - age(b) || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
}

/**
 * Each turn takes the oldest instance of the zone that has the most instances left (ties: the zone
 * whose oldest is oldest, then the zone's name), so zones shrink evenly and age decides the rest.
 */
export function terminationOrder(instances: AgedInstance[]): string[] {
  const zones = new Map<string, AgedInstance[]>();
  for (const instance of instances) {
    const list = zones.get(instance.zone) ?? [];
    list.push(instance);
    zones.set(instance.zone, list);
  }
  for (const list of zones.values()) list.sort(olderFirst);

  const order: string[] = [];
  while (order.length < instances.length) {
    let pick: [string, AgedInstance[]] | undefined;
    for (const entry of zones) {
      const [zone, list] = entry;
      if (list.length === 0) continue;
      if (!pick) {
        pick = entry;
        continue;
      }
      const [pickZone, pickList] = pick;
      const byCount = list.length - pickList.length;
      const byAge = olderFirst(list[0]!, pickList[0]!);
      if (byCount > 0 || (byCount === 0 && (byAge < 0 || (byAge === 0 && zone < pickZone)))) pick = entry;
    }
    order.push(pick![1].shift()!.id);
  }
  return order;
}
