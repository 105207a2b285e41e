import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';

/** What one pass over some bytes yields: the sha256 content addresses use and, when asked, the MD5 object stores verify. */
export interface LocalChecksums {
  size: number;
  sha256Hex: string;
  md5Base64?: string;
}

/** Checksums with the MD5 an object-store upload carries. */
export type UploadChecksums = Required<LocalChecksums>;

export function checksumsOfBytes(data: Buffer, options: { md5: boolean }): LocalChecksums {
  return {
    size: data.length,
    sha256Hex: createHash('sha256').update(data).digest('hex'),
    ...(options.md5 ? { md5Base64: createHash('md5').update(data).digest('base64') } : {}),
  };
}

/** One read of a file gives the sha256 we verify against and, when asked, the MD5 object stores verify. */
export async function checksumsOfFile(file: string, options: { md5: boolean }): Promise<LocalChecksums> {
  const sha256 = createHash('sha256');
  const md5 = options.md5 ? createHash('md5') : null;
  let size = 0;
  for await (const chunk of createReadStream(file) as AsyncIterable<Buffer>) {
    sha256.update(chunk);
    md5?.update(chunk);
    size += chunk.length;
  }
  return { size, sha256Hex: sha256.digest('hex'), ...(md5 ? { md5Base64: md5.digest('base64') } : {}) };
}

/** The checksums given by the content check when they include MD5; else one pass over the bytes. */
export function uploadChecksumsOfBytes(data: Buffer, given: LocalChecksums | undefined): UploadChecksums {
  return withMd5(given) ?? (checksumsOfBytes(data, { md5: true }) as UploadChecksums);
}

/** The checksums given by the content check when they include MD5; else one pass over the file. */
export async function uploadChecksumsOfFile(file: string, given: LocalChecksums | undefined): Promise<UploadChecksums> {
  return withMd5(given) ?? ((await checksumsOfFile(file, { md5: true })) as UploadChecksums);
}

function withMd5(checksums: LocalChecksums | undefined): UploadChecksums | undefined {
  return checksums?.md5Base64 === undefined ? undefined : (checksums as UploadChecksums);
}
