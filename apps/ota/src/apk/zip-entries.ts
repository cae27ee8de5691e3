import type { Readable } from 'node:stream';
import yauzl, { type Entry, type ZipFile } from 'yauzl';

/**
 * Visits every entry of a zip file in order, one at a time, without
 * unpacking it: `visit` gets the entry's name and may open its content.
 */
export async function visitZipEntries(path: string, visit: (name: string, open: () => Promise<Readable>) => Promise<void>): Promise<void> {
  const zip = await new Promise<ZipFile>((resolve, reject) =>
    yauzl.open(path, { lazyEntries: true, validateEntrySizes: true }, (error, file) => (error ? reject(error) : resolve(file))),
  );
  try {
    await new Promise<void>((resolve, reject) => {
      zip.on('error', reject);
      zip.on('end', resolve);
      zip.on('entry', (entry: Entry) => {
        const open = () => new Promise<Readable>((done, fail) => zip.openReadStream(entry, (error, stream) => (error ? fail(error) : done(stream))));
        visit(entry.fileName, open).then(() => zip.readEntry(), reject);
      });
      zip.readEntry();
    });
  } finally {
    zip.close();
  }
}

/** The names of a zip's entries, and the contents of those `wanted` selects (small ones: they are read into memory). */
export async function readZipEntries(path: string, wanted: (name: string) => boolean): Promise<Map<string, Buffer | null>> {
  const entries = new Map<string, Buffer | null>();
  await visitZipEntries(path, async (name, open) => {
    entries.set(name, wanted(name) ? await contentOf(await open()) : null);
  });
  return entries;
}

async function contentOf(stream: Readable): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}
