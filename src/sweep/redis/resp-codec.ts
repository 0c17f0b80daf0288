/** A value of the Redis protocol (RESP2): bulk strings decode as UTF-8 text. */
export type RespValue = string | number | null | RespError | RespValue[];

/** An error reply (`-ERR …`), kept as a value so pipelines can return it in place. */
export class RespError extends Error {
  override readonly name = 'ReplyError';
}

/** An argument of a command: text, number or raw bytes (BullMQ packs some with msgpack). */
export type RespArg = string | number | Buffer;

const CRLF = Buffer.from('\r\n');

/**
 * Encodes one command as a RESP array of bulk strings.
 *
 * @example
 * encodeCommand(['SET', 'k', 1]).toString(); // '*3\r\n$3\r\nSET\r\n$1\r\nk\r\n$1\r\n1\r\n'
 */
export function encodeCommand(args: readonly RespArg[]): Buffer {
  const parts: Buffer[] = [Buffer.from(`*${args.length}\r\n`)];
  for (const a of args) {
    const b = Buffer.isBuffer(a) ? a : Buffer.from(String(a));
    parts.push(Buffer.from(`$${b.length}\r\n`), b, CRLF);
  }
  return Buffer.concat(parts);
}

/**
 * An incremental RESP2 reply parser: feed socket chunks, take the complete replies.
 *
 * @example
 * const p = new RespParser();
 * p.feed(Buffer.from('+OK\r\n:4'));
 * p.take(); // ['OK']
 * p.feed(Buffer.from('2\r\n'));
 * p.take(); // [42]
 */
export class RespParser {
  #buf: Buffer = Buffer.alloc(0);

  feed(chunk: Buffer): void {
    this.#buf = this.#buf.length === 0 ? chunk : Buffer.concat([this.#buf, chunk]);
  }

  /** Every complete reply buffered so far, in order. */
  take(): RespValue[] {
    const out: RespValue[] = [];
    let offset = 0;
    for (;;) {
      const r = this.#parse(offset);
      if (r === undefined) break;
      out.push(r[0]);
      offset = r[1];
    }
    this.#buf = offset === this.#buf.length ? Buffer.alloc(0) : this.#buf.subarray(offset);
    return out;
  }

  #parse(at: number): [RespValue, number] | undefined {
    if (at >= this.#buf.length) return undefined;
    const end = this.#buf.indexOf(CRLF, at);
    if (end < 0) return undefined;
    const type = String.fromCharCode(this.#buf[at] as number);
    const line = this.#buf.toString('utf8', at + 1, end);
    const next = end + 2;
    switch (type) {
      case '+':
        return [line, next];
      case '-':
        return [new RespError(line), next];
      case ':':
        return [Number(line), next];
      case '$': {
        const len = Number(line);
        if (len < 0) return [null, next];
        if (this.#buf.length < next + len + 2) return undefined;
        return [this.#buf.toString('utf8', next, next + len), next + len + 2];
      }
      case '*': {
        const n = Number(line);
        if (n < 0) return [null, next];
        const items: RespValue[] = [];
        let pos = next;
        for (let i = 0; i < n; i++) {
          const r = this.#parse(pos);
          if (r === undefined) return undefined;
          items.push(r[0]);
          pos = r[1];
        }
        return [items, pos];
      }
      default:
        throw new RespError(`unexpected RESP type byte ${JSON.stringify(type)} from the Redis server`);
    }
  }
}
