/** Describes the machine a run happened on, for the header of BENCHMARKS.md. */
import os from 'node:os';
import { readFileSync } from 'node:fs';
import pg from 'pg';

export type MachineInfo = {
  cpuModel: string;
  cores: number;
  memoryGiB: number;
  os: string;
  node: string;
  postgres: string;
};

function linuxDistribution(): string | null {
  try {
    const release = readFileSync('/etc/os-release', 'utf8');
    return /^PRETTY_NAME="?([^"\n]+)"?$/m.exec(release)?.[1] ?? null;
  } catch {
    return null;
  }
}

/** Reads CPU, memory, Node.js and the PostgreSQL server version (`SHOW server_version`). */
export async function readMachineInfo(postgresUrl: string): Promise<MachineInfo> {
  let postgres = 'unreachable';
  const client = new pg.Client({ connectionString: postgresUrl });
  try {
    await client.connect();
    const result = await client.query<{ server_version: string }>('SHOW server_version');
    postgres = result.rows[0]?.server_version ?? 'unknown';
  } catch {
    // The report still says where it ran; workloads that need PostgreSQL fail on their own.
  } finally {
    await client.end().catch(() => undefined);
  }
  const cpus = os.cpus();
  return {
    cpuModel: cpus[0]?.model.trim() ?? 'unknown',
    cores: os.availableParallelism(),
    memoryGiB: Math.round((os.totalmem() / 1024 ** 3) * 10) / 10,
    os: `${linuxDistribution() ?? os.type()} (kernel ${os.release()})`,
    node: process.version,
    postgres,
  };
}

export function describeMachine(machine: MachineInfo): string {
  return [
    `CPU ${machine.cpuModel}, ${machine.cores} cores`,
    `RAM ${machine.memoryGiB} GiB`,
    machine.os,
    `Node.js ${machine.node}`,
    `PostgreSQL ${machine.postgres}`,
  ].join(' · ');
}
