import { scenarioJsonSchema } from '../scenario/index.ts';

/** `livemodel schema`: the scenario JSON Schema, for editors. */
export function schemaCli(): string {
  return JSON.stringify(scenarioJsonSchema(), null, 2);
}

/** `livemodel schema`. */
export async function schemaMain(_args: string[]): Promise<number> {
  console.log(schemaCli());
  return 0;
}
