/**
 * An error the API answers with a status code and a JSON body `{ error, …details }`, plus any
 * response `headers` the status calls for (`www-authenticate` on 401, `allow` on 405).
 *
 * @example
 * throw new HttpError(404, `unknown symbol \`XYZ\``, { symbols: ['A', 'B'] });
 */
export class HttpError extends Error {
  readonly status: number;
  readonly details: Record<string, unknown>;
  readonly headers: Record<string, string>;

  constructor(
    status: number,
    message: string,
    details: Record<string, unknown> = {},
    headers: Record<string, string> = {},
  ) {
    super(message);
    this.name = 'HttpError';
    this.status = status;
    this.details = details;
    this.headers = headers;
  }
}
