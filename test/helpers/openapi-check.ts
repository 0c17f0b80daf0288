import type { ValidateFunction } from 'ajv';
import { Ajv2020 } from 'ajv/dist/2020.js';

// biome-ignore lint/suspicious/noExplicitAny: an OpenAPI document is walked by key
type Doc = any;

/** What one checked response was: operation, status, media type. */
export interface Checked {
  readonly path: string;
  readonly method: string;
  readonly status: number;
  readonly media: string;
}

/**
 * Checks live responses against an OpenAPI 3.1 document's response schemas with Ajv (JSON Schema
 * 2020-12, strict): the document's `components.schemas` become one schema resource, whose
 * `#/components/schemas/X` references resolve as in the document. `check` finds the operation by
 * its path template and method, the response by status (else `default`) and the schema by media
 * type, and throws naming all three and Ajv's errors when the body does not conform. `checked`
 * lists what was checked, for coverage.
 *
 * @example
 * const oas = openApiChecker(doc);
 * await oas.check('/health', 'get', await fetch(`${url}/health`));
 */
export function openApiChecker(doc: Doc) {
  const ajv = new Ajv2020({ strict: true, allErrors: true });
  const resource = JSON.parse(
    JSON.stringify({ $id: 'urn:livemodel:openapi', $defs: doc.components.schemas }).replaceAll(
      '#/components/schemas/',
      '#/$defs/',
    ),
  );
  ajv.addSchema(resource);
  const compiled = new Map<string, ValidateFunction>();
  const validator = (schema: unknown): ValidateFunction => {
    const text = JSON.stringify(schema).replaceAll(
      '#/components/schemas/',
      'urn:livemodel:openapi#/$defs/',
    );
    const known = compiled.get(text);
    if (known !== undefined) return known;
    const v = ajv.compile(JSON.parse(text));
    compiled.set(text, v);
    return v;
  };
  const checked: Checked[] = [];
  return {
    checked,
    /** Compiles every component schema (strict: unknown keywords and bad schemas throw). */
    compileAll(): string[] {
      return Object.keys(doc.components.schemas).map((id) => {
        validator({ $ref: `#/components/schemas/${id}` });
        return id;
      });
    },
    /** Validates `body` (already read) as the response `status` of `method path` in `media`. */
    validate(path: string, method: string, status: number, media: string, body: unknown): void {
      const op = doc.paths[path]?.[method];
      if (op === undefined) throw new Error(`no operation ${method.toUpperCase()} ${path}`);
      const response = op.responses[String(status)] ?? op.responses.default;
      if (response === undefined)
        throw new Error(`${method} ${path}: status ${status} undocumented`);
      const content = response.content?.[media];
      if (content?.schema === undefined)
        throw new Error(`${method} ${path} ${status}: no schema for ${media}`);
      const v = validator(content.schema);
      if (!v(body))
        throw new Error(
          `${method.toUpperCase()} ${path} ${status} ${media}: ${ajv.errorsText(v.errors)}\n${JSON.stringify(body).slice(0, 800)}`,
        );
      checked.push({ path, method, status, media });
    },
    /** Validates `body` against `components.schemas[id]`; throws naming the schema and Ajv's errors. */
    validateComponent(id: string, body: unknown): void {
      const v = validator({ $ref: `#/components/schemas/${id}` });
      if (!v(body))
        throw new Error(
          `${id}: ${ajv.errorsText(v.errors)}\n${JSON.stringify(body).slice(0, 800)}`,
        );
    },
    /** Reads a fetch response and validates it (JSON bodies parsed; text as a string). */
    async check(path: string, method: string, r: Response): Promise<unknown> {
      const media = (r.headers.get('content-type') ?? '').split(';')[0]?.trim() ?? '';
      const body = media === 'application/json' ? await r.json() : await r.text();
      this.validate(path, method, r.status, media, body);
      return body;
    },
  };
}
