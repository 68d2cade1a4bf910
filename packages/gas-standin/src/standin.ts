/**
 * The test-side controller of one stand-in document: who is acting, what the scripts showed
 * and fetched, and user actions that do not go through scripts (typing, deleting/moving rows).
 * Nothing here is part of the Apps Script API.
 */
import { parseA1 } from "./a1.js";
import { applyParsed, displayValue, parseInput, readValue, type Scalar } from "./cell.js";
import { checkTypedInput } from "./data-validation.js";
import type { AuthModeName, ButtonName } from "./enums.js";
import { Env, type User } from "./env.js";
import { HtmlService } from "./html.js";
import { PROTECTED_MESSAGE, type SheetModel, type SpreadsheetInit, SpreadsheetModel, type Toast } from "./model.js";
import { Range } from "./range.js";
import {
  CacheService,
  Console,
  type LockTable,
  LockService,
  type LogEntry,
  Logger,
  PropertiesService,
  type PropertyStores,
  ScriptApp,
  Session,
  Utilities,
} from "./services.js";
import { SpreadsheetApp } from "./spreadsheet.js";
import { type MenuEntry, type PromptAnswer, UiLog } from "./ui.js";
import { type RecordedRequest, UrlFetchApp } from "./url-fetch.js";

export interface StandInOptions {
  spreadsheet: SpreadsheetInit;
  user: User;
  /** What ScriptApp.getIdentityToken() returns for a user: null as without the openid scope. */
  identityToken: (email: string) => string | null;
  /** Folder holding the built Sidebar.html etc. for HtmlService.createHtmlOutputFromFile. */
  distDir: string;
  scriptProperties?: Record<string, string>;
  scriptTimeZone?: string;
  /** Caption of createAddonMenu() menus (Extensions › <name>). */
  addonName?: string;
  /** How long one UrlFetchApp call may block before failing (ms). */
  fetchTimeoutMs?: number;
}

export interface EditOutcome {
  /** true when a warning-only protection made Sheets ask "are you sure?" (the user said yes). */
  warned: boolean;
}

/** Called after a user's edit so a loaded bundle can run its onEdit simple trigger. */
export type EditListener = (range: Range, value: string, oldValue: string | undefined) => void;

export interface MenuItem {
  path: string[];
  functionName: string;
}

function flatten(entries: MenuEntry[], path: string[]): MenuItem[] {
  return entries.flatMap((e) =>
    e.kind === "item" ? [{ path: [...path, e.caption], functionName: e.functionName }] : e.kind === "submenu" ? flatten(e.entries, [...path, e.caption]) : [],
  );
}

export class StandIn {
  readonly env: Env;
  readonly doc: SpreadsheetModel;
  readonly ui = new UiLog();
  readonly requests: RecordedRequest[] = [];
  readonly logs: LogEntry[] = [];
  readonly locks: LockTable = new Map();
  readonly properties: PropertyStores;
  readonly scriptTimeZone: string;
  editListener: EditListener | null = null;
  private readonly userProperties = new Map<string, Map<string, string>>();
  private readonly caches = new Map<string, Map<string, { value: string; expires: number }>>();

  constructor(private readonly opts: StandInOptions) {
    this.env = new Env({ ...opts.user });
    this.doc = new SpreadsheetModel(opts.spreadsheet, this.env);
    this.scriptTimeZone = opts.scriptTimeZone ?? "Asia/Shanghai";
    this.properties = {
      script: new Map(Object.entries(opts.scriptProperties ?? {})),
      document: new Map(),
      user: (email) => {
        let m = this.userProperties.get(email);
        if (!m) this.userProperties.set(email, (m = new Map()));
        return m;
      },
    };
  }

