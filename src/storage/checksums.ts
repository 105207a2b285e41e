import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';

/** What one pass over some bytes yields: the sha256 content addresses use and the MD5 object stores verify. */
export interface LocalChecksums {
  size: number;
  sha256Hex: string;
  md5Base64: string;
}

export function checksumsOfBytes(data: Buffer): LocalChecksums {
  return {
    size: data.length,
    sha256Hex: createHash('sha256').update(data).digest('hex'),
    md5Base64: createHash('md5').update(data).digest('base64'),
  };
}

/** One read of a staged file gives both the sha256 we verify against and the MD5 object stores verify. */
export async function checksumsOfFile(file: string): Promise<LocalChecksums> {
  const sha256 = createHash('sha256');
  const md5 = createHash('md5');
  let size = 0;
  for await (const chunk of createReadStream(file) as AsyncIterable<Buffer>) {
    sha256.update(chunk);
    md5.update(chunk);
    size += chunk.length;
  }
  return { size, sha256Hex: sha256.digest('hex'), md5Base64: md5.digest('base64') };
}
