/** SpreadsheetApp Range over a SheetModel. */
import { type Bounds, toA1 } from "./a1.js";
import { applyParsed, type Cell, displayValue, emptyCell, fromScriptValue, parseInput, readValue, type Scalar } from "./cell.js";
import { DataValidation } from "./data-validation.js";
import { GasException } from "./enums.js";
import { type SheetModel, ProtectionModel } from "./model.js";
import { GENERAL_FORMAT } from "./number-format.js";
import { Protection } from "./protection.js";
import { sheetFacade, type Sheet } from "./sheet.js";

const NAMED_COLORS: Record<string, string> = {
  white: "#ffffff",
  black: "#000000",
  red: "#ff0000",
  green: "#008000",
  blue: "#0000ff",
  yellow: "#ffff00",
  gray: "#808080",
  orange: "#ffa500",
};

/** Sheets reports colours as lower-case 6-digit hex whatever CSS form was set. */
function normalizeColor(color: string | null): string | null {
  if (color === null || color === "") return null;
  const c = color.trim().toLowerCase();
  const short = /^#([0-9a-f])([0-9a-f])([0-9a-f])$/.exec(c);
  if (short) return `#${short[1]}${short[1]}${short[2]}${short[2]}${short[3]}${short[3]}`;
  return NAMED_COLORS[c] ?? c;
}

function typeName(v: unknown): string {
  if (Array.isArray(v)) return `${v.length ? typeName(v[0]) : "Object"}[]`;
  if (typeof v === "string") return "String";
  if (v === null || v === undefined) return "null";
  return typeof v === "object" ? "Object" : typeof v;
}

export class Range {
  constructor(
    private readonly sheet: SheetModel,
    private readonly bounds: Bounds,
  ) {
    sheet.checkBounds(bounds);
  }

  private grid<T>(read: (cell: Cell | undefined) => T): T[][] {
    const { row, col, numRows, numCols } = this.bounds;
    return Array.from({ length: numRows }, (_, i) => Array.from({ length: numCols }, (_, j) => read(this.sheet.cell(row + i, col + j))));
  }

  private first<T>(read: (cell: Cell | undefined) => T): T {
    return read(this.sheet.cell(this.bounds.row, this.bounds.col));
  }

  private write(update: (cell: Cell, i: number, j: number) => void): this {
    this.sheet.assertEditable(this.bounds);
    const { row, col, numRows, numCols } = this.bounds;
    for (let i = 0; i < numRows; i++) for (let j = 0; j < numCols; j++) update(this.sheet.mutableCell(row + i, col + j), i, j);
    return this;
  }

  /** Same checks, and messages, as Apps Script's 2-D setters. */
  private writeGrid<T>(method: string, data: unknown, update: (cell: Cell, v: T) => void): this {
    if (!Array.isArray(data) || !data.every((r) => Array.isArray(r))) {
      throw new GasException(`The parameters (${typeName(data)}) don't match the method signature for SpreadsheetApp.Range.${method}.`);
    }
    const rows = data as T[][];
    const { numRows, numCols } = this.bounds;
    if (rows.length !== numRows) {
      throw new GasException(
        `The number of rows in the data does not match the number of rows in the range. The data has ${rows.length} but the range has ${numRows}.`,
      );
    }
    for (const r of rows) {
      if (r.length !== numCols) {
        throw new GasException(
          `The number of columns in the data does not match the number of columns in the range. The data has ${r.length} but the range has ${numCols}.`,
        );
      }
    }
    return this.write((cell, i, j) => update(cell, rows[i]?.[j] as T));
  }

  private store(cell: Cell, value: unknown): void {
    applyParsed(cell, fromScriptValue(value, cell.format, this.sheet.doc.timeZone));
  }

  getValues(): (Scalar | Date)[][] {
    return this.grid((c) => readValue(c, this.sheet.doc.timeZone));
  }
  getValue(): Scalar | Date {
    return this.first((c) => readValue(c, this.sheet.doc.timeZone));
  }
  setValues(values: unknown): this {
    return this.writeGrid<unknown>("setValues", values, (cell, v) => this.store(cell, v));
  }
  setValue(value: unknown): this {
    return this.write((cell) => this.store(cell, value));
  }
  getDisplayValues(): string[][] {
    return this.grid(displayValue);
  }
  getDisplayValue(): string {
    return this.first(displayValue);
  }

  getFormulas(): string[][] {
    return this.grid((c) => c?.formula ?? "");
  }
  getFormula(): string {
    return this.first((c) => c?.formula ?? "");
  }
  setFormula(formula: string): this {
    return this.write((cell) => applyParsed(cell, parseInput(String(formula), null)));
  }
  setFormulas(formulas: unknown): this {
    return this.writeGrid<string>("setFormulas", formulas, (cell, f) => applyParsed(cell, parseInput(String(f), null)));
  }

