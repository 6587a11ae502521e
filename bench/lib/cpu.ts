/**
 * CPU time of processes, read from /proc (Linux). On a 2-core machine the load generator, the
 * server and PostgreSQL share the cores, so a sample is only readable next to who used the CPU.
 */
import { readdirSync, readFileSync } from 'node:fs';

const ticksPerSecond = 100;

function parseStat(stat: string): { command: string; cpuSeconds: number } {
  const open = stat.indexOf('(');
  const close = stat.lastIndexOf(')');
  // Fields after the command name (which may contain spaces) start at `state` (field 3).
  const fields = stat.slice(close + 2).split(' ');
  return {
    command: stat.slice(open + 1, close),
    cpuSeconds: (Number(fields[11]) + Number(fields[12])) / ticksPerSecond,
  };
}

/** User + system CPU seconds used so far by one process; null when unknown. */
export function processCpuSeconds(pid: number): number | null {
  try {
    return parseStat(readFileSync(`/proc/${pid}/stat`, 'utf8')).cpuSeconds;
  } catch {
    return null;
  }
}

/**
 * CPU seconds used so far by each PostgreSQL backend serving `databaseName` (found by its
 * process title, `postgres: … <user> <database> <client> <state>`); null off Linux. Other
 * people's databases on a shared server are left out.
 */
export function postgresCpuSnapshot(databaseName: string): Map<number, number> | null {
  let pids: string[];
  try {
    pids = readdirSync('/proc').filter((entry) => /^\d+$/.test(entry));
  } catch {
    return null;
  }
  const snapshot = new Map<number, number>();
  for (const pid of pids) {
    try {
      const { command, cpuSeconds } = parseStat(readFileSync(`/proc/${pid}/stat`, 'utf8'));
      if (command !== 'postgres') continue;
      const title = readFileSync(`/proc/${pid}/cmdline`, 'utf8').replace(/\0/g, ' ');
      if (title.includes(` ${databaseName} `)) snapshot.set(Number(pid), cpuSeconds);
    } catch {
      // The process ended between listing and reading.
    }
  }
  return snapshot;
}

/** CPU seconds used between two snapshots (backends started in between count from zero). */
export function snapshotDelta(before: Map<number, number> | null, after: Map<number, number> | null): number | null {
  if (!before || !after) return null;
  let total = 0;
  for (const [pid, cpuSeconds] of after) total += Math.max(0, cpuSeconds - (before.get(pid) ?? 0));
  return total;
}

/** CPU seconds used so far by this process (the load generator). */
export function ownCpuSeconds(): number {
  const usage = process.cpuUsage();
  return (usage.user + usage.system) / 1e6;
}

/** CPU seconds all cores have spent busy (not idle or waiting) since boot; null off Linux. */
export function systemBusySeconds(): number | null {
  try {
    const line = readFileSync('/proc/stat', 'utf8').split('\n')[0] ?? '';
    const [, ...values] = line.trim().split(/\s+/);
    const ticks = values.map(Number);
    const idle = (ticks[3] ?? 0) + (ticks[4] ?? 0);
    // user nice system idle iowait irq softirq steal (guest time is already counted in user).
    const total = ticks.slice(0, 8).reduce((sum, value) => sum + value, 0);
    return (total - idle) / ticksPerSecond;
  } catch {
    return null;
  }
}
