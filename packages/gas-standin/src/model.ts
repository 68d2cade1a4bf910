/**
 * The in-memory document behind the SpreadsheetApp facades: cells, sheet structure,
 * protections and the permission rule Sheets applies to every edit (script or user).
 */
import type { Bounds } from "./a1.js";
import { intersects } from "./a1.js";
import { type Cell, emptyCell } from "./cell.js";
import { GasException, type ProtectionTypeName } from "./enums.js";
import type { Env } from "./env.js";

export const PROTECTED_MESSAGE =
  "You are trying to edit a protected cell or object. Please contact the spreadsheet owner to remove protection if you need to edit.";

export interface MetadataEntry {
  id: number;
  key: string;
  value: string | null;
}

export class ProtectionModel {
  description = "";
  warningOnly = false;
  domainEdit = false;
  /** null = "mirrors the spreadsheet's editors" — the documented state until editors are changed. */
  editors: Set<string> | null = null;
  constructor(
    readonly sheet: SheetModel,
    readonly type: ProtectionTypeName,
    public bounds: Bounds | null,
  ) {}

  covers(b: Bounds): boolean {
    return this.bounds === null || intersects(this.bounds, b);
  }

  editorEmails(): string[] {
    const doc = this.sheet.doc;
    const list = this.editors ?? new Set(doc.fileEditors());
    return [doc.owner, ...[...list].filter((e) => e !== doc.owner)];
  }

  allows(email: string): boolean {
    const doc = this.sheet.doc;
    if (email === doc.owner || this.warningOnly) return true;
    return this.editors === null ? doc.canEditFile(email) : this.editors.has(email);
  }
}

type Row = (Cell | undefined)[];

const FORMAT_KEYS = ["format", "background", "validation", "fontWeight", "fontColor", "wrap"] as const;

export class SheetModel {
  hidden = false;
  frozenRows = 0;
  maxCols: number;
  rows: (Row | undefined)[];
  readonly hiddenCols = new Set<number>();
  readonly colWidths = new Map<number, number>();
  readonly metadata: MetadataEntry[] = [];
  readonly protections: ProtectionModel[] = [];

  constructor(
    readonly doc: SpreadsheetModel,
    public name: string,
    readonly id: number,
    maxRows = 1000,
    maxCols = 26,
  ) {
    this.rows = new Array<Row | undefined>(maxRows).fill(undefined);
    this.maxCols = maxCols;
  }

  get maxRows(): number {
    return this.rows.length;
  }

  cell(row: number, col: number): Cell | undefined {
    return this.rows[row - 1]?.[col - 1];
  }

  mutableCell(row: number, col: number): Cell {
    const r = (this.rows[row - 1] ??= []);
    return (r[col - 1] ??= emptyCell());
  }

  private hasContent(cell: Cell | undefined): boolean {
    return cell !== undefined && (cell.value !== "" || cell.formula !== "");
  }

  lastRow(): number {
    for (let r = this.rows.length; r >= 1; r--) if (this.rows[r - 1]?.some((c) => this.hasContent(c))) return r;
    return 0;
  }

  lastColumn(): number {
    let last = 0;
    for (const row of this.rows) row?.forEach((c, i) => (last = this.hasContent(c) ? Math.max(last, i + 1) : last));
    return last;
  }

  checkBounds(b: Bounds): void {
    if (b.row < 1) throw new GasException("The starting row of the range is too small.");
    if (b.col < 1) throw new GasException("The starting column of the range is too small.");
    if (b.numRows < 1) throw new GasException("The number of rows in the range must be at least 1.");
    if (b.numCols < 1) throw new GasException("The number of columns in the range must be at least 1.");
    if (b.row + b.numRows - 1 > this.maxRows || b.col + b.numCols - 1 > this.maxCols) {
      throw new GasException("The coordinates of the range are outside the dimensions of the sheet.");
    }
  }

  whole(): Bounds {
    return { row: 1, col: 1, numRows: this.maxRows, numCols: this.maxCols };
  }

  canEdit(b: Bounds, email: string): boolean {
    if (!this.doc.canEditFile(email)) return false;
    return this.protections.every((p) => !p.covers(b) || p.allows(email));
  }

  /** Scripts run as the user, so they are bound by the same protections (and fail the same way). */
  assertEditable(b: Bounds): void {
    if (!this.canEdit(b, this.doc.env.user.email)) throw new GasException(PROTECTED_MESSAGE);
  }

  /** Renaming the sheet or inserting rows is blocked only by a whole-sheet protection. */
  assertStructureEditable(): void {
    const email = this.doc.env.user.email;
    if (!this.doc.canEditFile(email) || this.protections.some((p) => p.bounds === null && !p.allows(email))) {
      throw new GasException(PROTECTED_MESSAGE);
    }
  }

