import { mkdir } from 'node:fs/promises';
import { dirname } from 'node:path';
import writeFileAtomicLibrary from 'write-file-atomic';

/**
 * Writes through a temporary file, fsync and a rename (write-file-atomic), so a crash never leaves a
 * half-written file behind; the mode is set on every write, so rewriting a too-open file tightens it.
 */
export async function writeFileAtomic(path: string, data: string | Buffer, mode = 0o600): Promise<void> {
  await mkdir(dirname(path), { recursive: true });
  await writeFileAtomicLibrary(path, data, { mode });
}
