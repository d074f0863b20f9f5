/**
 * Fetches the responses recorded from a real Rancher that `@rancher/cypress` ships in
 * `e2e/blueprints/` (and the inline mocks of its specs), for the contract tests in
 * `tests/contract/`. The package is NOT a dependency (it pulls the cypress binary): it is
 * `npm pack`ed into `.cache/rancher-cypress/` (git-ignored), its tarball checked against the
 * registry's `dist.integrity`, and unpacked to `.cache/rancher-cypress/package/`.
 *
 * Run: `npx tsx scripts/fetch-rancher-recordings.ts` (scripts/test.sh does, before jest).
 * Nothing happens when the same version is already unpacked (no network needed then).
 */
import { execFileSync } from 'child_process';
import { createHash } from 'crypto';
import fs from 'fs';
import path from 'path';
import { gunzipSync } from 'zlib';

export const RECORDINGS_PACKAGE = '@rancher/cypress';
export const RECORDINGS_VERSION = '1.0.11';

const SPEC = `${ RECORDINGS_PACKAGE }@${ RECORDINGS_VERSION }`;
const ROOT = path.resolve(__dirname, '..');
const CACHE = path.join(ROOT, '.cache', 'rancher-cypress');
const UNPACKED = path.join(CACHE, 'package');
const MARKER = path.join(CACHE, 'extracted.json');

interface Marker { spec: string; integrity: string }

function alreadyExtracted(): boolean {
  try {
    const marker: Marker = JSON.parse(fs.readFileSync(MARKER, 'utf8'));

    return marker.spec === SPEC && fs.existsSync(path.join(UNPACKED, 'e2e', 'blueprints'));
  } catch {
    return false;
  }
}

function npm(args: string[]): string {
  return execFileSync('npm', args, {
    cwd: CACHE, encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit']
  }).trim();
}

/** `sha512-<base64>` (SRI) of a buffer, in the algorithm the expected value names. */
function integrityOf(buf: Buffer, expected: string): string {
  const algo = expected.split('-')[0];

  return `${ algo }-${ createHash(algo).update(buf).digest('base64') }`;
}

/** A parsed pax extended header (`<len> key=value\n` records). */
function paxRecords(body: Buffer): Record<string, string> {
  const out: Record<string, string> = {};
  let at = 0;

  while (at < body.length) {
    const space = body.indexOf(0x20, at);

    if (space < 0) {
      break;
    }
    const len = parseInt(body.toString('utf8', at, space), 10);

    if (!len) {
      break;
    }
    const record = body.toString('utf8', space + 1, at + len - 1);
    const eq = record.indexOf('=');

    out[record.slice(0, eq)] = record.slice(eq + 1);
    at += len;
  }

  return out;
}

function cString(block: Buffer, start: number, len: number): string {
  const raw = block.subarray(start, start + len);
  const nul = raw.indexOf(0);

  return raw.toString('utf8', 0, nul < 0 ? raw.length : nul);
}

/**
 * A small tar reader: regular files and directories of a (ustar / pax / GNU long name) archive,
 * written under `dest`. Paths that would leave `dest` are refused.
 */
export function untar(tar: Buffer, dest: string): number {
  let at = 0;
  let files = 0;
  let longName: string | undefined;
  let pax: Record<string, string> = {};

  while (at + 512 <= tar.length) {
    const header = tar.subarray(at, at + 512);

    if (header.every((b) => b === 0)) {
      break;
    }
    const size = parseInt(cString(header, 124, 12).trim() || '0', 8);
    const type = String.fromCharCode(header[156] || 0x30);
    const prefix = cString(header, 345, 155);
    const name = cString(header, 0, 100);
    const body = tar.subarray(at + 512, at + 512 + size);

    at += 512 + Math.ceil(size / 512) * 512;

    if (type === 'x') {
      pax = paxRecords(body);
      continue;
    }
    if (type === 'g') {
      continue;
    }
    if (type === 'L') {
      longName = body.toString('utf8').replace(/\0+$/, '');
      continue;
    }
    const entry = pax.path || longName || (prefix ? `${ prefix }/${ name }` : name);

    pax = {};
    longName = undefined;
    const target = path.resolve(dest, entry);

    if (target !== dest && !target.startsWith(dest + path.sep)) {
      throw new Error(`refusing a tar entry outside the destination: ${ entry }`);
    }
    if (type === '5') {
      fs.mkdirSync(target, { recursive: true });
    } else if (type === '0' || type === '7') {
      fs.mkdirSync(path.dirname(target), { recursive: true });
      fs.writeFileSync(target, body);
      files++;
    }
    // Links, devices and FIFOs are not expected in an npm tarball and are skipped.
  }

  return files;
}

export function fetchRancherRecordings(): void {
  if (alreadyExtracted()) {
    process.stdout.write(`rancher recordings: ${ SPEC } already in ${ path.relative(ROOT, UNPACKED) }\n`);

    return;
  }
  fs.mkdirSync(CACHE, { recursive: true });
  const expected = npm(['view', SPEC, 'dist.integrity']);

  if (!/^sha(256|384|512)-/.test(expected)) {
    throw new Error(`npm view ${ SPEC } dist.integrity gave no integrity: ${ JSON.stringify(expected) }`);
  }
  const packed = JSON.parse(npm(['pack', SPEC, '--json', '--pack-destination', CACHE]));
  const tarball = path.join(CACHE, packed[0].filename);
  const gz = fs.readFileSync(tarball);
  const actual = integrityOf(gz, expected);

  if (actual !== expected) {
    fs.rmSync(tarball, { force: true });
    throw new Error(`${ SPEC }: tarball integrity ${ actual } does not match the registry's ${ expected }`);
  }
  // Unpack next to the final place, then swap, so an interrupted run never leaves half a tree.
  const staging = fs.mkdtempSync(path.join(CACHE, 'unpack-'));
  const files = untar(gunzipSync(gz), staging);

  fs.rmSync(UNPACKED, { recursive: true, force: true });
  fs.renameSync(path.join(staging, 'package'), UNPACKED);
  fs.rmSync(staging, { recursive: true, force: true });
  fs.rmSync(tarball, { force: true });
  fs.writeFileSync(MARKER, `${ JSON.stringify({ spec: SPEC, integrity: expected } satisfies Marker, null, 2) }\n`);
  process.stdout.write(`rancher recordings: ${ SPEC } (${ expected.slice(0, 20) }…) verified, ${ files } files in ${ path.relative(ROOT, UNPACKED) }\n`);
}

if (require.main === module) {
  try {
    fetchRancherRecordings();
  } catch (e) {
    process.stderr.write(`rancher recordings: ${ (e as Error).message }\n`);
    process.exit(1);
  }
}
