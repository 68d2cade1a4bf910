/** SpreadsheetApp Sheet and DeveloperMetadata over a SheetModel. */
import { parseA1 } from "./a1.js";
import { type EnumValue, GasException, ProtectionType } from "./enums.js";
import { type MetadataEntry, ProtectionModel, type SheetModel } from "./model.js";
import { Protection } from "./protection.js";
import { Range } from "./range.js";
import { spreadsheetFacade, type Spreadsheet } from "./spreadsheet.js";

export class DeveloperMetadata {
  constructor(
    private readonly sheet: SheetModel,
    private readonly entry: MetadataEntry,
  ) {}
  getId(): number {
    return this.entry.id;
  }
  getKey(): string {
    return this.entry.key;
  }
  getValue(): string | null {
    return this.entry.value;
  }
  setKey(key: string): this {
    this.entry.key = String(key);
    return this;
  }
  setValue(value: string | null): this {
    this.entry.value = value === null ? null : String(value);
    return this;
  }
  remove(): void {
    const i = this.sheet.metadata.indexOf(this.entry);
    if (i >= 0) this.sheet.metadata.splice(i, 1);
  }
}

const facades = new WeakMap<SheetModel, Sheet>();

export function sheetFacade(model: SheetModel): Sheet {
  let s = facades.get(model);
  if (!s) facades.set(model, (s = new Sheet(model)));
  return s;
}

/** Recovers the model behind a Sheet passed back in by a script (e.g. setActiveSheet). */
export function sheetModelOf(sheet: unknown): SheetModel {
  if (!(sheet instanceof Sheet)) throw new GasException("Invalid argument: sheet");
  return sheet.model;
}

export class Sheet {
  constructor(readonly model: SheetModel) {}

  private range(row: number, col: number, numRows = 1, numCols = 1): Range {
    return new Range(this.model, { row, col, numRows, numCols });
  }

  getName(): string {
    return this.model.name;
  }
  setName(name: string): this {
    if (name === this.model.name) return this;
    this.model.assertStructureEditable();
    this.model.doc.assertNameFree(name);
    this.model.name = String(name);
    return this;
  }
  getSheetId(): number {
    return this.model.id;
  }
  getIndex(): number {
    return this.model.doc.sheets.indexOf(this.model) + 1;
  }
  getParent(): Spreadsheet {
    return spreadsheetFacade(this.model.doc);
  }
  getRange(a1OrRow: string | number, column?: number, numRows?: number, numColumns?: number): Range {
    if (typeof a1OrRow === "string") {
      return new Range(this.model, parseA1(a1OrRow, this.model.maxRows, this.model.maxCols));
    }
    if (column === undefined) throw new GasException("The parameters (number) don't match the method signature for SpreadsheetApp.Sheet.getRange.");
    return this.range(a1OrRow, column, numRows, numColumns);
  }
  getDataRange(): Range {
    return this.range(1, 1, Math.max(1, this.model.lastRow()), Math.max(1, this.model.lastColumn()));
  }
  getLastRow(): number {
    return this.model.lastRow();
  }
  getLastColumn(): number {
    return this.model.lastColumn();
  }
  getMaxRows(): number {
    return this.model.maxRows;
  }
  getMaxColumns(): number {
    return this.model.maxCols;
  }
  /** Writes after the last row with content, growing the sheet if needed, like Sheets. */
  appendRow(rowContents: unknown[]): this {
    const row = this.model.lastRow() + 1;
    if (row > this.model.maxRows) this.model.insertRowsAfter(this.model.maxRows, 1);
    if (rowContents.length > this.model.maxCols) this.model.maxCols = rowContents.length;
    this.range(row, 1, 1, Math.max(1, rowContents.length)).setValues([rowContents]);
    return this;
  }
  setFrozenRows(rows: number): void {
    this.model.frozenRows = rows;
  }
  getFrozenRows(): number {
    return this.model.frozenRows;
  }
  /** Calling protect() on an already protected sheet returns the existing protection. */
  protect(): Protection {
    let p = this.model.protections.find((x) => x.bounds === null);
    if (!p) this.model.protections.push((p = new ProtectionModel(this.model, "SHEET", null)));
    return new Protection(p);
  }
  getProtections(type: EnumValue): Protection[] {
    const wanted = type === ProtectionType.SHEET ? "SHEET" : "RANGE";
    return this.model.protections.filter((p) => p.type === wanted).map((p) => new Protection(p));
  }
  hideColumns(columnIndex: number, numColumns = 1): void {
    for (let c = columnIndex; c < columnIndex + numColumns; c++) this.model.hiddenCols.add(c);
  }
  showColumns(columnIndex: number, numColumns = 1): void {
    for (let c = columnIndex; c < columnIndex + numColumns; c++) this.model.hiddenCols.delete(c);
  }
  isColumnHiddenByUser(columnPosition: number): boolean {
    return this.model.hiddenCols.has(columnPosition);
  }
  setColumnWidth(columnPosition: number, width: number): this {
    this.model.colWidths.set(columnPosition, width);
    return this;
  }
  getColumnWidth(columnPosition: number): number {
    return this.model.colWidths.get(columnPosition) ?? 100;
  }
  addDeveloperMetadata(key: string, value?: string): this {
    this.model.metadata.push({ id: this.model.doc.newMetadataId(), key: String(key), value: value === undefined ? null : String(value) });
    return this;
  }
  getDeveloperMetadata(): DeveloperMetadata[] {
    return this.model.metadata.map((m) => new DeveloperMetadata(this.model, m));
  }
  insertRowsAfter(afterPosition: number, howMany: number): this {
    this.model.assertStructureEditable();
    this.model.insertRowsAfter(afterPosition, howMany);
    return this;
  }
  insertRowAfter(afterPosition: number): this {
    return this.insertRowsAfter(afterPosition, 1);
  }
  deleteRows(rowPosition: number, howMany: number): void {
    if (rowPosition < 1 || howMany < 1 || rowPosition + howMany - 1 > this.model.maxRows) {
      throw new GasException("Those rows are out of bounds.");
    }
    this.model.assertEditable({ row: rowPosition, col: 1, numRows: howMany, numCols: this.model.maxCols });
    this.model.deleteRows(rowPosition, howMany);
  }
  deleteRow(rowPosition: number): this {
    this.deleteRows(rowPosition, 1);
    return this;
  }
  /** Clears contents, formats, notes and validation of every cell. */
  clear(): this {
    this.model.assertEditable(this.model.whole());
    this.model.rows.fill(undefined);
    return this;
  }
  activate(): this {
    this.model.hidden = false;
    this.model.doc.active = { sheet: this.model, range: null };
    return this;
  }
  hideSheet(): this {
    if (this.model.doc.sheets.every((s) => s === this.model || s.hidden)) {
      throw new GasException("You can't hide all the sheets in a document.");
    }
    this.model.hidden = true;
    return this;
  }
  showSheet(): this {
    this.model.hidden = false;
    return this;
  }
  isSheetHidden(): boolean {
    return this.model.hidden;
  }
}
