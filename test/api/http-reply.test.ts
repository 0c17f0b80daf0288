import { describe, expect, it } from 'vitest';
import { errorReply, HttpError } from '../../src/api/index.ts';

describe('errorReply', () => {
  it('doc example: an HttpError keeps its status and message', () => {
    expect(errorReply(new HttpError(404, 'no route'))).toEqual({
      status: 404,
      body: { error: 'no route' },
      headers: {},
    });
  });

  it('details never replace the message; anything else is a 500 naming it', () => {
    const e = new HttpError(400, 'bad', { error: 'sneaky', field: 'x' }, { allow: 'GET' });
    expect(errorReply(e)).toEqual({
      status: 400,
      body: { error: 'bad', field: 'x' },
      headers: { allow: 'GET' },
    });
    expect(errorReply(new TypeError('boom')).body).toEqual({ error: 'internal error: boom' });
    expect(errorReply('a string')).toMatchObject({
      status: 500,
      body: { error: 'internal error: a string' },
    });
  });
});
