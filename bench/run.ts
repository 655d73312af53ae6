// `pnpm bench [name…]`: runs the named scenarios (all when none), each printing one JSON line.
import { exportsScenario } from './scenarios/exports.ts';
import { fundingSurgeScenario } from './scenarios/funding-surge.ts';
import { publicListScenario } from './scenarios/public-list.ts';
import { quotaSurgeScenario } from './scenarios/quota-surge.ts';
import { registrationSurgeScenario } from './scenarios/registration-surge.ts';
import { searchScenario } from './scenarios/search.ts';

const SCENARIOS: Record<string, () => Promise<Record<string, unknown>>> = {
  exports: exportsScenario,
  'funding-surge': fundingSurgeScenario,
  'public-list': publicListScenario,
  'quota-surge': quotaSurgeScenario,
  'registration-surge': registrationSurgeScenario,
  search: searchScenario,
};

const wanted = process.argv.slice(2).filter((a) => a !== '--');
const names = wanted.length ? wanted : Object.keys(SCENARIOS);
for (const name of names) {
  const run = SCENARIOS[name];
  if (!run) {
    console.error(`unknown scenario "${name}"; known: ${Object.keys(SCENARIOS).join(', ')}`);
    process.exit(2);
  }
  console.log(JSON.stringify(await run()));
}
