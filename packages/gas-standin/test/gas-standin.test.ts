import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Worker } from "node:worker_threads";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { type LoadBundleOptions, type LoadedBundle, loadBundle, type RpcReply, startSidebarHarness } from "../src/index.js";

const OWNER = "owner@plan.example";
const CLERK = "clerk@plan.example";
const MANAGER = "manager@plan.example";

// A hand-written stand-in for dist/Code.js: `evaluate` lets tests run snippets inside the
// bundle's realm, the rest mimics what an add-on exposes.
const BUNDLE = `
var Addon = (function () { return { version: 1 }; })();
function evaluate(src) { return (0, eval)(src); }
function onOpen(e) {
  var ui = SpreadsheetApp.getUi();
  ui.createAddonMenu()
    .addItem("提交", "menuSubmit")
    .addSeparator()
    .addSubMenu(ui.createMenu("更多").addItem("刷新", "menuRefresh"))
    .addToUi();
  return e.authMode === ScriptApp.AuthMode.LIMITED;
}
function onEdit(e) {
  if (e.range.getA1Notation() === "E1") e.range.offset(0, 1).setValue("edited:" + e.value + ":" + e.authMode);
}
function menuSubmit() { SpreadsheetApp.getActiveSheet().getRange("Z1").setValue("submitted"); return "ok"; }
function menuRefresh() { return "refreshed"; }
function openSidebar() { SpreadsheetApp.getUi().showSidebar(HtmlService.createHtmlOutputFromFile("Sidebar").setTitle("计划")); }
function echo(x) { return x; }
function withDate() { return { when: new Date(0), n: 1 }; }
function boom() { throw new Error("boom"); }
function secret_() { return "hidden"; }
`;

const dir = mkdtempSync(join(tmpdir(), "gas-standin-"));
const codePath = join(dir, "Code.js");
writeFileSync(codePath, BUNDLE);
writeFileSync(join(dir, "Sidebar.html"), "<!DOCTYPE html><html><head><title>s</title></head><body>计划侧栏</body></html>");
writeFileSync(join(dir, "appsscript.json"), JSON.stringify({ timeZone: "Asia/Shanghai", runtimeVersion: "V8" }));

function load(overrides: Partial<LoadBundleOptions> = {}): LoadedBundle {
  return loadBundle({
    codePath,
    distDir: dir,
    spreadsheet: { owner: OWNER, editors: [CLERK, MANAGER], sheets: ["计划"] },
    user: { email: OWNER, locale: "zh_CN" },
    identityToken: (email) => `token-for:${email}`,
    ...overrides,
  });
}

let b: LoadedBundle;
/** Runs a snippet inside the bundle's realm; the last expression is the result. */
const gas = (src: string): unknown => b.call("evaluate", src);
const A = (cell: string) => `SpreadsheetApp.getActiveSheet().getRange("${cell}")`;
const midnightShanghai = (y: number, m: number, d: number) => new Date(Date.UTC(y, m - 1, d) - 8 * 3_600_000);

beforeEach(() => {
  b = load();
});

describe("cell value semantics", () => {
  it.each([
    ["12", 12],
    ["-3.5", -3.5],
    ["+5", 5],
    ["1,234", 1234],
    ["50%", 0.5],
    ["TRUE", true],
    ["false", false],
    ["2026年12月1日", "2026年12月1日"],
    ["'0012", "0012"],
    ["abc", "abc"],
  ])("when %j is written with setValue, then getValue returns %j", (input, expected) => {
    expect(gas(`${A("A1")}.setValue(${JSON.stringify(input)}).getValue()`)).toEqual(expected);
  });

  it("when a y-m-d string is written, then it reads back as a Date at midnight in the spreadsheet's zone", () => {
    expect(gas(`${A("A1")}.setValue("2026-12-01").getValue()`)).toEqual(midnightShanghai(2026, 12, 1));
    expect(gas(`${A("A2")}.setValue("2026/12/1").getValue()`)).toEqual(midnightShanghai(2026, 12, 1));
    expect(gas(`${A("A1")}.getValue() instanceof Date`)).toBe(true);
  });

  it("when the cell is plain text (@), then numeric- and date-looking strings stay strings", () => {
    expect(gas(`${A("A1")}.setNumberFormat("@").setValue("12").getValue()`)).toBe("12");
    expect(gas(`${A("A2")}.setNumberFormat("@").setValue("2026-12-01").getValue()`)).toBe("2026-12-01");
  });

  it("when a cell was never written, then it reads as empty string and does not count as content", () => {
    expect(gas(`${A("C3")}.getValue()`)).toBe("");
    expect(gas(`${A("B2")}.setNote("n"); SpreadsheetApp.getActiveSheet().getLastRow()`)).toBe(0);
  });

  it("when getValues runs inside the bundle, then arrays and Dates belong to the bundle's realm", () => {
    gas(`${A("A1")}.setValue(new Date(2026, 0, 1))`);
    expect(gas(`var v = ${A("A1:B2")}.getValues(); [v instanceof Array, v[0] instanceof Array, v[0][0] instanceof Date]`)).toEqual([true, true, true]);
  });
});

