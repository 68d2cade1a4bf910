import type { Lang } from "@planops/shared";
import type { CellError } from "@planops/shared/api";
import type { Messages } from "../i18n/messages.js";
import type { CellMark, CellRun } from "./types.js";

/** Light red: visible on any default theme without hiding the text. */
export const ERROR_BACKGROUND = "#f4cccc";

/** How many bad cells the summary alert lists before "and N more". */
const LISTED_IN_ALERT = 8;

/**
 * The notes to attach for a refused table: one per bad data cell, several
 * problems of one cell joined. Errors about the header row are only listed in
 * the alert: the header keeps its help notes.
 */
export function planErrorMarks(cells: readonly CellError[], lang: Lang): CellMark[] {
  const byCell = new Map<string, CellMark>();
  for (const cell of cells) {
    if (cell.row < 2 || cell.column < 1) continue;
    const key = `${cell.row}:${cell.column}`;
    // The note sits on the cell itself: the problem alone, in the user's language, without repeating its row and column.
    const text = cell.problem[lang];
    const existing = byCell.get(key);
    if (existing) existing.note = `${existing.note}\n\n${text}`;
    else byCell.set(key, { row: cell.row, column: cell.column, note: text });
  }
  return [...byCell.values()].sort((a, b) => a.row - b.row || a.column - b.column);
}

/**
 * Where the add-on's own marks are, from ONE getBackgrounds() of the data area
 * whose top-left cell is (`firstRow`, column 1): the cells tinted with the error
 * colour, as runs of neighbouring cells in a row so each run is cleared with one
 * range. Any other colour is the users' own and is left alone.
 */
export function errorMarkRuns(backgrounds: readonly (readonly string[])[], firstRow: number): CellRun[] {
  const runs: CellRun[] = [];
  backgrounds.forEach((colors, i) => {
    let open: CellRun | undefined;
    colors.forEach((color, j) => {
      if (!isErrorBackground(color)) {
        open = undefined;
      } else if (open) {
        open.numColumns++;
      } else {
        open = { row: firstRow + i, column: j + 1, numColumns: 1 };
        runs.push(open);
      }
    });
  });
  return runs;
}

/** Sheets reports colours as lower-case hex; compared loosely all the same. */
function isErrorBackground(color: string | null | undefined): boolean {
  return typeof color === "string" && color.trim().toLowerCase() === ERROR_BACKGROUND;
}

/** The alert after a refusal: how many cells are wrong, then the first few in reading order. */
export function errorSummary(cells: readonly CellError[], lang: Lang, t: Messages): string {
  const sorted = [...cells].sort((a, b) => a.row - b.row || a.column - b.column);
  const distinct = new Set(sorted.map((c) => `${c.row}:${c.column}`)).size;
  const lines = sorted.slice(0, LISTED_IN_ALERT).map((c) => t.cellLine(c.row, c.header, c.problem[lang]));
  if (sorted.length > LISTED_IN_ALERT) lines.push(t.andMore(sorted.length - LISTED_IN_ALERT));
  return [t.cellsWrong(distinct), "", ...lines].join("\n");
}
