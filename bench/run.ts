import { readdir } from 'node:fs/promises';
import type { Bench, BenchReport } from './report.js';

/** Runs every bench/*.bench.ts (or the ones named on the command line) and prints their figures. */
const here = new URL('.', import.meta.url);
const wanted = process.argv.slice(2);
const files = (await readdir(here)).filter(
  (name) => name.endsWith('.bench.ts') && (wanted.length === 0 || wanted.some((w) => name.includes(w))),
);

function format(report: BenchReport): string {
  const width = Math.max(...report.figures.map((figure) => figure.name.length));
  const lines = report.figures.map((figure) => {
    const value =
      figure.unit === 'ratio' ? `${figure.value.toFixed(2)}x` : `${Math.round(figure.value)} ${figure.unit}`;
    return `  ${figure.name.padEnd(width)}  ${value.padStart(10)}${figure.note ? `  (${figure.note})` : ''}`;
  });
  return [report.title, ...lines].join('\n');
}

for (const file of files.sort()) {
  const module = (await import(new URL(file, here).href)) as { default: Bench };
  console.log(format(await module.default()));
  console.log('');
}
if (files.length === 0) console.log('No benchmarks matched.');
