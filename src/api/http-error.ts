/**
 * An error the API answers with a status code and a JSON body `{ error, …details }`.
 *
 * @example
 * throw new HttpError(404, `unknown symbol \`XYZ\``, { symbols: ['A', 'B'] });
 */
export class HttpError extends Error {
  readonly status: number;
  readonly details: Record<string, unknown>;

  constructor(status: number, message: string, details: Record<string, unknown> = {}) {
    super(message);
    this.name = 'HttpError';
    this.status = status;
    this.details = details;
  }
}