  /** The Apps Script globals, as host objects (load-bundle exposes them through the membrane). */
  globals(): Record<string, object> {
    const cacheStore = (scope: string) => {
      let m = this.caches.get(scope);
      if (!m) this.caches.set(scope, (m = new Map()));
      return m;
    };
    return {
      SpreadsheetApp: new SpreadsheetApp(this.doc, this.ui, this.opts.addonName ?? "Add-on"),
      UrlFetchApp: new UrlFetchApp(this.env, this.requests, this.opts.fetchTimeoutMs ?? 20_000),
      PropertiesService: new PropertiesService(this.env, this.properties),
      CacheService: new CacheService(this.env, cacheStore),
      LockService: new LockService(this.env, this.locks),
      Session: new Session(this.env, this.scriptTimeZone),
      ScriptApp: new ScriptApp(this.env, this.opts.identityToken),
      HtmlService: new HtmlService(this.opts.distDir),
      Utilities: new Utilities(),
      Logger: new Logger(this.logs),
      console: new Console(this.logs),
    };
  }

  // ── who is acting ────────────────────────────────────────────────────────────

  get user(): User {
    return { ...this.env.user };
  }
  /** Switch the person at the keyboard; takes effect for the next call. */
  setUser(user: User): void {
    this.env.user = { ...user };
  }

  /** Runs one script execution: its auth mode applies throughout, its locks end with it. */
  execute<T>(authMode: AuthModeName, run: () => T): T {
    this.env.authMode = authMode;
    try {
      return run();
    } finally {
      this.env.authMode = "FULL";
      for (const [name, holder] of this.locks) if (holder === "self") this.locks.delete(name);
    }
  }

  /** Simulates another execution holding a lock ("script", "document" or "user:<email>"). */
  holdLock(name: string): void {
    this.locks.set(name, "other");
  }
  releaseHeldLock(name: string): void {
    if (this.locks.get(name) === "other") this.locks.delete(name);
  }

  /** Buttons the user will click in the next alerts, in order. */
  answerNextAlerts(...buttons: ButtonName[]): void {
    this.ui.pendingAnswers.push(...buttons);
  }

  /** What the user will type (and click) in the next prompts, in order. */
  answerNextPrompts(...answers: PromptAnswer[]): void {
    this.ui.pendingPrompts.push(...answers);
  }

  // ── user actions that bypass scripts ─────────────────────────────────────────

  sheet(name: string): SheetModel {
    const s = this.doc.sheetNamed(name);
    if (!s) throw new Error(`No sheet named ${name}`);
    return s;
  }

  private assertUserMayEdit(sheet: SheetModel, bounds: { row: number; col: number; numRows: number; numCols: number }): boolean {
    if (!sheet.canEdit(bounds, this.env.user.email)) throw new Error(PROTECTED_MESSAGE);
    return sheet.protections.some((p) => p.covers(bounds) && p.warningOnly);
  }

  /**
   * The user types `text` into one cell: same parsing as setValue, but protections and
   * "reject input" validation rules apply, and the bundle's onEdit trigger runs afterwards.
   */
  typeInto(sheetName: string, a1: string, text: string): EditOutcome {
    const sheet = this.sheet(sheetName);
    const bounds = parseA1(a1, sheet.maxRows, sheet.maxCols);
    const cellBounds = { ...bounds, numRows: 1, numCols: 1 };
    const warned = this.assertUserMayEdit(sheet, cellBounds);
    const existing = sheet.cell(bounds.row, bounds.col);
    const parsed = parseInput(text, existing?.format ?? null);
    checkTypedInput(existing, text, parsed);
    const oldValue = existing && (existing.value !== "" || existing.formula) ? displayValue(existing) : undefined;
    applyParsed(sheet.mutableCell(bounds.row, bounds.col), parsed);
    this.editListener?.(new Range(sheet, cellBounds), text, oldValue);
    return { warned };
  }

  /** Same as typeInto; reads better where a test is about protections. */
  userEditProtected(sheetName: string, a1: string, text: string): EditOutcome {
    return this.typeInto(sheetName, a1, text);
  }

