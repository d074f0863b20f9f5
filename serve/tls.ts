import fs from 'fs';
import path from 'path';
import { generate } from 'selfsigned';

export interface TlsMaterial { key: string; cert: string }

/** A self-signed certificate for 127.0.0.1/localhost, made once and kept with the local data. */
export async function loadOrCreateCertificate(dir: string): Promise<TlsMaterial> {
  const keyFile = path.join(dir, 'tls.key');
  const certFile = path.join(dir, 'tls.crt');

  if (fs.existsSync(keyFile) && fs.existsSync(certFile)) {
    return { key: fs.readFileSync(keyFile, 'utf8'), cert: fs.readFileSync(certFile, 'utf8') };
  }

  const pems = await generate([{ name: 'commonName', value: 'localhost' }], {
    keySize:      2048,
    // selfsigned 5 has no `days` (an old option it ignores): its default would be 365
    notAfterDate: new Date(Date.now() + 825 * 24 * 3600 * 1000),
    extensions:   [
      { name: 'basicConstraints', cA: false },
      {
        name: 'keyUsage', digitalSignature: true, keyEncipherment: true
      },
      { name: 'extKeyUsage', serverAuth: true },
      {
        name:     'subjectAltName',
        altNames: [{ type: 2, value: 'localhost' }, { type: 7, ip: '127.0.0.1' }, { type: 7, ip: '::1' }],
      },
    ],
  });

  fs.mkdirSync(dir, { recursive: true });
  fs.writeFileSync(keyFile, pems.private, { mode: 0o600 });
  fs.writeFileSync(certFile, pems.cert);

  return { key: pems.private, cert: pems.cert };
}