describe("formulas", () => {
  it("when a string starting with = is written, then getFormulas returns it and getValues its result", () => {
    gas(`${A("A1")}.setValue("=1/3"); ${A("A2")}.setFormula("=2*3+1")`);
    expect(gas(`${A("A1:A2")}.getFormulas()`)).toEqual([["=1/3"], ["=2*3+1"]]);
    expect(gas(`${A("A1:A2")}.getValues()`)).toEqual([[1 / 3], [7]]);
    expect(gas(`${A("A1")}.getDisplayValue()`)).toBe("0.3333333333");
  });

  it("when a formula is not plain arithmetic, then it evaluates to #ERROR! and division by zero to #DIV/0!", () => {
    expect(gas(`${A("A1")}.setValue("=SUM(B1:B3)").getValue()`)).toBe("#ERROR!");
    expect(gas(`${A("A2")}.setValue("=1/0").getDisplayValue()`)).toBe("#DIV/0!");
    expect(gas(`${A("A3")}.setValue(12).getFormula()`)).toBe("");
  });
});

describe("number formats and dates", () => {
  it.each([
    [0.5, "0%", "50%"],
    [Math.PI, "0.00", "3.14"],
    [12.7, "0", "13"],
    [1234.5, "#,##0.00", "1,234.50"],
    [-0.125, "0.0%", "-12.5%"],
  ])("when %j has format %j, then it displays as %j", (value, format, shown) => {
    expect(gas(`${A("A1")}.setValue(${value}).setNumberFormat(${JSON.stringify(format)}).getDisplayValue()`)).toBe(shown);
  });

  it('when a user types into a 0%-formatted cell, then "60%" and 0.6 store 0.6 shown as 60%, and 1 shows 100%', () => {
    gas(`${A("A1:A3")}.setNumberFormat("0%")`);
    b.standIn.typeInto("计划", "A1", "60%");
    b.standIn.typeInto("计划", "A2", "0.6");
    b.standIn.typeInto("计划", "A3", "1");
    expect(gas(`${A("A1:A3")}.getValues()`)).toEqual([[0.6], [0.6], [1]]);
    expect(gas(`${A("A1:A3")}.getDisplayValues()`)).toEqual([["60%"], ["60%"], ["100%"]]);
    expect(gas(`${A("A1:A3")}.getNumberFormats()`)).toEqual([["0%"], ["0%"], ["0%"]]);
  });

  it("when a serial number sits in a date-formatted cell, then getValue returns that day in the sheet's zone", () => {
    const serial = (Date.UTC(2026, 11, 1) - Date.UTC(1899, 11, 30)) / 86_400_000;
    expect(gas(`${A("A1")}.setNumberFormat("yyyy-mm-dd").setValue(${serial}).getValue()`)).toEqual(midnightShanghai(2026, 12, 1));
    expect(gas(`${A("A1")}.getDisplayValue()`)).toBe("2026-12-01");
    expect(gas(`${A("A1")}.setNumberFormat("yyyy-MM-dd hh:mm").setValue(${serial} + 0.5).getDisplayValue()`)).toBe("2026-12-01 12:00");
  });

  it("when a Date is written and read back, then the instant and the default display survive", () => {
    const d = midnightShanghai(2026, 12, 1);
    gas(`${A("A1")}.setValue(new Date(${d.getTime()}))`);
    expect(gas(`${A("A1")}.getValue()`)).toEqual(d);
    expect(gas(`${A("A1")}.getDisplayValue()`)).toBe("2026-12-01");
    expect(gas(`${A("A1")}.getNumberFormat()`)).toBe("yyyy-mm-dd");
  });

  it("when the spreadsheet is in another time zone, then the same typed date is a different instant", () => {
    b = load({ spreadsheet: { owner: OWNER, timeZone: "America/New_York", sheets: ["计划"] } });
    expect(gas(`${A("A1")}.setValue("2026-12-01").getValue()`)).toEqual(new Date(Date.UTC(2026, 11, 1, 5)));
  });

  it("when Utilities.formatDate gets Java patterns, then it formats in the given zone", () => {
    const t = Date.UTC(2026, 10, 30, 16, 5, 9);
    expect(gas(`Utilities.formatDate(new Date(${t}), "Asia/Shanghai", "yyyy-MM-dd HH:mm:ss")`)).toBe("2026-12-01 00:05:09");
    expect(gas(`Utilities.formatDate(new Date(${t}), "UTC", "yyyy/M/d 'T' HH:mm")`)).toBe("2026/11/30 T 16:05");
  });

  it("when a new sheet is inserted without a name in a zh_CN document, then it is named 工作表N", () => {
    expect(gas(`SpreadsheetApp.getActiveSpreadsheet().insertSheet().getName()`)).toBe("工作表2");
    expect(gas(`SpreadsheetApp.getActiveSpreadsheet().insertSheet("汇总", 0).getIndex()`)).toBe(1);
    expect(() => gas(`SpreadsheetApp.getActiveSpreadsheet().insertSheet("计划")`)).toThrow('A sheet with the name "计划" already exists.');
    expect(gas(`var ss = SpreadsheetApp.getActiveSpreadsheet(); [ss.getSpreadsheetLocale(), ss.getSpreadsheetTimeZone()]`)).toEqual(["zh_CN", "Asia/Shanghai"]);
  });
});

