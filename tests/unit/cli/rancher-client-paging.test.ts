import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'http';
import type { AddressInfo } from 'net';
import { EXIT } from '../../../cli/errors';
import { isLastPage, isNoSchemaAnswer, RancherClient } from '../../../cli/rancher-client';

// `listAll` against fakes of the Steve list answers each Rancher version gives, and the empty
// 404 Steve sends for a type the user has no schema for.

const ROWS = Array.from({ length: 250 }, (_, i) => ({ id: `c-${ String(i).padStart(3, '0') }` }));

type Answer = (params: URLSearchParams, res: ServerResponse) => void;

/**
 * Steve's SQL cache on Rancher 2.10/2.11: OFFSET = continue + pagesize*(page-1)
 * (steve pkg/sqlcache/informer/listoption_indexer.go v0.4.8, v0.5.15), a `continue` token when
 * rows are left, `count` omitted when 0 and never `pages`.
 */
const sqlCache210: Answer = (params, res) => {
  const pageSize = Number(params.get('pagesize') || 0);
  const page = Number(params.get('page') || 1);
  const offset = Number(params.get('continue') || 0) + pageSize * (page - 1);
  const data = ROWS.slice(offset, offset + pageSize);
  const more = offset + data.length < ROWS.length;

  res.end(JSON.stringify({
    type: 'collection', data, count: ROWS.length || undefined, ...(more ? { continue: String(offset + pageSize) } : {}),
  }));
};

/** Steve without the SQL cache: `page`/`pagesize`, `count` and `pages`. */
const listProcessor: Answer = (params, res) => {
  const pageSize = Number(params.get('pagesize'));
  const page = Number(params.get('page'));

  res.end(JSON.stringify({
    type: 'collection', data: ROWS.slice(pageSize * (page - 1), pageSize * page), count: ROWS.length, pages: Math.ceil(ROWS.length / pageSize),
  }));
};

/** Neither count nor pages (what a 2.12 SQL answer may look like): only a short page ends it. */
const bare: Answer = (params, res) => {
  const pageSize = Number(params.get('pagesize'));
  const page = Number(params.get('page'));

  res.end(JSON.stringify({ type: 'collection', data: ROWS.slice(pageSize * (page - 1), pageSize * page) }));
};

describe('cli: RancherClient.listAll paging', () => {
  let server: Server;
  let answer: Answer = sqlCache210;
  const asked: string[] = [];

  beforeAll(async() => {
    server = createServer((req: IncomingMessage, res: ServerResponse) => {
      const url = new URL(req.url || '/', 'http://fake');

      asked.push(url.search);
      res.setHeader('X-API-Cattle-Auth', 'true');
      if (url.pathname.startsWith('/v1/management.cattle.io.clusters')) {
        res.statusCode = 404; // Steve: no schema for this user, no body
        res.end();

        return;
      }
      res.setHeader('content-type', 'application/json');
      answer(url.searchParams, res);
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  });
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));
  beforeEach(() => {
    asked.length = 0;
  });

  const client = () => new RancherClient({
    server: `http://127.0.0.1:${ (server.address() as AddressInfo).port }`, token: 'token-x:secret', insecureSkipTlsVerify: false
  });

  it.each([
    ['the 2.10/2.11 SQL cache (continue adds to the page offset)', sqlCache210],
    ['the list processor without SQL (pages)', listProcessor],
    ['an answer with neither count nor pages', bare],
  ])('gets every row exactly once from %s', async(_name, kind) => {
    answer = kind;
    const { items } = await client().listAll<{ id: string }>('/v1/provisioning.cattle.io.clusters', {}, 100);

    expect(items.map((i) => i.id)).toEqual(ROWS.map((r) => r.id));
    expect(asked.every((q) => !q.includes('continue='))).toBe(true);
    expect(asked).toHaveLength(3);
  });

  it('a page size that divides the total ends on count (or the empty page when count is absent)', async() => {
    answer = bare;
    expect((await client().listAll('/v1/provisioning.cattle.io.clusters', {}, 50)).items).toHaveLength(250);
    expect(asked).toHaveLength(6); // the sixth, empty page says it is over
    asked.length = 0;
    answer = sqlCache210;
    expect((await client().listAll('/v1/provisioning.cattle.io.clusters', {}, 50)).items).toHaveLength(250);
    expect(asked).toHaveLength(5); // count reached
  });

  it('isLastPage: short page, pages or count', () => {
    expect(isLastPage({
      page: 1, pageSize: 100, received: 99, total: 99
    })).toBe(true);
    expect(isLastPage({
      page: 1, pageSize: 100, received: 100, total: 100
    })).toBe(false);
    expect(isLastPage({
      page: 2, pageSize: 100, received: 100, total: 200, pages: 2
    })).toBe(true);
    expect(isLastPage({
      page: 2, pageSize: 100, received: 100, total: 200, count: 200
    })).toBe(true);
  });

  it("Steve's empty 404 (no schema for the user) is no access, not 'not Rancher'", async() => {
    const err = await client().listAll('/v1/management.cattle.io.clusters').catch((e) => e);

    expect(err.exitCode).toBe(EXIT.FORBIDDEN);
    expect(err.message).toContain('Your Rancher user has no access to clusters');
    expect(err.message).not.toContain('does not look like Rancher');
    expect(await client().getOptional('/v1/management.cattle.io.clusters/c-x')).toBeUndefined();
    expect(isNoSchemaAnswer({
      status: 404, data: '', headers: {}
    })).toBe(false); // not from Rancher
  });
});
