import { gunzipSync } from 'zlib';

/**
 * Reads a gzipped tar archive (a Helm chart `.tgz`, an extension's `<version>.tgz`) into a map
 * of file path → content. Understands ustar, GNU long names and pax `path` records, which is
 * what `tar`, `helm package` and Node tar writers produce; directories and links are skipped.
 */
export function readTarGz(archive: Buffer): Map<string, Buffer> {
  return readTar(gunzipSync(archive));
}

function field(block: Buffer, offset: number, length: number): string {
  const raw = block.subarray(offset, offset + length);
  const end = raw.indexOf(0);

  return raw.subarray(0, end < 0 ? raw.length : end).toString('utf8');
}

function octal(block: Buffer, offset: number, length: number): number {
  const text = field(block, offset, length).trim();

  return text ? parseInt(text, 8) : 0;
}

function paxPath(data: Buffer): string | undefined {
  // records: "<len> <key>=<value>\n"
  let pos = 0;

  while (pos < data.length) {
    const space = data.indexOf(0x20, pos);

    if (space < 0) {
      break;
    }
    const len = Number(data.subarray(pos, space).toString('ascii'));

    if (!len) {
      break;
    }
    const record = data.subarray(space + 1, pos + len - 1).toString('utf8');
    const eq = record.indexOf('=');

    if (record.slice(0, eq) === 'path') {
      return record.slice(eq + 1);
    }
    pos += len;
  }

  return undefined;
}

export function readTar(tar: Buffer): Map<string, Buffer> {
  const files = new Map<string, Buffer>();
  let pos = 0;
  let longName: string | undefined;

  while (pos + 512 <= tar.length) {
    const header = tar.subarray(pos, pos + 512);

    if (header.every((b) => b === 0)) {
      break;
    }
    const size = octal(header, 124, 12);
    const type = String.fromCharCode(header[156] || 0x30);
    const prefix = field(header, 345, 155);
    const name = field(header, 0, 100);
    const data = tar.subarray(pos + 512, pos + 512 + size);
    let path = longName ?? (prefix ? `${ prefix }/${ name }` : name);

    longName = undefined;
    pos += 512 + Math.ceil(size / 512) * 512;

    if (type === 'L') {
      longName = field(data, 0, data.length);
      continue;
    }
    if (type === 'x') {
      longName = paxPath(data);
      continue;
    }
    if (type === 'g') {
      continue;
    }
    if (type === '0' || type === '\0' || type === '7') {
      path = path.replace(/^\.\//, '');
      files.set(path, Buffer.from(data));
    }
  }

  return files;
}