  getNotes(): string[][] {
    return this.grid((c) => c?.note ?? "");
  }
  getNote(): string {
    return this.first((c) => c?.note ?? "");
  }
  setNote(note: string | null): this {
    return this.write((cell) => (cell.note = note === null ? "" : String(note)));
  }
  setNotes(notes: unknown): this {
    return this.writeGrid<string | null>("setNotes", notes, (cell, n) => (cell.note = n === null ? "" : String(n)));
  }
  clearNote(): this {
    return this.setNote(null);
  }

  getBackgrounds(): string[][] {
    return this.grid((c) => c?.background ?? "#ffffff");
  }
  getBackground(): string {
    return this.first((c) => c?.background ?? "#ffffff");
  }
  setBackground(color: string | null): this {
    return this.write((cell) => (cell.background = normalizeColor(color)));
  }
  setBackgrounds(colors: unknown): this {
    return this.writeGrid<string | null>("setBackgrounds", colors, (cell, c) => (cell.background = normalizeColor(c)));
  }

  getDataValidation(): DataValidation | null {
    return this.first((c) => c?.validation ?? null);
  }
  getDataValidations(): (DataValidation | null)[][] {
    return this.grid((c) => c?.validation ?? null);
  }
  setDataValidation(rule: DataValidation | null): this {
    if (rule !== null && !(rule instanceof DataValidation)) {
      throw new GasException(`The parameters (${typeName(rule)}) don't match the method signature for SpreadsheetApp.Range.setDataValidation.`);
    }
    return this.write((cell) => (cell.validation = rule));
  }
  setDataValidations(rules: unknown): this {
    return this.writeGrid<DataValidation | null>("setDataValidations", rules, (cell, r) => (cell.validation = r ?? null));
  }
  clearDataValidations(): this {
    return this.setDataValidation(null);
  }

  getNumberFormat(): string {
    return this.first((c) => c?.format ?? GENERAL_FORMAT);
  }
  getNumberFormats(): string[][] {
    return this.grid((c) => c?.format ?? GENERAL_FORMAT);
  }
  setNumberFormat(format: string): this {
    return this.write((cell) => (cell.format = String(format)));
  }
  setNumberFormats(formats: unknown): this {
    return this.writeGrid<string>("setNumberFormats", formats, (cell, f) => (cell.format = String(f)));
  }

  getFontWeight(): string {
    return this.first((c) => c?.fontWeight ?? "normal");
  }
  setFontWeight(weight: string | null): this {
    return this.write((cell) => (cell.fontWeight = weight));
  }
  getFontColor(): string {
    return this.first((c) => c?.fontColor ?? "#000000");
  }
  setFontColor(color: string | null): this {
    return this.write((cell) => (cell.fontColor = normalizeColor(color)));
  }
  setWrap(wrap: boolean): this {
    return this.write((cell) => (cell.wrap = Boolean(wrap)));
  }

  clearContent(): this {
    return this.write((cell) => applyParsed(cell, { value: "", formula: "" }));
  }
  /** Without options Range.clear() removes contents, formats, validation and notes. */
  clear(): this {
    return this.write((cell) => Object.assign(cell, emptyCell()));
  }
  isBlank(): boolean {
    return this.grid((c) => c === undefined || (c.value === "" && c.formula === "")).every((r) => r.every(Boolean));
  }

  getRow(): number {
    return this.bounds.row;
  }
  getColumn(): number {
    return this.bounds.col;
  }
  getNumRows(): number {
    return this.bounds.numRows;
  }
  getNumColumns(): number {
    return this.bounds.numCols;
  }
  getLastRow(): number {
    return this.bounds.row + this.bounds.numRows - 1;
  }
  getLastColumn(): number {
    return this.bounds.col + this.bounds.numCols - 1;
  }
  getA1Notation(): string {
    return toA1(this.bounds);
  }
  getSheet(): Sheet {
    return sheetFacade(this.sheet);
  }
  getCell(row: number, column: number): Range {
    return new Range(this.sheet, { row: this.bounds.row + row - 1, col: this.bounds.col + column - 1, numRows: 1, numCols: 1 });
  }
  offset(rowOffset: number, columnOffset: number, numRows?: number, numColumns?: number): Range {
    return new Range(this.sheet, {
      row: this.bounds.row + rowOffset,
      col: this.bounds.col + columnOffset,
      numRows: numRows ?? this.bounds.numRows,
      numCols: numColumns ?? this.bounds.numCols,
    });
  }
  activate(): this {
    this.sheet.doc.active = { sheet: this.sheet, range: { ...this.bounds } };
    return this;
  }
  protect(): Protection {
    const p = new ProtectionModel(this.sheet, "RANGE", { ...this.bounds });
    this.sheet.protections.push(p);
    return new Protection(p);
  }
}
