import { referenceLabel } from "@planops/shared";
import type { CompletionRatesResponse, RateRow } from "@planops/shared/api";
import type { Messages } from "../i18n/messages.js";

export const PERCENT_FORMAT = "0.0%";
const COUNT_FORMAT = "0";
const TEXT_FORMAT = "@";

/** A rectangular block of plain values with one number format per cell, written with setNumberFormats + setValues. */
export interface RatesLayout {
  sheetName: string;
  values: (string | number)[][];
  formats: string[][];
  /** 1-based rows shown bold: the title, section titles and table headers. */
  boldRows: number[];
}

/**
 * The completion-rate report: a title, then the people, groups, departments and
 * plan items tables one below the other (a plan item is named "ID title", as in
 * the reference dropdowns). Names are written in "@" cells so a roster name
 * such as "=x" stays text; rates are fractions shown as 0.0 %, and "—" where no
 * task is in scope (a rate of 0 would claim failure).
 */
export function ratesLayout(rates: CompletionRatesResponse, t: Messages): RatesLayout {
  const width = 1 + t.rates.columns.length;
  const values: (string | number)[][] = [];
  const formats: string[][] = [];
  const boldRows: number[] = [];
  const textRow = (cells: string[], bold: boolean) => {
    values.push(pad(cells, width, ""));
    formats.push(Array<string>(width).fill(TEXT_FORMAT));
    if (bold) boldRows.push(values.length);
  };

  textRow([t.rates.title(rates.period, rates.asOf)], true);
  const sections = [
    ["people", rates.people],
    ["groups", rates.groups],
    ["departments", rates.departments],
    ["items", rates.items.map((row) => ({ ...row, name: referenceLabel({ itemId: row.key, title: row.name }) }))],
  ] as const;
  for (const [section, rows] of sections) {
    textRow([], false);
    textRow([t.rates[section]], true);
    textRow([t.rates.nameHeader[section], ...t.rates.columns], true);
    for (const row of rows) {
      const [cells, cellFormats] = rateCells(row, t.rates.noTasks);
      values.push(cells);
      formats.push(cellFormats);
    }
  }
  return { sheetName: t.rates.sheetName(rates.period), values, formats, boldRows };
}

function rateCells(row: RateRow, noTasks: string): [(string | number)[], string[]] {
  const counts = [row.inScope, row.doneOnTime, row.doneByEnd, row.overdue];
  const rates = [row.onTimeRate, row.completionRate, row.weightedOnTimeRate, row.weightedCompletionRate];
  return [
    [row.name, ...counts, ...rates.map((r) => r ?? noTasks)],
    [TEXT_FORMAT, ...counts.map(() => COUNT_FORMAT), ...rates.map((r) => (r === null ? TEXT_FORMAT : PERCENT_FORMAT))],
  ];
}

function pad<T>(cells: T[], width: number, filler: T): T[] {
  return [...cells, ...Array<T>(Math.max(0, width - cells.length)).fill(filler)];
}
