/**
 * What a folder or zip source does with each record file's text: note its
 * names for the stored index, and parse it only when it may name a wanted
 * package (every file, without a filter).
 */
import { describeError } from './advisory-source.js';
import { readPendingRecord, type PendingRecord, type SourceReadOptions } from './pending-record.js';
import type { NameIndexBuilder } from './record-index.js';
import { scanRecordNames } from './record-names.js';

export class RecordCollector {
  readonly records: PendingRecord[] = [];
  readonly warnings: string[] = [];
  /** Texts parsed as JSON. */
  parsed = 0;

  constructor(
    private readonly filter: SourceReadOptions['filter'],
    private readonly names?: NameIndexBuilder,
  ) {}

  /** A file that could not be read (or unpacked): one line naming it. */
  fail(label: string, error: unknown): void {
    const message = describeError(error);
    this.warnings.push(message.startsWith(label) ? message : `${label}: ${message}`);
  }

  /**
   * The bytes of the record file at `position` (ascending) of the source,
   * named `label` in messages. They are only borrowed: a reader may reuse the
   * buffer once this returns.
   */
  add(position: number, bytes: Buffer, label: string): void {
    let record: PendingRecord | undefined;
    let failed = false;
    const parse = (): void => {
      this.parsed += 1;
      try {
        record = readPendingRecord(bytes.toString('utf8'), label);
      } catch (error) {
        failed = true;
        this.fail(label, error);
      }
    };
    if (this.filter || this.names) {
      let names = scanRecordNames(bytes);
      if (names === undefined) {
        // A key spelled with escapes: only parsing tells the names.
        parse();
        names = record ? record.outline.packages.map((pkg) => pkg.name) : [];
      }
      this.names?.add(position, names);
      if (this.filter && !record && !failed && !this.filter.wants(names)) return;
    }
    if (!record && !failed) parse();
    if (record) this.records.push(record);
  }
}