describe("ranges", () => {
  it.each([
    ["B2:C3", [2, 2, 2, 2]],
    ["$A$1", [1, 1, 1, 1]],
    ["A:B", [1, 1, 1000, 2]],
    ["3:4", [3, 1, 2, 26]],
    ["B2:C", [2, 2, 999, 2]],
    ["c3:b2", [2, 2, 2, 2]],
  ])("when getRange(%j) is called, then row/col/numRows/numCols are %j", (a1, expected) => {
    expect(gas(`var r = SpreadsheetApp.getActiveSheet().getRange("${a1}"); [r.getRow(), r.getColumn(), r.getNumRows(), r.getNumColumns()]`)).toEqual(expected);
  });

  it("when A1 notation is malformed, then getRange throws Range not found as an Exception", () => {
    for (const bad of ["A0", "1A", "", "A1:B2:C3", "B"]) {
      expect(gas(`try { SpreadsheetApp.getActiveSheet().getRange(${JSON.stringify(bad)}); "no error" } catch (e) { String(e) }`)).toBe(
        "Exception: Range not found",
      );
    }
  });

  it("when coordinates leave the sheet, then getRange throws like Apps Script", () => {
    expect(() => gas(`SpreadsheetApp.getActiveSheet().getRange(1001, 1)`)).toThrow("The coordinates of the range are outside the dimensions of the sheet.");
    expect(() => gas(`SpreadsheetApp.getActiveSheet().getRange(0, 1)`)).toThrow("The starting row of the range is too small.");
  });

  it("when setValues gets the wrong shape, then it throws the dimension-mismatch messages and writes nothing", () => {
    expect(() => gas(`${A("A1:B2")}.setValues([[1, 2]])`)).toThrow(
      "The number of rows in the data does not match the number of rows in the range. The data has 1 but the range has 2.",
    );
    expect(() => gas(`${A("A1:B2")}.setValues([[1, 2], [3]])`)).toThrow(
      "The number of columns in the data does not match the number of columns in the range. The data has 1 but the range has 2.",
    );
    expect(() => gas(`${A("A1:B2")}.setValues("x")`)).toThrow("The parameters (String) don't match the method signature");
    expect(gas(`var e; try { ${A("A1")}.setValues([]) } catch (x) { e = x } [e instanceof Error, e.name]`)).toEqual([true, "Exception"]);
    expect(b.standIn.values("计划")).toEqual([]);
  });

  it("when a range is offset or read back, then getA1Notation, getLastRow and getDataRange agree", () => {
    gas(`${A("B2:C3")}.setValues([[1, 2], [3, 4]])`);
    expect(gas(`${A("B2:C3")}.offset(1, 1).getA1Notation()`)).toBe("C3:D4");
    expect(gas(`${A("B2:C3")}.getLastRow()`)).toBe(3);
    expect(gas(`SpreadsheetApp.getActiveSheet().getDataRange().getA1Notation()`)).toBe("A1:C3");
  });

  it("when notes and backgrounds are set, then they read back normalised and show in the dumps", () => {
    gas(`${A("A1:B1")}.setNotes([["原因", ""]]); ${A("A2")}.setBackground("#FFF"); ${A("B2")}.setBackgrounds([["RED"]])`);
    expect(gas(`${A("A1:B1")}.getNotes()`)).toEqual([["原因", ""]]);
    expect(gas(`${A("A2:B2")}.getBackgrounds()`)).toEqual([["#ffffff", "#ff0000"]]);
    expect(b.standIn.notes("计划")).toEqual({ A1: "原因" });
    expect(b.standIn.backgrounds("计划")).toEqual({ A2: "#ffffff", B2: "#ff0000" });
    gas(`${A("A1")}.clearNote(); ${A("A2")}.setBackground(null)`);
    expect(b.standIn.notes("计划")).toEqual({});
    expect(gas(`${A("A2")}.getBackground()`)).toBe("#ffffff");
  });
});

