// The models of `check --cache`: one JSON file per source file (named by a hash of its path), holding the file,
// a stamp (the hash of the texts it was made from: the file's and the modules' it imported texts from) and the
// model in its compact form (model-codec.ts). A file that is missing, cut short or of another stamp is no model:
// the source is read again.
import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, renameSync, unlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { FileModel } from '../core/model';
import { decodeModel, encodeModel, type Json } from './model-codec';

interface StoredModel {
  file: string;
  stamp: string;
  /** The model's compact form. */
  model: unknown;
}

/** Writes a file whole or not at all (a crash leaves the old one); the name is this process's, so runs do not clash. */
export function writeAtomically(file: string, text: string | Uint8Array): void {
  writeFileSync(`${file}.${process.pid}.tmp`, text);
  renameSync(`${file}.${process.pid}.tmp`, file);
}

export class ModelStore {
  private made = false;

  constructor(private readonly folder: string) {}

  private pathOf(file: string): string {
    return join(this.folder, `${createHash('sha1').update(file).digest('hex')}.json`);
  }

  /** The model stored for a file made from the texts of this stamp, if there is one and it is whole. */
  read(file: string, stamp: string): FileModel | undefined {
    let stored: Partial<StoredModel> | undefined;
    try {
      stored = JSON.parse(readFileSync(this.pathOf(file), 'utf8')) as Partial<StoredModel>;
    } catch {
      return undefined;
    }
    if (stored?.file !== file || stored.stamp !== stamp || typeof stored.model !== 'object' || stored.model === null) return undefined;
    const model = decodeModel(stored.model as Json) as Partial<FileModel>;
    if (model.file !== file) return undefined;
    return Array.isArray(model.prompts) && Array.isArray(model.tools) && Array.isArray(model.problems) ? (model as FileModel) : undefined;
  }

  write(file: string, stamp: string, model: FileModel): void {
    if (!this.made) mkdirSync(this.folder, { recursive: true });
    this.made = true;
    writeAtomically(this.pathOf(file), JSON.stringify({ file, stamp, model: encodeModel(model) } satisfies StoredModel));
  }

  remove(file: string): void {
    try {
      unlinkSync(this.pathOf(file));
    } catch {
      // Never stored, or gone already.
    }
  }
}
