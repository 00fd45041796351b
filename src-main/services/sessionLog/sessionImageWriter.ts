import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { ImageFile } from '../../../src-shared/sessionLogImages';

export interface SessionImageWriterOptions {
  /** The images folder beside the log (`<log name>.images`), created with the first image. */
  readonly folder: string;
  /** Called when writing an image fails or later ones succeed again; the session goes on either way. */
  readonly onProblem?: (problem: string | undefined) => void;
}

export interface SessionImageWriter {
  readonly folder: string;
  /** Writes each image as a new file in the folder, in order; returns at once (see `flush`). */
  write(files: readonly ImageFile[]): void;
  problem(): string | undefined;
  /** Resolves when every image handed in so far is written (or has failed). */
  flush(): Promise<void>;
}

/**
 * Writes the images a session sends beside its log, each once, as its own file: an image is on disk as soon
 * as it is written, so a killed process loses none that was written (the log names it by file name). Files
 * are created new only (`wx`), so nobody else's file is ever written into.
 */
export function createSessionImageWriter(options: SessionImageWriterOptions): SessionImageWriter {
  let writing: Promise<void> = Promise.resolve();
  let problem: string | undefined;
  let folderMade = false;

  function setProblem(next: string | undefined): void {
    if (next === problem) return;
    problem = next;
    options.onProblem?.(next);
  }

  async function writeOne(image: ImageFile): Promise<void> {
    const file = join(options.folder, image.name);
    try {
      if (!folderMade) await mkdir(options.folder, { recursive: true, mode: 0o700 });
      folderMade = true;
      await writeFile(file, Buffer.from(image.base64, 'base64'), { flag: 'wx', mode: 0o600 });
      setProblem(undefined);
    } catch (error) {
      const { code, message } = error as NodeJS.ErrnoException;
      setProblem(`The sent image ${file} could not be saved (${code ?? message}); the log still names it, and the session goes on.`);
    }
  }

  return {
    folder: options.folder,
    write(files) {
      for (const image of files) writing = writing.then(() => writeOne(image));
    },
    problem: () => problem,
    flush: () => writing,
  };
}
