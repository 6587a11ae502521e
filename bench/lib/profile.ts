/**
 * Reads a V8 CPU profile (`node --cpu-prof`) and says where the time went: self time by
 * function, and inclusive time by package or source file (a package counts once per sample
 * when any of its functions is on the stack). Used by `npm run bench -- --profile`.
 */
import { readFileSync } from 'node:fs';

type ProfileNode = {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  children?: number[];
};

type CpuProfile = { nodes: ProfileNode[]; samples: number[]; timeDeltas: number[]; startTime: number };

export type ProfileSummary = {
  /** Milliseconds of samples considered. */
  totalMs: number;
  idlePercent: number;
  selfByFunction: { name: string; percent: number }[];
  selfByModule: { name: string; percent: number }[];
  inclusiveByModule: { name: string; percent: number }[];
};

/** `fastify`, `@fastify/helmet`, `renkei src/platform/guard.ts`, `node:internal/…`, `(garbage collector)`. */
export function moduleOf(url: string, functionName: string): string {
  if (!url) return functionName.startsWith('(') ? functionName : '(native)';
  const packageMatch = /node_modules\/((?:@[^/]+\/)?[^/]+)\//.exec(url);
  if (packageMatch?.[1]) return packageMatch[1];
  const ownMatch = /\/(?:dist\/)?(src\/.+?)(?:\.js|\.ts)$/.exec(url);
  if (ownMatch?.[1]) return `renkei ${ownMatch[1]}`;
  if (url.startsWith('node:')) return url.replace(/^node:internal\/([^/]+).*$/, 'node:internal/$1');
  return url;
}

/** Monotonic time in µs, the clock V8 profiles use on Linux (process.hrtime). */
export function monotonicMicros(): number {
  return Number(process.hrtime.bigint() / 1000n);
}

/**
 * Summarises the samples taken inside `windows` (monotonic µs, from `monotonicMicros()` of the
 * runner: V8 stamps profiles with the same clock), or all samples when no window is given.
 */
export function summariseProfile(
  file: string,
  options: { windows?: [number, number][]; top?: number } = {},
): ProfileSummary {
  const profile = JSON.parse(readFileSync(file, 'utf8')) as CpuProfile;
  const byId = new Map(profile.nodes.map((node) => [node.id, node]));
  const parentOf = new Map<number, number>();
  for (const node of profile.nodes) for (const child of node.children ?? []) parentOf.set(child, node.id);

  const self = new Map<string, number>();
  const selfModules = new Map<string, number>();
  const inclusive = new Map<string, number>();
  let totalMicros = 0;
  let idleMicros = 0;
  let timestamp = profile.startTime;
  const windows = options.windows ?? [];
  const isInside = (time: number) => windows.length === 0 || windows.some(([from, to]) => time >= from && time <= to);
  profile.samples.forEach((leafId, index) => {
    const delta = profile.timeDeltas[index] ?? 0;
    timestamp += delta;
    if (!isInside(timestamp)) return;
    const leaf = byId.get(leafId);
    if (!leaf) return;
    totalMicros += delta;
    const leafName = leaf.callFrame.functionName || '(anonymous)';
    if (leafName === '(idle)') {
      idleMicros += delta;
      return;
    }
    const leafModule = moduleOf(leaf.callFrame.url, leafName);
    const selfKey = `${leafName} — ${leafModule}${leaf.callFrame.url ? `:${leaf.callFrame.lineNumber + 1}` : ''}`;
    self.set(selfKey, (self.get(selfKey) ?? 0) + delta);
    selfModules.set(leafModule, (selfModules.get(leafModule) ?? 0) + delta);
    const modules = new Set<string>();
    for (let id: number | undefined = leafId; id !== undefined; id = parentOf.get(id)) {
      const node = byId.get(id);
      if (node) modules.add(moduleOf(node.callFrame.url, node.callFrame.functionName));
    }
    for (const name of modules) inclusive.set(name, (inclusive.get(name) ?? 0) + delta);
  });
  const busy = totalMicros - idleMicros || 1;
  const top = options.top ?? 25;
  const ranked = (map: Map<string, number>) =>
    [...map.entries()]
      .sort((a, b) => b[1] - a[1])
      .slice(0, top)
      .map(([name, micros]) => ({ name, percent: (micros / busy) * 100 }));
  return {
    totalMs: totalMicros / 1000,
    idlePercent: (idleMicros / (totalMicros || 1)) * 100,
    selfByFunction: ranked(self),
    selfByModule: ranked(selfModules),
    inclusiveByModule: ranked(inclusive).filter((entry) => entry.name !== '(root)'),
  };
}

/** Plain-text rendering, percentages of busy (non-idle) time. */
export function renderProfileSummary(title: string, summary: ProfileSummary): string {
  const lines = [
    `${title}: ${Math.round(summary.totalMs)} ms sampled, ${Math.round(summary.idlePercent)} % idle`,
    '  inclusive by module (% of busy time with the module on the stack):',
    ...summary.inclusiveByModule.map((entry) => `    ${entry.percent.toFixed(1).padStart(5)} %  ${entry.name}`),
    '  self time by module:',
    ...summary.selfByModule.map((entry) => `    ${entry.percent.toFixed(1).padStart(5)} %  ${entry.name}`),
    '  self time by function:',
    ...summary.selfByFunction.map((entry) => `    ${entry.percent.toFixed(1).padStart(5)} %  ${entry.name}`),
  ];
  return lines.join('\n');
}