describe("data validation", () => {
  const listRule = (allowInvalid: boolean) =>
    `${A("A2")}.setDataValidation(SpreadsheetApp.newDataValidation().requireValueInList(["通过", "退回"], true).setAllowInvalid(${allowInvalid}).setHelpText("请选择 通过 或 退回").build())`;

  it("when a user types a value outside a rejecting list, then Sheets refuses it with the help text", () => {
    gas(listRule(false));
    expect(() => b.standIn.typeInto("计划", "A2", "其他")).toThrow("请选择 通过 或 退回");
    expect(b.standIn.values("计划")).toEqual([]);
    b.standIn.typeInto("计划", "A2", "通过");
    expect(b.standIn.values("计划")).toEqual([[""], ["通过"]]);
  });

  it("when a cell requires a checkbox, then TRUE/FALSE are taken as booleans and other text is refused", () => {
    gas(`${A("A2")}.setDataValidation(SpreadsheetApp.newDataValidation().requireCheckbox().setAllowInvalid(false).build())`);
    expect(gas(`${A("A2")}.getDataValidation().getCriteriaType() === SpreadsheetApp.DataValidationCriteria.CHECKBOX`)).toBe(true);
    b.standIn.typeInto("计划", "A2", "TRUE");
    expect(gas(`${A("A2")}.getValue()`)).toBe(true);
    expect(() => b.standIn.typeInto("计划", "A2", "也许")).toThrow("checkbox");
    expect(gas(`${A("A2")}.getValue()`)).toBe(true);
  });

  it("when the rule allows invalid input or a script writes, then the value is stored", () => {
    gas(listRule(false));
    gas(`${A("A2")}.setValue("脚本写入")`);
    expect(gas(`${A("A2")}.getValue()`)).toBe("脚本写入");
    gas(listRule(true));
    b.standIn.typeInto("计划", "A2", "其他");
    expect(gas(`${A("A2")}.getValue()`)).toBe("其他");
  });

  it("when rules are read back, then criteria type is the enum singleton and values are as built", () => {
    gas(listRule(false));
    expect(
      gas(
        `var v = ${A("A2")}.getDataValidation(); [v.getCriteriaType() === SpreadsheetApp.DataValidationCriteria.VALUE_IN_LIST, String(v.getCriteriaType()), v.getCriteriaValues(), v.getAllowInvalid()]`,
      ),
    ).toEqual([true, "VALUE_IN_LIST", [["通过", "退回"], true], false]);
    expect(gas(`${A("A1:A2")}.getDataValidations().map(function (r) { return r[0] === null; })`)).toEqual([true, false]);
    expect(gas(`${A("A2")}.clearDataValidations().getDataValidation()`)).toBeNull();
  });

  it("when date and number rules reject input, then only valid dates and in-range numbers are accepted", () => {
    gas(`${A("A1")}.setDataValidation(SpreadsheetApp.newDataValidation().requireDate().setAllowInvalid(false).build())`);
    gas(`${A("B1")}.setDataValidation(SpreadsheetApp.newDataValidation().requireNumberBetween(1, 10).setAllowInvalid(false).build())`);
    expect(() => b.standIn.typeInto("计划", "A1", "2026年12月1日")).toThrow("valid date");
    b.standIn.typeInto("计划", "A1", "2026-12-01");
    expect(() => b.standIn.typeInto("计划", "B1", "11")).toThrow("between 1 and 10");
    b.standIn.typeInto("计划", "B1", "7");
    expect(b.standIn.values("计划")).toEqual([[midnightShanghai(2026, 12, 1), 7]]);
  });
});

