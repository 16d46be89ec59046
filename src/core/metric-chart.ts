/**
 * A small mermaid xychart of a metric polled after a deploy: the values read, and the value
 * before as a flat line to compare with. Unreadable samples are left out; long series are thinned
 * to at most `maxPoints`, keeping the first and the last.
 */

export interface ChartPoint {
  atMs: number;
  value: number;
}

function thin(points: ChartPoint[], maxPoints: number): ChartPoint[] {
  if (points.length <= maxPoints) return points;
  const step = (points.length - 1) / (maxPoints - 1);
  return Array.from({ length: maxPoints }, (_, i) => points[Math.round(i * step)]!);
}

function number(value: number): string {
  return Number(value.toPrecision(6)).toString();
}

function seconds(ms: number): string {
  return ms < 10_000 ? (ms / 1000).toFixed(1) : Math.round(ms / 1000).toString();
}

export function metricChart(
  title: string,
  baseline: number,
  points: ChartPoint[],
  maxPoints = 40,
): string | undefined {
  if (points.length === 0) return undefined;
  const shown = thin(points, maxPoints);
  const values = shown.map((point) => point.value);
  const low = Math.min(baseline, ...values);
  const high = Math.max(baseline, ...values);
  const margin = high === low ? Math.max(1, Math.abs(high) * 0.05) : (high - low) * 0.1;
  return [
    'xychart-beta',
    `  title "${title.replace(/"/g, "'")}"`,
    `  x-axis "seconds after the deploy" [${shown.map((point) => `"${seconds(point.atMs)}"`).join(', ')}]`,
    `  y-axis "value" ${number(low - margin)} --> ${number(high + margin)}`,
    `  line [${shown.map(() => number(baseline)).join(', ')}]`,
    `  line [${values.map(number).join(', ')}]`,
  ].join('\n');
}
