import { expect, it } from "vitest";
import { ADDON_NAME, OWNER, nextMonthInShanghai, openWithAddon } from "./support/addon-session.js";
import { useAddonAndStack } from "./support/use-addon-stack.js";

const env = useAddonAndStack();

const P = nextMonthInShanghai();
const [Y, M] = P.split("-").map(Number) as [number, number];

/**
 * What people really type and do to a shared sheet, through the built add-on
 * and the real backend: Chinese dates, numbers as text, formula-looking text,
 * then rows deleted and reordered between two submissions.
 */
it("when cells hold Chinese dates, text numbers and formula-looking text, and rows are later deleted and reordered, then every task keeps its own ID", async () => {
  const doc = openWithAddon({ ...env, email: OWNER });
  const { standIn } = doc;
  doc.clickMenu(ADDON_NAME, "新建模板", "月度计划");
  const name = `月度计划 ${P}`;
  const type = (a1: string, text: string) => standIn.typeInto(name, a1, text);
  const row = (r: number, content: string, owner: string, day: number) => {
    type(`B${r}`, content);
    type(`D${r}`, "计划运营部");
    type(`E${r}`, owner);
    type(`H${r}`, `${Y}年${M}月${day}日`); // typed the Chinese way: stays text in the sheet
  };
  row(2, "=SUM(A1:A3) 不应被执行", "李明", 5);
  row(3, "-梳理报销流程", "杨强", 12);
  row(4, "+86 客服热线回访", "陈静", 19);
  type("J2", "'2"); // a number kept as text

  doc.clickMenu(ADDON_NAME, "提交");
  expect(standIn.ui.alerts.at(-1)?.prompt).toContain("已提交第 1 版（3 项）");
  const first = standIn.values(name);
  expect(first[1]?.[1]).toBe("=SUM(A1:A3) 不应被执行"); // plain-text column: kept as text, never a formula
  const idOf = (content: string, values = standIn.values(name)) => String(values.find((r) => r[1] === content)?.[0]);
  const [a, b, c] = ["=SUM(A1:A3) 不应被执行", "-梳理报销流程", "+86 客服热线回访"].map((x) => idOf(x, first));
  expect(new Set([a, b, c]).size).toBe(3);

  // Before approval someone deletes B's row and drags C to the top, then adds a task.
  standIn.userDeleteRow(name, 3);
  standIn.userMoveRow(name, 3, 2);
  row(4, "新增：数据口径核对", "吴婷", 26);
  doc.clickMenu(ADDON_NAME, "提交");
  expect(standIn.ui.alerts.at(-1)?.prompt).toContain("已提交第 2 版（3 项）");

  const after = standIn.values(name);
  expect(idOf("+86 客服热线回访", after)).toBe(c);
  expect(idOf("=SUM(A1:A3) 不应被执行", after)).toBe(a);
  const added = idOf("新增：数据口径核对", after);
  expect([a, b, c]).not.toContain(added);
  expect(standIn.requests.filter((r) => r.url.endsWith("/submit"))).toHaveLength(2);
});