  /** The user adds, edits or (with "") removes a cell's note by hand (Insert › Note); protections apply. */
  userSetNote(sheetName: string, a1: string, note: string): EditOutcome {
    return this.userFormat(sheetName, a1, (range) => range.setNote(note));
  }

  /** The user fills a cell with a colour by hand (null = reset); protections apply. */
  userSetBackground(sheetName: string, a1: string, color: string | null): EditOutcome {
    return this.userFormat(sheetName, a1, (range) => range.setBackground(color));
  }

  /** Notes and formatting are not edits of the value: no onEdit runs. */
  private userFormat(sheetName: string, a1: string, apply: (range: Range) => void): EditOutcome {
    const sheet = this.sheet(sheetName);
    const bounds = parseA1(a1, sheet.maxRows, sheet.maxCols);
    const cellBounds = { ...bounds, numRows: 1, numCols: 1 };
    const warned = this.assertUserMayEdit(sheet, cellBounds);
    apply(new Range(sheet, cellBounds));
    return { warned };
  }

  userDeleteRow(sheetName: string, row: number): void {
    const sheet = this.sheet(sheetName);
    this.assertUserMayEdit(sheet, { row, col: 1, numRows: 1, numCols: sheet.maxCols });
    sheet.deleteRows(row, 1);
  }

  /** Drags row `from` so that it ends up as row `to`. */
  userMoveRow(sheetName: string, from: number, to: number): void {
    const sheet = this.sheet(sheetName);
    const top = Math.min(from, to);
    this.assertUserMayEdit(sheet, { row: top, col: 1, numRows: Math.abs(from - to) + 1, numCols: sheet.maxCols });
    sheet.moveRow(from, to);
  }

  // ── inspection ───────────────────────────────────────────────────────────────

  private dumpWith<T>(sheetName: string, read: (row: number, col: number) => T): T[][] {
    const sheet = this.sheet(sheetName);
    const rows = sheet.lastRow();
    const cols = sheet.lastColumn();
    return Array.from({ length: rows }, (_, r) => Array.from({ length: cols }, (_, c) => read(r + 1, c + 1)));
  }

  /** getValues() of the data range (empty sheet → []). */
  values(sheetName: string): (Scalar | Date)[][] {
    const sheet = this.sheet(sheetName);
    return this.dumpWith(sheetName, (r, c) => readValue(sheet.cell(r, c), this.doc.timeZone));
  }
  displayValues(sheetName: string): string[][] {
    const sheet = this.sheet(sheetName);
    return this.dumpWith(sheetName, (r, c) => displayValue(sheet.cell(r, c)));
  }
  /** Notes by A1 address, for every cell that has one. */
  notes(sheetName: string): Record<string, string> {
    return this.collect(sheetName, (cell) => cell.note || undefined);
  }
  /** Backgrounds by A1 address, for every cell that has one. */
  backgrounds(sheetName: string): Record<string, string> {
    return this.collect(sheetName, (cell) => cell.background ?? undefined);
  }
  private collect(sheetName: string, pick: (cell: NonNullable<ReturnType<SheetModel["cell"]>>) => string | undefined): Record<string, string> {
    const sheet = this.sheet(sheetName);
    const out: Record<string, string> = {};
    sheet.rows.forEach((row, r) =>
      row?.forEach((cell, c) => {
        const v = cell && pick(cell);
        if (v !== undefined) out[new Range(sheet, { row: r + 1, col: c + 1, numRows: 1, numCols: 1 }).getA1Notation()] = v;
      }),
    );
    return out;
  }

  /** Every clickable menu item, with its caption path (menu caption first). */
  menuItems(): MenuItem[] {
    return this.ui.menus.flatMap((m) => flatten(m.entries, [m.caption]));
  }
  get toasts(): readonly Toast[] {
    return this.doc.toasts;
  }
}
