/**
 * Field paths as Steve's list API accepts them: dotted segments, with bracketed keys for
 * maps whose keys contain dots or slashes (`metadata.labels[provider.cattle.io]`) and
 * numeric indexes for arrays (`metadata.fields[2]`).
 */
export type PathSegment = string | number;

export function parsePath(path: string): PathSegment[] {
  const out: PathSegment[] = [];
  let i = 0;
  let current = '';

  const flush = () => {
    if (current !== '') {
      out.push(current);
      current = '';
    }
  };

  while (i < path.length) {
    const ch = path[i];

    if (ch === '.') {
      flush();
      i++;
    } else if (ch === '[') {
      flush();
      const end = path.indexOf(']', i);

      if (end < 0) {
        throw new Error(`unterminated '[' in field path "${ path }"`);
      }
      const key = path.slice(i + 1, end);

      out.push(/^\d+$/.test(key) ? Number(key) : key);
      i = end + 1;
    } else {
      current += ch;
      i++;
    }
  }
  flush();

  return out;
}

export function getPath(obj: unknown, segments: PathSegment[]): unknown {
  let cur: unknown = obj;

  for (const seg of segments) {
    if (cur === null || cur === undefined) {
      return undefined;
    }
    if (Array.isArray(cur) && typeof seg === 'string') {
      // Steve's non-SQL filter searched arrays item by item; flatten the same way.
      const values = cur.map((item) => getPath(item, [seg])).filter((v) => v !== undefined);

      cur = values.length ? values : undefined;
      continue;
    }
    cur = (cur as Record<string | number, unknown>)[seg];
  }

  return cur;
}
