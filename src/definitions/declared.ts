// Which clients files name, read leniently: for `export`, a file with a `${VAR}` unset here, or any other problem,
// still declares the clients it names.
import { parseDocument } from 'yaml';
import type { DefinitionSource } from './read-files.js';
import { isRecord } from '../core/plain-data.js';

export interface DeclaredClient {
  file: string;
  name?: string;
  id?: string;
}

/** The `name` and pinned `id` of every client mapping in the files, whether or not the rest of it is valid. */
export function listDeclaredClients(sources: readonly DefinitionSource[]): DeclaredClient[] {
  const declared: DeclaredClient[] = [];
  for (const source of sources) {
    let content: unknown;
    try {
      // parseDocument recovers what it can from a file with syntax errors, so their clients still count.
      content = parseDocument(source.text).toJS();
    } catch {
      continue;
    }
    const clients = isRecord(content) && Array.isArray(content.clients) ? content.clients : [content];
    for (const client of clients) {
      if (!isRecord(client)) continue;
      const found: DeclaredClient = { file: source.file };
      if (typeof client.name === 'string') found.name = client.name.trim();
      if (typeof client.id === 'string') found.id = client.id.trim();
      if (found.name !== undefined || found.id !== undefined) declared.push(found);
    }
  }
  return declared;
}