  insertRowsAfter(after: number, count: number): void {
    const template = this.rows[after - 1];
    const fresh = Array.from({ length: count }, () => template?.map((c) => c && inheritFormat(c)));
    this.rows.splice(after, 0, ...fresh);
    for (const p of this.protections) {
      if (!p.bounds) continue;
      if (p.bounds.row > after) p.bounds = { ...p.bounds, row: p.bounds.row + count };
      else if (after < p.bounds.row + p.bounds.numRows - 1) p.bounds = { ...p.bounds, numRows: p.bounds.numRows + count };
    }
  }

  deleteRows(start: number, count: number): void {
    if (count >= this.maxRows) throw new GasException("You can't delete all the rows on the sheet.");
    this.rows.splice(start - 1, count);
    const end = start + count - 1;
    for (const p of [...this.protections]) {
      if (!p.bounds) continue;
      const top = p.bounds.row;
      const bottom = top + p.bounds.numRows - 1;
      const removedAbove = Math.max(0, Math.min(end, top - 1) - start + 1);
      const removedInside = Math.max(0, Math.min(end, bottom) - Math.max(start, top) + 1);
      if (removedInside === p.bounds.numRows) this.protections.splice(this.protections.indexOf(p), 1);
      else p.bounds = { ...p.bounds, row: top - removedAbove, numRows: p.bounds.numRows - removedInside };
    }
  }

  /** Moves row `from` so that it ends up at index `to` (a user's drag; protections stay put). */
  moveRow(from: number, to: number): void {
    const [row] = this.rows.splice(from - 1, 1);
    this.rows.splice(to - 1, 0, row);
  }
}

function inheritFormat(c: Cell): Cell {
  const cell = emptyCell();
  for (const key of FORMAT_KEYS) Object.assign(cell, { [key]: c[key] });
  return cell;
}

export interface SpreadsheetInit {
  id?: string;
  name?: string;
  locale?: string;
  timeZone?: string;
  owner: string;
  /** Emails with edit access besides the owner; omit for "anyone with the link can edit". */
  editors?: string[];
  sheets?: string[];
}

export interface Toast {
  message: string;
  title: string;
  timeoutSeconds: number;
}

export class SpreadsheetModel {
  readonly id: string;
  name: string;
  readonly locale: string;
  readonly timeZone: string;
  readonly owner: string;
  readonly editors: Set<string> | null;
  readonly sheets: SheetModel[] = [];
  readonly toasts: Toast[] = [];
  active: { sheet: SheetModel; range: Bounds | null };
  private nextSheetId = 0;
  private nextMetadataId = 1;

  constructor(
    init: SpreadsheetInit,
    readonly env: Env,
  ) {
    this.id = init.id ?? "1StandInSpreadsheetId";
    this.name = init.name ?? "Untitled spreadsheet";
    this.locale = init.locale ?? "zh_CN";
    this.timeZone = init.timeZone ?? "Asia/Shanghai";
    this.owner = init.owner;
    this.editors = init.editors ? new Set(init.editors) : null;
    const names = init.sheets?.length ? init.sheets : [this.defaultSheetName()];
    for (const n of names) this.addSheet(n, this.sheets.length);
    const first = this.sheets[0] as SheetModel;
    this.active = { sheet: first, range: null };
  }

  canEditFile(email: string): boolean {
    return email === this.owner || this.editors === null || this.editors.has(email);
  }

  fileEditors(): string[] {
    return this.editors ? [...this.editors] : [];
  }

  /** Sheets names new sheets after the document locale ("工作表2" in zh_CN). */
  defaultSheetName(): string {
    const prefix = this.locale.startsWith("zh") ? "工作表" : "Sheet";
    for (let n = this.sheets.length + 1; ; n++) if (!this.sheetNamed(`${prefix}${n}`)) return `${prefix}${n}`;
  }

  sheetNamed(name: string): SheetModel | undefined {
    return this.sheets.find((s) => s.name === name);
  }

  assertNameFree(name: string): void {
    if (this.sheets.some((s) => s.name.toLowerCase() === name.toLowerCase())) {
      throw new GasException(`A sheet with the name "${name}" already exists. Please enter another name.`);
    }
  }

  addSheet(name: string, index: number): SheetModel {
    this.assertNameFree(name);
    const sheet = new SheetModel(this, name, this.nextSheetId === 0 ? 0 : 100_000 + this.nextSheetId * 7919);
    this.nextSheetId++;
    this.sheets.splice(index, 0, sheet);
    return sheet;
  }

  newMetadataId(): number {
    return this.nextMetadataId++;
  }
}
