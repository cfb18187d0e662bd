import { describe, expect, it } from 'vitest';
import { listDeclaredClients } from '../../src/definitions/declared.js';

describe('listDeclaredClients', () => {
  it('finds names and pinned ids in single-client and list files, even when the rest of a file is invalid', () => {
    const declared = listDeclaredClients([
      { file: 'a.yaml', text: 'name: " web "\nauthorized_grant_type: NOPE\nscopes: ${UNSET}\n' },
      { file: 'b.yaml', text: 'clients:\n  - name: one\n    id: id-1\n  - name: two\n  - 42\n' },
      { file: 'c.json', text: '{"id": "id-3", "colour": "blue"}' },
      { file: 'd.yaml', text: '- not a client\n' },
    ]);
    expect(declared).toEqual([
      { file: 'a.yaml', name: 'web' },
      { file: 'b.yaml', name: 'one', id: 'id-1' },
      { file: 'b.yaml', name: 'two' },
      { file: 'c.json', id: 'id-3' },
    ]);
  });

  it('still reads the names of a file with a syntax error further down', () => {
    expect(listDeclaredClients([{ file: 'broken.yaml', text: 'name: kept\nscopes: [unclosed\n' }])).toEqual([
      { file: 'broken.yaml', name: 'kept' },
    ]);
  });

  it('trims pinned ids, and skips mappings that name no client, empty entries, empty files and unreadable ones', () => {
    const declared = listDeclaredClients([
      { file: 'a.yaml', text: 'clients:\n  -\n  - id: " id-1 "\n  - description: no name, no id\n' },
      { file: 'empty.yaml', text: '' },
      { file: 'alias.yaml', text: 'name: lost\nscopes: *undefined-anchor\n' },
      { file: 'dup.yaml', text: 'name: first\nname: second\n' },
    ]);
    expect(declared).toEqual([
      { file: 'a.yaml', id: 'id-1' },
      { file: 'dup.yaml', name: 'second' },
    ]);
  });
});
