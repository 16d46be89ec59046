import {
  describeBounds,
  isRecovered,
  parseTolerance,
  recoveryBounds,
} from '../../src/core/guard-tolerance.js';
import { formatPath, parseJsonPath, readNumberAt } from '../../src/core/json-path.js';
import { metricChart } from '../../src/core/metric-chart.js';

const tolerance = (text: string) => {
  const parsed = parseTolerance(text);
  if (!parsed.ok) throw new Error(parsed.problem);
  return parsed.tolerance;
};

describe('when a metric has recovered', () => {
  it('at-least: 2% below the value before is still fine, and more is always fine', () => {
    const bounds = recoveryBounds(1000, tolerance('2%'), 'at-least');
    expect(describeBounds(bounds)).toBe('at least 980');
    expect(isRecovered(980, bounds)).toBe(true);
    expect(isRecovered(979, bounds)).toBe(false);
    expect(isRecovered(5000, bounds)).toBe(true);
  });

  it('within: either side; at-most: for error counts', () => {
    expect(isRecovered(1006, recoveryBounds(1000, tolerance('5'), 'within'))).toBe(false);
    expect(describeBounds(recoveryBounds(1000, tolerance('5'), 'within'))).toBe('between 995 and 1005');
    expect(describeBounds(recoveryBounds(10, tolerance('50%'), 'at-most'))).toBe('at most 15');
  });

  it('a zero tolerance wants the exact value, and nonsense is refused', () => {
    expect(isRecovered(99.99, recoveryBounds(100, tolerance('0'), 'at-least'))).toBe(false);
    expect(parseTolerance('two percent')).toMatchObject({ ok: false });
    expect(parseTolerance('150%')).toMatchObject({ ok: false });
  });
});

describe('reading a number from JSON', () => {
  const document = { data: { online: 1234, 'online devices': '99', regions: [{ count: 5 }], down: null } };
  const read = (path: string) => {
    const parsed = parseJsonPath(path);
    if (!parsed.ok) return parsed;
    return readNumberAt(document, parsed.segments);
  };

  it('follows dots, indexes and quoted names; a numeric string counts', () => {
    expect(read('$.data.online')).toEqual({ ok: true, value: 1234 });
    expect(read('data.online')).toEqual({ ok: true, value: 1234 });
    expect(read("$.data['online devices']")).toEqual({ ok: true, value: 99 });
    expect(read('$.data.regions[0].count')).toEqual({ ok: true, value: 5 });
  });

  it('says where the path stops making sense', () => {
    expect(read('$.data.offline')).toEqual({ ok: false, problem: '$.data.offline is missing' });
    expect(read('$.data.down')).toEqual({ ok: false, problem: '$.data.down is null, not a number' });
    expect(read('$.data.online.value')).toEqual({
      ok: false,
      problem: '$.data.online is not an object or array',
    });
    expect(read('$.data[*]')).toMatchObject({
      ok: false,
      problem: expect.stringMatching(/cannot be read at "\[\*\]"/),
    });
  });

  it('prints a path the way it reads', () => {
    expect(formatPath(['data', 'online devices', 0])).toBe("$.data['online devices'][0]");
  });
});

describe('the chart of polled values', () => {
  it('draws the values and the value before as a flat line', () => {
    expect(
      metricChart('online devices', 1000, [
        { atMs: 0, value: 900 },
        { atMs: 15_000, value: 990 },
      ]),
    ).toBe(
      [
        'xychart-beta',
        '  title "online devices"',
        '  x-axis "seconds after the deploy" ["0.0", "15"]',
        '  y-axis "value" 890 --> 1010',
        '  line [1000, 1000]',
        '  line [900, 990]',
      ].join('\n'),
    );
  });

  it('thins a long series to a readable number of points, keeping the first and last', () => {
    const points = Array.from({ length: 500 }, (_, i) => ({ atMs: i * 1000, value: i }));
    const chart = metricChart('x', 0, points, 10)!;
    expect(chart).toContain('line [0, 55, 111, 166, 222, 277, 333, 388, 444, 499]');
  });
});
