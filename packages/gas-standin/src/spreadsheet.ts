/** SpreadsheetApp and Spreadsheet over a SpreadsheetModel. */
import { DataValidationBuilder } from "./data-validation.js";
import { DataValidationCriteria, GasException, ProtectionType } from "./enums.js";
import { GasUser } from "./env.js";
import type { SpreadsheetModel } from "./model.js";
import { Range } from "./range.js";
import { type Sheet, sheetFacade, sheetModelOf } from "./sheet.js";
import { Ui, type UiLog } from "./ui.js";

const facades = new WeakMap<SpreadsheetModel, Spreadsheet>();

export function spreadsheetFacade(model: SpreadsheetModel): Spreadsheet {
  let s = facades.get(model);
  if (!s) facades.set(model, (s = new Spreadsheet(model)));
  return s;
}

export class Spreadsheet {
  constructor(private readonly model: SpreadsheetModel) {}

  getId(): string {
    return this.model.id;
  }
  getName(): string {
    return this.model.name;
  }
  rename(newName: string): void {
    this.model.name = String(newName);
  }
  getUrl(): string {
    return `https://docs.google.com/spreadsheets/d/${this.model.id}/edit`;
  }
  getOwner(): GasUser {
    return new GasUser(this.model.owner);
  }
  getSpreadsheetLocale(): string {
    return this.model.locale;
  }
  getSpreadsheetTimeZone(): string {
    return this.model.timeZone;
  }
  getSheets(): Sheet[] {
    return this.model.sheets.map(sheetFacade);
  }
  getSheetByName(name: string): Sheet | null {
    const s = this.model.sheetNamed(String(name));
    return s ? sheetFacade(s) : null;
  }
  /** insertSheet() · insertSheet(name) · insertSheet(index) · insertSheet(name, index); the new sheet becomes active. */
  insertSheet(nameOrIndex?: string | number, index?: number): Sheet {
    const name = typeof nameOrIndex === "string" ? nameOrIndex : this.model.defaultSheetName();
    const at = typeof nameOrIndex === "number" ? nameOrIndex : (index ?? this.model.sheets.length);
    const sheet = this.model.addSheet(name, Math.min(Math.max(at, 0), this.model.sheets.length));
    this.model.active = { sheet, range: null };
    return sheetFacade(sheet);
  }
  deleteSheet(sheet: Sheet): void {
    const model = sheetModelOf(sheet);
    if (this.model.sheets.length === 1) throw new GasException("You can't remove all the sheets in a document.");
    model.assertStructureEditable();
    this.model.sheets.splice(this.model.sheets.indexOf(model), 1);
    if (this.model.active.sheet === model) this.model.active = { sheet: this.model.sheets[0] ?? model, range: null };
  }
  getActiveSheet(): Sheet {
    return sheetFacade(this.model.active.sheet);
  }
  setActiveSheet(sheet: Sheet): Sheet {
    sheetModelOf(sheet); // rejects anything that is not a Sheet
    return sheet.activate();
  }
  getActiveRange(): Range | null {
    const { sheet, range } = this.model.active;
    return range ? new Range(sheet, range) : null;
  }
  toast(msg: string, title = "", timeoutSeconds = 5): void {
    this.model.toasts.push({ message: String(msg), title: String(title), timeoutSeconds });
  }
}

export class SpreadsheetApp {
  constructor(
    private readonly model: SpreadsheetModel,
    private readonly uiLog: UiLog,
    private readonly addonName: string,
  ) {}
  get ProtectionType() {
    return ProtectionType;
  }
  get DataValidationCriteria() {
    return DataValidationCriteria;
  }
  getActiveSpreadsheet(): Spreadsheet {
    this.model.env.need("SpreadsheetApp.getActiveSpreadsheet", "LIMITED", "spreadsheets.currentonly");
    return spreadsheetFacade(this.model);
  }
  getActive(): Spreadsheet {
    return this.getActiveSpreadsheet();
  }
  getActiveSheet(): Sheet {
    return this.getActiveSpreadsheet().getActiveSheet();
  }
  getActiveRange(): Range | null {
    return this.getActiveSpreadsheet().getActiveRange();
  }
  getUi(): Ui {
    return new Ui(this.uiLog, this.model.env, this.addonName);
  }
  newDataValidation(): DataValidationBuilder {
    return new DataValidationBuilder();
  }
  /** Writes are applied immediately in memory, so there is nothing to flush. */
  flush(): void {}
}