describe("protection, metadata and user edits", () => {
  const protectHeader = `var p = ${A("A1:C1")}.protect().setDescription("表头");
    p.removeEditors(p.getEditors()); p.addEditor("${MANAGER}"); p.getEditors().map(function (u) { return u.getEmail(); })`;

  it("when a range is protected, then editors are the owner plus those added, and others cannot edit", () => {
    expect(gas(protectHeader)).toEqual([OWNER, MANAGER]);
    b.standIn.setUser({ email: CLERK, locale: "zh_CN" });
    expect(() => gas(`${A("B1")}.setValue("x")`)).toThrow("You are trying to edit a protected cell or object");
    expect(() => b.standIn.userEditProtected("计划", "A1", "x")).toThrow("protected cell");
    expect(gas(`${A("A2")}.setValue("ok").getValue()`)).toBe("ok");
    expect(gas(`SpreadsheetApp.getActiveSheet().getProtections(SpreadsheetApp.ProtectionType.RANGE)[0].canEdit()`)).toBe(false);
    b.standIn.setUser({ email: MANAGER, locale: "zh_CN" });
    expect(b.standIn.userEditProtected("计划", "A1", "编号")).toEqual({ warned: false });
  });

  it("when a protection is new, then it mirrors the spreadsheet's editors until editors are changed", () => {
    gas(`${A("A1")}.protect()`);
    b.standIn.setUser({ email: CLERK, locale: "zh_CN" });
    expect(gas(`${A("A1")}.setValue("still editable").getValue()`)).toBe("still editable");
  });

  it("when protection is warning-only, then other users may edit after a warning", () => {
    gas(`SpreadsheetApp.getActiveSheet().protect().setWarningOnly(true)`);
    b.standIn.setUser({ email: CLERK, locale: "zh_CN" });
    expect(b.standIn.userEditProtected("计划", "B5", "x")).toEqual({ warned: true });
    expect(gas(`SpreadsheetApp.getActiveSheet().getProtections(SpreadsheetApp.ProtectionType.SHEET).length`)).toBe(1);
  });

  it("when a sheet is protected, then a non-editor can neither delete rows nor rename it", () => {
    gas(`var p = SpreadsheetApp.getActiveSheet().protect(); p.removeEditors(p.getEditors())`);
    b.standIn.setUser({ email: CLERK, locale: "zh_CN" });
    expect(() => b.standIn.userDeleteRow("计划", 2)).toThrow("protected");
    expect(() => gas(`SpreadsheetApp.getActiveSheet().setName("x")`)).toThrow("protected");
    b.standIn.setUser({ email: OWNER, locale: "zh_CN" });
    expect(gas(`SpreadsheetApp.getActiveSheet().setName("计划2").getName()`)).toBe("计划2");
  });

  it("when rows are inserted above a protected range, then the protection moves with its cells", () => {
    gas(protectHeader);
    gas(`SpreadsheetApp.getActiveSheet().insertRowsAfter(0, 2)`);
    expect(gas(`SpreadsheetApp.getActiveSheet().getProtections(SpreadsheetApp.ProtectionType.RANGE)[0].getRange().getA1Notation()`)).toBe("A3:C3");
  });

  it("when developer metadata is added, then it is listed with key and value and can be removed", () => {
    gas(`SpreadsheetApp.getActiveSheet().addDeveloperMetadata("planops.schema", "v3").addDeveloperMetadata("planops.flag")`);
    expect(gas(`SpreadsheetApp.getActiveSheet().getDeveloperMetadata().map(function (m) { return [m.getKey(), m.getValue()]; })`)).toEqual([
      ["planops.schema", "v3"],
      ["planops.flag", null],
    ]);
    gas(`SpreadsheetApp.getActiveSheet().getDeveloperMetadata()[0].remove()`);
    expect(gas(`SpreadsheetApp.getActiveSheet().getDeveloperMetadata().length`)).toBe(1);
  });

  it("when a user deletes or moves rows, then contents shift without any script running", () => {
    gas(`${A("A1:A4")}.setValues([["r1"], ["r2"], ["r3"], ["r4"]])`);
    b.standIn.userDeleteRow("计划", 2);
    expect(b.standIn.values("计划")).toEqual([["r1"], ["r3"], ["r4"]]);
    b.standIn.userMoveRow("计划", 3, 1);
    expect(b.standIn.values("计划")).toEqual([["r4"], ["r1"], ["r3"]]);
    expect(gas(`SpreadsheetApp.getActiveSheet().getMaxRows()`)).toBe(999);
  });

  it("when a user adds a note or a fill colour by hand, then it reads back like a script's, no onEdit runs, and protections apply", () => {
    expect(b.standIn.userSetNote("计划", "E1", "我的备注")).toEqual({ warned: false });
    b.standIn.userSetBackground("计划", "F2", "#FFFF00");
    expect(gas(`${A("E1:F2")}.getNotes()`)).toEqual([
      ["我的备注", ""],
      ["", ""],
    ]);
    expect(gas(`${A("E1:F2")}.getBackgrounds()`)).toEqual([
      ["#ffffff", "#ffffff"],
      ["#ffffff", "#ffff00"],
    ]);
    expect(b.standIn.values("计划")).toEqual([]);
    gas(`var p = ${A("A1")}.protect(); p.removeEditors(p.getEditors())`);
    b.standIn.setUser({ email: CLERK, locale: "zh_CN" });
    expect(() => b.standIn.userSetNote("计划", "A1", "改")).toThrow(/protected/);
    expect(() => b.standIn.userSetBackground("计划", "A1", "red")).toThrow(/protected/);
    b.standIn.userSetNote("计划", "E1", "");
    expect(b.standIn.notes("计划")).toEqual({});
  });

  it("when a user types into a cell, then the bundle's onEdit trigger runs with the edit event", () => {
    b.standIn.typeInto("计划", "E1", "12");
    expect(b.standIn.values("计划")).toEqual([["", "", "", "", 12, "edited:12:LIMITED"]]);
  });

  it("when columns are hidden or the header frozen, then the sheet reports it", () => {
    gas(`var s = SpreadsheetApp.getActiveSheet(); s.hideColumns(2, 2); s.setFrozenRows(1); s.showColumns(3)`);
    expect(gas(`var s = SpreadsheetApp.getActiveSheet(); [s.isColumnHiddenByUser(2), s.isColumnHiddenByUser(3), s.getFrozenRows()]`)).toEqual([true, false, 1]);
  });
});

