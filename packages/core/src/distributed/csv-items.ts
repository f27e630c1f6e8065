/**
 * CSV objects as items: each row becomes an object of the header's names to the row's values,
 * all strings, as AWS gives them. Quoting (RFC 4180) is d3-dsv's; rows and headers are checked here.
 */
import { dsvFormat } from 'd3-dsv';
import type { JsonObject } from '../json.js';
import { ItemReaderError } from './reader-errors.js';

/** ReaderConfig.CSVDelimiter's values and the characters they stand for. */
export const CSV_DELIMITERS: Readonly<Record<string, string>> = {
  COMMA: ',',
  PIPE: '|',
  SEMICOLON: ';',
  SPACE: ' ',
  TAB: '\t',
};

export interface CsvOptions {
  /** `FIRST_ROW` reads the names from the first row; `GIVEN` takes `headers`. */
  headerLocation: 'FIRST_ROW' | 'GIVEN';
  headers?: readonly string[];
  delimiter: string;
  /** Stop after this many items. */
  maxItems: number;
}

export function csvItems(text: string, options: CsvOptions): JsonObject[] {
  const rows = dsvFormat(options.delimiter).parseRows(text.charCodeAt(0) === 0xfeff ? text.slice(1) : text);
  let start = 0;
  let headers = options.headers;
  if (options.headerLocation === 'FIRST_ROW') {
    headers = rows[0];
    start = 1;
    if (!headers) throw new ItemReaderError('The CSV file has no header row.');
  }
  if (!headers) throw new ItemReaderError('CSVHeaders must be given when CSVHeaderLocation is GIVEN.');
  const duplicate = headers.find((name, i) => headers.indexOf(name) !== i);
  if (duplicate !== undefined) throw new ItemReaderError(`The CSV header contains a duplicate field: ${duplicate}`);
  const items: JsonObject[] = [];
  for (let r = start; r < rows.length && items.length < options.maxItems; r++) {
    const row = rows[r]!;
    // A blank line (d3-dsv reads it as one empty field) holds no item.
    if (row.length === 1 && row[0] === '') continue;
    if (row.length !== headers.length) {
      throw new ItemReaderError(
        `The CSV row on line ${r + 1} has ${row.length} fields, but the header has ${headers.length}.`,
      );
    }
    const item: JsonObject = {};
    for (let c = 0; c < headers.length; c++) item[headers[c]!] = row[c]!;
    items.push(item);
  }
  return items;
}
