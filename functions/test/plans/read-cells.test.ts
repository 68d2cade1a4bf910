import { describe, expect, it } from "vitest";
import { readDate, readEnum, readNumber, readPercent, readText } from "../../src/sheets/cells.js";
import { PRIORITIES } from "@planops/shared";

describe("reading untrusted cells", () => {
  it.each([
    ["2026-12-01", "2026-12-01"],
    ["2026/12/1", "2026-12-01"],
    ["2026.12.01", "2026-12-01"],
    ["2026年12月1日", "2026-12-01"],
    ["２０２６年１２月１日", "2026-12-01"],
    [" 2026-12-31 ", "2026-12-31"],
    [46357, "2026-12-01"],
  ])("when a date cell holds %j, then it reads as %s", (raw, iso) => {
    expect(readDate(raw)).toEqual({ ok: true, value: iso });
  });

  it.each([
    ["2026-02-30", "INVALID_DATE"],
    ["明天", "NOT_A_DATE"],
    ["12/01/2026", "NOT_A_DATE"],
    [3.5, "NOT_A_DATE"],
    [true, "NOT_A_DATE"],
  ])("when a date cell holds %j, then it is refused with %s", (raw, code) => {
    const r = readDate(raw);
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.code).toBe(code);
      expect(r.text.zh).toMatch(/日期/);
      expect(r.text.en).toMatch(/date/);
    }
  });

  it.each([
    [2, 2],
    ["3", 3],
    ["  ４ ", 4],
    ["+5", 5],
    ["1,000", 1000],
  ])("when a number cell holds %j, then it reads as %d", (raw, n) => {
    expect(readNumber(raw, 0, 10_000)).toEqual({ ok: true, value: n });
  });

  it("when a number is out of range or not a number, then the message names the allowed range", () => {
    const out = readNumber(0, 0.1, 100);
    const text = readNumber("两个", 0.1, 100);
    expect(out).toMatchObject({ ok: false, code: "OUT_OF_RANGE" });
    expect(text).toMatchObject({ ok: false, code: "NOT_A_NUMBER" });
    if (!text.ok) expect(text.text.en).toContain("0.1 to 100");
  });

  it.each([
    [0.6, 60],
    [1, 100],
    [60, 60],
    ["60%", 60],
    ["35", 35],
  ])("when % complete holds %j, then it reads as %d percent", (raw, n) => {
    expect(readPercent(raw)).toEqual({ ok: true, value: n });
  });

  it("when text starts with formula characters, then it is kept verbatim as literal text", () => {
    for (const s of ['=HYPERLINK("x")', "+86 10 1234", "-优化流程", "@所有人"]) expect(readText(s, 500)).toEqual({ ok: true, value: s });
  });

  it("when text is too long, then the limit and the actual length are named", () => {
    const r = readText("长".repeat(501), 500);
    expect(r).toMatchObject({ ok: false, code: "TOO_LONG" });
    if (!r.ok) expect(r.text.zh).toContain("501");
  });

  it("when a dropdown value is given in either language or as its stored value, then it is accepted; otherwise the options are listed", () => {
    expect(readEnum("高", PRIORITIES)).toEqual({ ok: true, value: "high" });
    expect(readEnum("low", PRIORITIES)).toEqual({ ok: true, value: "low" });
    const bad = readEnum("紧急", PRIORITIES);
    expect(bad).toMatchObject({ ok: false, code: "NOT_ALLOWED" });
    if (!bad.ok) expect(bad.text.zh).toContain("高 / 中 / 低");
  });
});
