import type { Lang } from "@planops/shared";
import type { AddonContext, SheetPort, WorkbookPort } from "../../src/addon-context.js";
import type { ApiClient, ApiResult } from "../../src/api/client.js";
import { messagesFor } from "../../src/i18n/messages.js";
import type { TemplateLayout } from "../../src/plans/template-layout.js";
import type { RatesLayout } from "../../src/rollups/rates-layout.js";
import type { CellMark, ColumnRun, SheetMarker } from "../../src/sheet/types.js";

/** A sheet as plain data, recording what the workflows did to it. */
export class FakeSheet implements SheetPort {
  readonly cleared: number[] = [];
  readonly marks: CellMark[] = [];
  readonly written: ColumnRun[] = [];
  activations = 0;
  /** Successive readValues() results; the last one repeats. */
  reads: unknown[][][];

  constructor(
    readonly sheetId: number,
    readonly name: string,
    private readonly markerValue: SheetMarker | null,
    values: unknown[][] = [],
  ) {
    this.reads = [values];
  }
  marker() {
    return this.markerValue;
  }
  activate() {
    this.activations++;
  }
  readValues() {
    return (this.reads.length > 1 ? this.reads.shift() : this.reads[0]) ?? [];
  }
  clearMarks(columns: number) {
    this.cleared.push(columns);
  }
  markCells(marks: readonly CellMark[]) {
    this.marks.push(...marks);
  }
  writeRuns(runs: readonly ColumnRun[]) {
    this.written.push(...runs);
  }
}

export interface ApiCall {
  name: string;
  input: unknown;
}

export function fakeContext(options: {
  lang?: Lang;
  sheets: FakeSheet[];
  active?: FakeSheet;
  respond?: (name: string, input: unknown) => ApiResult<unknown>;
  lockFree?: boolean;
  planIds?: Record<number, string>;
  today?: { year: number; month: number };
  /** What the user types into the next prompts (null: cancels). */
  answers?: (string | null)[];
  /** How the user answers the next yes/no questions. */
  confirms?: boolean[];
}) {
  const lang = options.lang ?? "zh";
  const alerts: string[] = [];
  const toasts: string[] = [];
  /** Prompts and confirmations shown, and the dialogs' pages. */
  const asked: string[] = [];
  const confirmations: string[] = [];
  const dialogs: { title: string; html: string }[] = [];
  const answers = [...(options.answers ?? [])];
  const decisions = [...(options.confirms ?? [])];
  const calls: ApiCall[] = [];
  const created: TemplateLayout[] = [];
  const reports: RatesLayout[] = [];
  const planIds: Record<number, string> = { ...options.planIds };
  const active = options.active ?? options.sheets[0];
  if (!active) throw new Error("fakeContext needs a sheet");

  const api: ApiClient = {
    call(name, input) {
      calls.push({ name, input });
      // The fake answers whatever the test scripted; the real client's typing is tested elsewhere.
      return (options.respond?.(name, input) ?? { ok: true, value: {} }) as never;
    },
  };
  const workbook: WorkbookPort = {
    spreadsheetId: "ss-1",
    formatDay: (d) => d.toISOString().slice(0, 10),
    // UTC+8, as the department's spreadsheets are.
    formatTime: (iso) => new Date(new Date(iso).getTime() + 8 * 3_600_000).toISOString().slice(0, 16).replace("T", " "),
    currentMonth: () => options.today ?? { year: 2026, month: 11 },
    activeSheet: () => active,
    sheets: () => options.sheets,
    hasSheetNamed: (name) => options.sheets.some((s) => s.name === name),
    createTemplateSheet: (layout) => {
      created.push(layout);
      return new FakeSheet(99, layout.sheetName, null);
    },
    writeReport: (layout) => {
      reports.push(layout);
    },
  };
  const ctx: AddonContext = {
    lang,
    t: messagesFor(lang),
    ui: {
      alert: (m) => void alerts.push(m),
      toast: (m) => void toasts.push(m),
      ask: (m) => {
        asked.push(m);
        // An unscripted prompt is cancelled.
        return answers.length ? (answers.shift() ?? null) : null;
      },
      confirm: (m) => {
        confirmations.push(m);
        return decisions.shift() ?? false;
      },
      dialog: (title, html) => void dialogs.push({ title, html }),
    },
    api,
    lock: {
      run(work) {
        if (options.lockFree === false) return false;
        work();
        return true;
      },
    },
    planIds: {
      get: (id) => planIds[id] ?? null,
      set: (id, planId) => {
        planIds[id] = planId;
      },
    },
    workbook,
  };
  return { ctx, alerts, toasts, calls, created, reports, planIds, asked, confirmations, dialogs };
}
