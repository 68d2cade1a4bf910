import { DATE_FORMAT, PERCENT_COMPLETE_FORMAT, TEXT_FORMAT, type TemplateLayout } from "../plans/template-layout.js";

const HEADER_BACKGROUND = "#d9e2f3";

/** Applies a template layout to a freshly inserted sheet. */
export function buildTemplateSheet(sheet: GoogleAppsScript.Spreadsheet.Sheet, layout: TemplateLayout): void {
  const columns = layout.headers.length;
  // Room for the pre-filled rows, and at least the sheet's default size below the header.
  const needed = layout.rows.length + 1;
  if (sheet.getMaxRows() < needed + 1) sheet.insertRowsAfter(sheet.getMaxRows(), needed + 1 - sheet.getMaxRows());
  const bodyRows = Math.max(1, sheet.getMaxRows() - 1);
  const body = (column: number) => sheet.getRange(2, column, bodyRows, 1);

  const header = sheet.getRange(1, 1, 1, columns);
  header.setNumberFormat(TEXT_FORMAT).setValues([layout.headers]).setNotes([layout.headerNotes]);
  header.setFontWeight("bold").setBackground(HEADER_BACKGROUND);
  sheet.setFrozenRows(1);
  layout.widths.forEach((width, i) => sheet.setColumnWidth(i + 1, width));

  // Formats before any value: text lands in "@" cells as text, never as a formula.
  for (const column of layout.textColumns) body(column).setNumberFormat(TEXT_FORMAT);
  for (const column of layout.dateColumns) body(column).setNumberFormat(DATE_FORMAT);
  for (const column of layout.percentColumns) body(column).setNumberFormat(PERCENT_COMPLETE_FORMAT);
  for (const dropdown of layout.dropdowns) {
    const rule = SpreadsheetApp.newDataValidation().requireValueInList(dropdown.values, true).setAllowInvalid(false).setHelpText(dropdown.helpText).build();
    body(dropdown.column).setDataValidation(rule);
  }
  for (const checkbox of layout.checkboxes) {
    const rule = SpreadsheetApp.newDataValidation().requireCheckbox().setAllowInvalid(false).setHelpText(checkbox.helpText).build();
    body(checkbox.column).setDataValidation(rule);
  }
  if (layout.rows.length && columns) sheet.getRange(2, 1, layout.rows.length, columns).setValues(layout.rows);

  protectForOthers(header.protect().setDescription(layout.headerProtection));
  for (const { column, description } of layout.protectedColumns) {
    // Warning only: the add-on itself, running as the user, writes IDs and progress here.
    body(column).protect().setDescription(description).setWarningOnly(true);
  }
  // Document visibility (the two-argument form): readable by support tools, not only by this script project.
  for (const [key, value] of layout.marker) sheet.addDeveloperMetadata(key, value);
}

/**
 * A warning is one click away from an edited header, and a renamed header
 * breaks the table for everyone; so only the creator (and the owner, whom
 * Sheets never removes) may edit it. The creator is added first because
 * removing a group they edit through would otherwise fail.
 */
function protectForOthers(protection: GoogleAppsScript.Spreadsheet.Protection): void {
  const me = Session.getEffectiveUser();
  protection.addEditor(me);
  const others = protection.getEditors().filter((user) => user.getEmail() !== me.getEmail());
  if (others.length) protection.removeEditors(others);
  if (protection.canDomainEdit()) protection.setDomainEdit(false);
}
