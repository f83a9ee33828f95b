import { closeSync, openSync, readSync } from 'node:fs';
import { StringDecoder } from 'node:string_decoder';
import { SaxesParser } from 'saxes';

/*
 * A dm+d release file read as a stream of flat records. Synchronous on
 * purpose (the import runs in a CLI or before the server listens), in fixed
 * chunks, so memory stays flat however large the file is.
 */

/** One record element: its container, its simple fields, and nested groups (GTINDATA in the GTIN file). */
export interface XmlRecord {
  readonly container: string;
  readonly name: string;
  readonly fields: Readonly<Record<string, string>>;
  readonly groups: Readonly<Record<string, readonly Readonly<Record<string, string>>[]>>;
  /** Line of the record's opening tag, for error messages. */
  readonly line: number;
}

export class XmlFileError extends Error {
  constructor(
    readonly file: string,
    readonly line: number,
    message: string,
  ) {
    super(`${file}, line ${line}: ${message}`);
  }
}

const CHUNK = 1 << 16;

/**
 * Calls `onRecord` for every element at `recordDepth` (the root is depth 1).
 * `onProgress` gets the bytes read so far. Throws XmlFileError on malformed XML.
 */
export function readXmlRecords(file: string, recordDepth: number, onRecord: (r: XmlRecord) => void, onProgress?: (bytes: number) => void): void {
  const parser = new SaxesParser({ fileName: file });
  const stack: string[] = [];
  let current: { container: string; name: string; line: number; fields: Record<string, string>; groups: Record<string, Record<string, string>[]> } | null = null;
  let group: Record<string, string> | null = null;
  let text = '';
  let failure: XmlFileError | null = null;
  parser.on('error', (e) => {
    failure ??= new XmlFileError(file, parser.line, e.message.replace(/^[^:]*:\d+:\d+: /, ''));
  });
  parser.on('opentag', (tag) => {
    stack.push(tag.name);
    text = '';
    const depth = stack.length;
    if (depth === recordDepth) current = { container: stack[depth - 2] ?? '', name: tag.name, line: parser.line, fields: {}, groups: {} };
    if (current && depth === recordDepth + 1) group = null;
  });
  parser.on('text', (t) => {
    text += t;
  });
  parser.on('closetag', (tag) => {
    const depth = stack.length;
    if (current) {
      if (depth === recordDepth + 1) {
        if (group) {
          (current.groups[tag.name] ??= []).push(group);
          group = null;
        } else current.fields[tag.name] = text.trim();
      } else if (depth === recordDepth + 2) {
        group ??= {};
        group[tag.name] = text.trim();
      } else if (depth === recordDepth) {
        const done = current;
        current = null;
        onRecord(done);
      }
    }
    text = '';
    stack.pop();
  });
  const fd = openSync(file, 'r');
  try {
    const buffer = Buffer.allocUnsafe(CHUNK);
    const decoder = new StringDecoder('utf8');
    let bytes = 0;
    for (;;) {
      const n = readSync(fd, buffer, 0, CHUNK, null);
      if (n === 0) break;
      bytes += n;
      parser.write(decoder.write(buffer.subarray(0, n)));
      if (failure) throw failure;
      onProgress?.(bytes);
    }
    parser.write(decoder.end());
    parser.close();
    if (failure) throw failure;
  } finally {
    closeSync(fd);
  }
}
