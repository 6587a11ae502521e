/**
 * `npm run renkei -- export hsds|fhir <dir> [--base-url <url>]`: writes the public directory as
 * HSDS 3.0 (organizations.json, services.json, locations.json — JSON arrays of the objects the
 * /hsds pages contain) or FHIR R4 (Organization.json, Location.json, HealthcareService.json —
 * collection Bundles whose fullUrls point at <base-url>/fhir/r4/…).
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
import { CliError, type CliCommand } from '../../cli/commands.js';
import { openRuntime } from '../../platform/runtime.js';
import { systemClock } from '../../platform/clock.js';
import { createExportService } from './export.service.js';

export const exportCommand: CliCommand = {
  options: { 'base-url': { type: 'string' } },
  run: async ({ config, values, positionals, out }) => {
    const [standard, directory] = positionals;
    if ((standard !== 'hsds' && standard !== 'fhir') || !directory || positionals.length > 2) {
      throw new CliError('使い方: export <hsds|fhir> <dir> [--base-url http://…]');
    }
    const baseUrlOption = typeof values['base-url'] === 'string' ? values['base-url'] : null;
    if (baseUrlOption !== null && !/^https?:\/\/[^\s/]+(\/[^\s]*)?$/.test(baseUrlOption)) {
      throw new CliError('--base-url は http:// または https:// で始まる URL です');
    }
    const baseUrl = (baseUrlOption ?? `http://${config.host}:${config.port}`).replace(/\/+$/, '');
    // Never initialise an empty database to export nothing from it (a mistyped RENKEI_DATA_DIR).
    const dataDir = config.database.kind === 'pglite' ? config.database.dataDir : null;
    if (dataDir && !existsSync(path.join(dataDir, 'PG_VERSION')))
      throw new CliError(`${dataDir} に Renkei のデータベースがありません（RENKEI_DATA_DIR を確かめてください）。`);
    const runtime = await openRuntime(config);
    try {
      const service = createExportService({
        database: runtime.database,
        clock: systemClock,
        staleAfterDays: config.staleAvailabilityDays,
      });
      const written =
        standard === 'hsds'
          ? await service.writeHsdsFiles(directory)
          : await service.writeFhirFiles(directory, baseUrl);
      for (const { file, count } of written) out(`${file}: ${count.toLocaleString('ja-JP')} 件`);
      out(standard === 'hsds' ? 'HSDS 3.0 を書き出しました' : `FHIR R4 を書き出しました（fullUrl の基点: ${baseUrl}）`);
      return 0;
    } finally {
      await runtime.close();
    }
  },
};
