// Summarises a V8 CPU profile written by `node --cpu-prof`: busy share, then the top frames by self time and the
// top packages/files by self time. `npx tsx bench/profile-summary.ts bench/profiles/<file>.cpuprofile [--top 25]
// [--last 40]` (`--last`: only the last N seconds of the profile, e.g. the measured window before the node stopped).
import { readFileSync } from 'node:fs';

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  children?: number[];
}
interface Profile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
}

const file = process.argv[2];
if (!file) throw new Error('usage: tsx bench/profile-summary.ts <file.cpuprofile> [--top N]');
const topIndex = process.argv.indexOf('--top');
const top = topIndex > 0 ? Number(process.argv[topIndex + 1]) : 25;
const lastIndex = process.argv.indexOf('--last');
const lastSeconds = lastIndex > 0 ? Number(process.argv[lastIndex + 1]) : Infinity;
const profile = JSON.parse(readFileSync(file, 'utf8')) as Profile;
const byId = new Map(profile.nodes.map((node) => [node.id, node]));
const self = new Map<number, number>();
const span = profile.timeDeltas.reduce((sum, delta) => sum + delta, 0);
let elapsed = 0;
profile.samples.forEach((id, index) => {
  const delta = profile.timeDeltas[index] ?? 0;
  elapsed += delta;
  if (span - elapsed <= lastSeconds * 1e6) self.set(id, (self.get(id) ?? 0) + delta);
});

const total = [...self.values()].reduce((a, b) => a + b, 0);
let idle = 0;
const frames = new Map<string, number>();
const places = new Map<string, number>();
for (const [id, micros] of self) {
  const frame = byId.get(id)?.callFrame;
  if (!frame) continue;
  if (frame.functionName === '(idle)') {
    idle += micros;
    continue;
  }
  const where = frame.url.replace(/^.*node_modules\//, '').replace(/^file:\/\/.*\/dist\//, 'dist/');
  const key = `${frame.functionName || '(anonymous)'} ${where}:${frame.lineNumber + 1}`;
  frames.set(key, (frames.get(key) ?? 0) + micros);
  const place = frame.url.includes('node_modules/')
    ? (/node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(frame.url)?.[1] ?? frame.url)
    : frame.url
      ? 'app/node:internal'
      : frame.functionName;
  places.set(place, (places.get(place) ?? 0) + micros);
}
const busy = total - idle;
const pct = (micros: number): string => `${((100 * micros) / busy).toFixed(1)} %`;
process.stdout.write(
  `${file}: ${(total / 1e6).toFixed(1)} s sampled, busy ${((100 * busy) / total).toFixed(0)} % ` +
    `(shares below are of busy time)\n\nTop frames (self time):\n`,
);
for (const [key, micros] of [...frames].sort((a, b) => b[1] - a[1]).slice(0, top))
  process.stdout.write(`  ${pct(micros).padStart(7)}  ${key}\n`);
process.stdout.write('\nBy package (self time):\n');
for (const [key, micros] of [...places].sort((a, b) => b[1] - a[1]).slice(0, 15))
  process.stdout.write(`  ${pct(micros).padStart(7)}  ${key}\n`);
