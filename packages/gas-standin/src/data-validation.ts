/** DataValidationBuilder / DataValidation, and how a rule judges what a user types. */
import type { Cell, Parsed } from "./cell.js";
import { type CriteriaName, DataValidationCriteria, type EnumValue, GasException } from "./enums.js";
import { isDateFormat } from "./number-format.js";

interface Rule {
  criteria: CriteriaName;
  values: unknown[];
  allowInvalid: boolean;
  helpText: string | null;
}

export class DataValidation {
  readonly rule: Readonly<Rule>;
  constructor(rule: Rule) {
    this.rule = Object.freeze({ ...rule, values: [...rule.values] });
  }
  getCriteriaType(): EnumValue {
    return DataValidationCriteria[this.rule.criteria];
  }
  getCriteriaValues(): unknown[] {
    return structuredClone(this.rule.values);
  }
  getAllowInvalid(): boolean {
    return this.rule.allowInvalid;
  }
  getHelpText(): string | null {
    return this.rule.helpText;
  }
  copy(): DataValidationBuilder {
    return new DataValidationBuilder({ ...this.rule, values: [...this.rule.values] });
  }
}

export class DataValidationBuilder {
  private rule: Rule | { criteria: null; values: unknown[]; allowInvalid: boolean; helpText: string | null };
  constructor(rule?: Rule) {
    this.rule = rule ?? { criteria: null, values: [], allowInvalid: true, helpText: null };
  }
  requireValueInList(values: unknown[], showDropdown = true): this {
    this.rule = { ...this.rule, criteria: "VALUE_IN_LIST", values: [values.map(String), showDropdown] };
    return this;
  }
  /** A boolean rendered as a checkbox (the one-argument and two-argument custom-value forms are not needed here). */
  requireCheckbox(): this {
    this.rule = { ...this.rule, criteria: "CHECKBOX", values: [] };
    return this;
  }
  requireDate(): this {
    this.rule = { ...this.rule, criteria: "DATE_IS_VALID_DATE", values: [] };
    return this;
  }
  requireNumberBetween(start: number, end: number): this {
    this.rule = { ...this.rule, criteria: "NUMBER_BETWEEN", values: [start, end] };
    return this;
  }
  setAllowInvalid(allowInvalid: boolean): this {
    this.rule = { ...this.rule, allowInvalid };
    return this;
  }
  setHelpText(helpText: string): this {
    this.rule = { ...this.rule, helpText };
    return this;
  }
  build(): DataValidation {
    const { criteria } = this.rule;
    if (criteria === null) throw new GasException("You must specify a criteria for the data validation rule.");
    return new DataValidation({ ...this.rule, criteria });
  }
}

function defaultMessage(rule: Readonly<Rule>): string {
  switch (rule.criteria) {
    case "VALUE_IN_LIST":
      return "Input must be an item on the specified list";
    case "DATE_IS_VALID_DATE":
      return "Input must be a valid date";
    case "CHECKBOX":
      return "Input must be a checkbox value (TRUE or FALSE)";
    case "NUMBER_BETWEEN":
      return `Input must be a number between ${String(rule.values[0])} and ${String(rule.values[1])}`;
    default:
      return "Input must satisfy the cell's validation rule";
  }
}

function accepts(rule: Readonly<Rule>, text: string, parsed: Parsed, format: string | null): boolean {
  switch (rule.criteria) {
    case "VALUE_IN_LIST": {
      const items = rule.values[0];
      return Array.isArray(items) && items.some((item) => String(item) === text.replace(/^'/, ""));
    }
    case "DATE_IS_VALID_DATE":
      return typeof parsed.value === "number" && isDateFormat(parsed.autoFormat ?? format);
    case "CHECKBOX":
      return typeof parsed.value === "boolean";
    case "NUMBER_BETWEEN": {
      const [lo, hi] = rule.values as [number, number];
      return typeof parsed.value === "number" && parsed.value >= lo && parsed.value <= hi;
    }
    default:
      return true;
  }
}

/**
 * Sheets rejects typed input that violates a rule with "Reject input" (allowInvalid=false),
 * showing the help text if any. Scripts are not subject to this check.
 */
export function checkTypedInput(cell: Cell | undefined, text: string, parsed: Parsed): void {
  const rule = cell?.validation?.rule;
  if (!rule || rule.allowInvalid || text === "") return;
  if (!accepts(rule, text, parsed, cell?.format ?? null)) {
    throw new Error(`Invalid entry rejected by data validation: ${rule.helpText ?? defaultMessage(rule)}`);
  }
}