describe("runtime and Ui", () => {
  it("when the bundle looks for Node or browser globals, then they are absent as in Apps Script", () => {
    expect(
      gas(
        `["fetch", "setTimeout", "process", "require", "URL", "TextEncoder", "Buffer", "structuredClone"].map(function (n) { return typeof globalThis[n]; })`,
      ),
    ).toEqual(Array(8).fill("undefined"));
  });

  it("when the bundle logs, then Logger and console output is recorded instead of printed", () => {
    gas(`Logger.log("%s 条, %s", 3, "完成"); console.warn("注意", { n: 1 })`);
    expect(b.standIn.logs).toEqual([
      { source: "Logger", level: "info", message: "3 条, 完成" },
      { source: "console", level: "warn", message: '注意 {"n":1}' },
    ]);
  });

  it("when the bundle inspects a service object, then only API methods are visible", () => {
    expect(gas(`var s = SpreadsheetApp.getActiveSheet(); [Object.keys(s).length, typeof s.model, typeof s.getRange, "getName" in s]`)).toEqual([
      0,
      "undefined",
      "function",
      true,
    ]);
  });

  it("when onOpen runs as a simple trigger, then the add-on menu is recorded and its items call the right functions", () => {
    expect(b.callTrigger("onOpen", "LIMITED")).toBe(true);
    expect(b.standIn.menuItems()).toEqual([
      { path: ["Add-on", "提交"], functionName: "menuSubmit" },
      { path: ["Add-on", "更多", "刷新"], functionName: "menuRefresh" },
    ]);
    expect(b.clickMenu("Add-on", "提交")).toBe("ok");
    expect(b.clickMenu("Add-on", "更多", "刷新")).toBe("refreshed");
  });

  it("when a simple trigger calls services beyond its auth mode, then Apps Script's permission error is thrown", () => {
    b.call(
      "evaluate",
      `function probe_(e) { SpreadsheetApp.getActiveSpreadsheet(); return "ran"; }
      function fetchy_(e) { UrlFetchApp.fetch("http://127.0.0.1:9/"); }`,
    );
    expect(() => b.callTrigger("probe_", "NONE")).toThrow("You do not have permission to call SpreadsheetApp.getActiveSpreadsheet");
    expect(b.callTrigger("probe_", "LIMITED")).toBe("ran");
    expect(() => b.callTrigger("fetchy_", "LIMITED")).toThrow(
      "You do not have permission to call UrlFetchApp.fetch. Required permissions: https://www.googleapis.com/auth/script.external_request",
    );
  });

  it("when the sidebar is opened, then its HTML comes from the dist folder and is recorded with its title", () => {
    b.call("openSidebar");
    expect(b.standIn.ui.sidebar).toMatchObject({ kind: "sidebar", title: "计划" });
    expect(b.standIn.ui.sidebar?.html).toContain("计划侧栏");
    expect(() => gas(`HtmlService.createHtmlOutputFromFile("Missing")`)).toThrow("No HTML file named Missing was found.");
  });

  it("when alerts are answered, then the queued buttons come back as Button enum values", () => {
    b.standIn.answerNextAlerts("NO");
    expect(gas(`var ui = SpreadsheetApp.getUi(); [ui.alert("确认", "提交?", ui.ButtonSet.YES_NO) === ui.Button.NO, String(ui.alert("完成"))]`)).toEqual([
      true,
      "OK",
    ]);
    expect(b.standIn.ui.alerts.map((a) => [a.title, a.prompt, a.buttons, a.answer])).toEqual([
      ["确认", "提交?", "YES_NO", "NO"],
      ["", "完成", "OK", "OK"],
    ]);
  });

  it("when prompts are answered, then the text typed and the button clicked come back; unanswered, the first button with no text", () => {
    b.standIn.answerNextPrompts({ text: "2027-Q1" }, { text: "x", button: "CANCEL" });
    expect(
      gas(`var ui = SpreadsheetApp.getUi();
      var a = ui.prompt("报告", "期间？", ui.ButtonSet.OK_CANCEL);
      var c = ui.prompt("期间？", ui.ButtonSet.OK_CANCEL);
      var d = ui.prompt("期间？");
      [a.getResponseText(), a.getSelectedButton() === ui.Button.OK, c.getSelectedButton() === ui.Button.CANCEL, d.getResponseText(), String(d.getSelectedButton())]`),
    ).toEqual(["2027-Q1", true, true, "", "OK"]);
    expect(b.standIn.ui.prompts.map((p) => [p.title, p.prompt, p.buttons, p.answer, p.text])).toEqual([
      ["报告", "期间？", "OK_CANCEL", "OK", "2027-Q1"],
      ["", "期间？", "OK_CANCEL", "CANCEL", "x"],
      ["", "期间？", "OK", "OK", ""],
    ]);
  });

  it("when the user switches, then Session, identity token and user properties follow", () => {
    const who = `[Session.getActiveUser().getEmail(), ScriptApp.getIdentityToken(), PropertiesService.getUserProperties().getProperty("k")]`;
    gas(`PropertiesService.getUserProperties().setProperty("k", 1); PropertiesService.getScriptProperties().setProperty("s", "shared")`);
    expect(gas(who)).toEqual([OWNER, `token-for:${OWNER}`, "1"]);
    b.standIn.setUser({ email: CLERK, locale: "en" });
    expect(gas(who)).toEqual([CLERK, `token-for:${CLERK}`, null]);
    expect(gas(`[Session.getActiveUserLocale(), PropertiesService.getScriptProperties().getProperty("s")]`)).toEqual(["en", "shared"]);
  });

  it("when the openid scope is not granted, then getIdentityToken returns null rather than a token", () => {
    b = load({ identityToken: () => null });
    expect(gas(`ScriptApp.getIdentityToken()`)).toBeNull();
  });

  it("when another execution holds the document lock, then tryLock fails and waitLock times out; own locks end with the call", () => {
    b.standIn.holdLock("document");
    expect(gas(`LockService.getDocumentLock().tryLock(100)`)).toBe(false);
    expect(() => gas(`LockService.getDocumentLock().waitLock(100)`)).toThrow("Lock timeout");
    b.standIn.releaseHeldLock("document");
    expect(gas(`var l = LockService.getDocumentLock(); l.waitLock(100); l.hasLock()`)).toBe(true);
    expect(b.standIn.locks.size).toBe(0);
  });
});

