import { type Period, parsePeriod } from "@planops/shared";

const YEAR = /^(\d{4})年?$/;
const QUARTER = /^(\d{4})(?:[-/.]|年)?(?:Q|第)([1-4])(?:季度?)?$/;
const MONTH = /^(\d{4})(?:[-/.]|年)(\d{1,2})月?$/;

/**
 * A period as people type it into the prompt: "2027-01", "2027-Q1", "2027", and
 * the usual variants — full-width characters, spaces, "2027-1", "2027/01",
 * "2027q1", "2027年1月", "2027年第1季度", "2027年". Undefined for anything else.
 */
export function readPeriodInput(typed: string): Period | undefined {
  const text = typed.normalize("NFKC").replace(/\s+/g, "").toUpperCase();
  const year = YEAR.exec(text);
  if (year) return parsePeriod(year[1] ?? "");
  const quarter = QUARTER.exec(text);
  if (quarter) return parsePeriod(`${quarter[1]}-Q${quarter[2]}`);
  const month = MONTH.exec(text);
  if (month) return parsePeriod(`${month[1]}-${(month[2] ?? "").padStart(2, "0")}`);
  return undefined;
}
