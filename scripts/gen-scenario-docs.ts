// Regenerates scenario.schema.json and docs/scenario-reference.md from the zod schema.
// Run: npm run docs:scenario (a test fails when the committed files are stale).
import { writeFileSync } from 'node:fs';
import { scenarioJsonSchema,
  sweepJsonSchema, scenarioReferenceMarkdown } from '../src/scenario/index.ts';

writeFileSync('scenario.schema.json', `${JSON.stringify(scenarioJsonSchema(), null, 2)}\n`);
writeFileSync('sweep.schema.json', `${JSON.stringify(sweepJsonSchema(), null, 2)}\n`);
writeFileSync(
  'docs/scenario-reference.md',
  `# Scenario reference\n\nGenerated from \`src/scenario/schema.ts\` by \`npm run docs:scenario\`. Editors complete and check\nscenario files through \`scenario.schema.json\` (first line of each scenario:\n\`# yaml-language-server: $schema=../scenario.schema.json\`).\n\n${scenarioReferenceMarkdown()}\n`,
);