describe("google.script.run semantics", () => {
  it("when a sidebar call returns a Date anywhere, then the client receives null", () => {
    expect(b.callAsSidebar("withDate")).toBeNull();
    expect(b.call("withDate")).toEqual({ when: new Date(0), n: 1 });
  });

  it("when arguments are passed, then they are JSON copies and Dates are rejected", () => {
    const arg = { list: [1, undefined, "三"], nested: { ok: true } };
    expect(b.callAsSidebar("echo", arg)).toEqual({ list: [1, null, "三"], nested: { ok: true } });
    expect(() => b.callAsSidebar("echo", { at: new Date() })).toThrow("Failed due to illegal value in property: 0.at");
  });

  it("when a private or unknown function is called, then it is not found", () => {
    expect(() => b.callAsSidebar("secret_")).toThrow("Script function not found: secret_");
    expect(() => b.callAsSidebar("nope")).toThrow("Script function not found: nope");
    expect(b.sidebarCallable()).not.toContain("secret_");
  });

  it("when the harness serves the sidebar, then google.script.run reaches the bundle over /rpc", async () => {
    const harness = await startSidebarHarness(b, { htmlFile: join(dir, "Sidebar.html") });
    try {
      const html = await (await fetch(harness.url)).text();
      expect(html.indexOf("google.script")).toBeLessThan(html.indexOf("<title>"));
      expect(html).toContain('"echo"');
      expect(html).not.toContain('"secret_"');
      const rpc = async (fn: string, ...args: unknown[]) =>
        (await (await fetch(new URL("rpc", harness.url), { method: "POST", body: JSON.stringify({ fn, args }) })).json()) as RpcReply;
      expect(await rpc("echo", { a: [1, "二"] })).toEqual({ ok: true, result: { a: [1, "二"] } });
      expect(await rpc("boom")).toEqual({ ok: false, error: { name: "Error", message: "Error: boom" } });
      expect(await rpc("menuSubmit")).toEqual({ ok: true, result: "ok" });
      expect(b.standIn.values("计划")[0]?.[25]).toBe("submitted");
      await fetch(new URL("host", harness.url), { method: "POST", body: JSON.stringify({ action: "close" }) });
      expect(harness.closed).toBe(true);
    } finally {
      await harness.close();
    }
  });
});

describe("UrlFetchApp", () => {
  // The server must not share this thread: UrlFetchApp blocks it while waiting, as Apps Script's does.
  let server: Worker;
  let base: string;

  beforeAll(async () => {
    server = new Worker(
      `const http = require("node:http");
      const { parentPort } = require("node:worker_threads");
      const s = http.createServer((req, res) => {
        let body = "";
        req.on("data", (c) => (body += c));
        req.on("end", () => {
          if (req.url === "/json") {
            res.setHeader("X-Plan-Version", "7");
            res.setHeader("Set-Cookie", ["a=1", "b=2"]);
            res.setHeader("Content-Type", "application/json");
            return res.end('{"ok":true,"名":"计划"}');
          }
          if (req.url === "/fail") { res.statusCode = 400; return res.end("x".repeat(150)); }
          if (req.url === "/redirect") { res.statusCode = 302; res.setHeader("Location", "/json"); return res.end(); }
          res.setHeader("Content-Type", "application/json");
          res.end(JSON.stringify({ method: req.method, url: req.url, headers: req.headers, body }));
        });
      });
      s.listen(0, "127.0.0.1", () => parentPort.postMessage(s.address().port));`,
      { eval: true },
    );
    const port = await new Promise<number>((resolve) => server.once("message", resolve));
    base = `http://127.0.0.1:${port}`;
  });
  afterAll(() => server.terminate());

  it("when a GET succeeds, then code, text and headers (server casing, repeated ones as arrays) come back", () => {
    const r = gas(`var r = UrlFetchApp.fetch("${base}/json");
      [r.getResponseCode(), JSON.parse(r.getContentText())["名"], r.getHeaders()["X-Plan-Version"], r.getAllHeaders()["Set-Cookie"]]`);
    expect(r).toEqual([200, "计划", "7", ["a=1", "b=2"]]);
  });

  it("when a POST has payload, contentType and headers, then the server receives them and the call is recorded", () => {
    const echoed = gas(`JSON.parse(UrlFetchApp.fetch("${base}/echo", { method: "post", contentType: "application/json",
      payload: JSON.stringify({ 提交: 1 }), headers: { Authorization: "Bearer t" } }).getContentText())`) as {
      method: string;
      headers: Record<string, string>;
      body: string;
    };
    expect(echoed.method).toBe("POST");
    expect(echoed.headers["content-type"]).toBe("application/json");
    expect(echoed.headers.authorization).toBe("Bearer t");
    expect(echoed.headers["user-agent"]).toContain("Google-Apps-Script");
    expect(JSON.parse(echoed.body)).toEqual({ 提交: 1 });
    expect(b.requests).toEqual([
      expect.objectContaining({ url: `${base}/echo`, method: "POST", payload: '{"提交":1}', headers: expect.objectContaining({ Authorization: "Bearer t" }) }),
    ]);
  });

  it("when the server answers 400, then fetch throws Apps Script's message unless muteHttpExceptions is set", () => {
    expect(() => gas(`UrlFetchApp.fetch("${base}/fail")`)).toThrow(
      `Request failed for ${base} returned code 400. Truncated server response: ${"x".repeat(100)}... (use muteHttpExceptions option to examine full response)`,
    );
    expect(gas(`var r = UrlFetchApp.fetch("${base}/fail", { muteHttpExceptions: true }); [r.getResponseCode(), r.getContentText().length]`)).toEqual([
      400, 150,
    ]);
  });

  it("when redirects, fetchAll and unreachable hosts are involved, then behaviour matches Apps Script", () => {
    expect(gas(`UrlFetchApp.fetch("${base}/redirect").getResponseCode()`)).toBe(200);
    expect(gas(`UrlFetchApp.fetch("${base}/redirect", { followRedirects: false }).getResponseCode()`)).toBe(302);
    expect(
      gas(`UrlFetchApp.fetchAll(["${base}/json", { url: "${base}/fail", muteHttpExceptions: true }]).map(function (r) { return r.getResponseCode(); })`),
    ).toEqual([200, 400]);
    expect(() => gas(`UrlFetchApp.fetch("http://127.0.0.1:9/")`)).toThrow("Address unavailable: http://127.0.0.1:9/");
    expect(() => gas(`UrlFetchApp.fetch("not a url")`)).toThrow("Invalid argument: not a url");
  });

  // How long each call takes is a figure of `npm run bench` (packages/gas-standin/bench/), not a test.
  it("when fetch is called repeatedly, then each call returns the answer to its own request, in order, and each is recorded", () => {
    const urls = gas(`var seen = [];
      for (var i = 0; i < 20; i++) seen.push(JSON.parse(UrlFetchApp.fetch("${base}/echo?i=" + i).getContentText()).url);
      seen`);
    const expected = Array.from({ length: 20 }, (_, i) => `/echo?i=${i}`);
    expect(urls).toEqual(expected);
    expect(b.requests.map((r) => r.url)).toEqual(expected.map((path) => `${base}${path}`));
  });
});

describe("the script's clock", () => {
  it("when a bundle is loaded with a fixed now, then new Date(), Date.now() and formatted dates read it, and explicit dates are untouched", () => {
    b = load({ now: () => new Date("2026-12-15T04:00:00Z") });
    expect(gas(`Utilities.formatDate(new Date(), "Asia/Shanghai", "yyyy-MM-dd HH:mm")`)).toBe("2026-12-15 12:00");
    expect(gas(`Date.now()`)).toBe(Date.parse("2026-12-15T04:00:00Z"));
    expect(gas(`new Date(0).toISOString()`)).toBe("1970-01-01T00:00:00.000Z");
    expect(gas(`new Date(2027, 0, 5) instanceof Date`)).toBe(true);
  });
});
