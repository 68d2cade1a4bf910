import {
  type ColumnKey,
  type Group,
  GROUP_OPTIONS,
  headerRow,
  LANGUAGE_OPTIONS,
  type Lang,
  ACTIVE_OPTIONS,
  type Role,
  ROLE_OPTIONS,
  ROSTER,
} from "@planops/shared";
import type { SheetTable } from "@planops/shared/api";

export const DEMO_DEPARTMENT = "计划运营部";

/** One person of the demo organisation, as HR would describe them (supervisor and acting-for by email). */
export interface DemoPerson {
  email: string;
  name: string;
  department: string;
  group: Group | null;
  roles: Role[];
  supervisor: string | null;
  actsFor?: string[];
  locale?: "zh" | "en";
}

/** The demo organisation: a department with its manager, deputies, three groups, HR and management. */
export const DEMO_ROSTER: readonly DemoPerson[] = [
  { email: "zhangwei@demo.planops.cn", name: "张伟", department: DEMO_DEPARTMENT, group: null, roles: ["manager"], supervisor: "liuyang@demo.planops.cn" },
  {
    email: "wangfang@demo.planops.cn",
    name: "王芳",
    department: DEMO_DEPARTMENT,
    group: null,
    roles: ["deputy"],
    supervisor: "zhangwei@demo.planops.cn",
    actsFor: ["zhangwei@demo.planops.cn"],
  },
  { email: "zhaolei@demo.planops.cn", name: "赵磊", department: DEMO_DEPARTMENT, group: null, roles: ["deputy"], supervisor: "zhangwei@demo.planops.cn" },
  { email: "liming@demo.planops.cn", name: "李明", department: DEMO_DEPARTMENT, group: "计划组", roles: ["staff"], supervisor: "wangfang@demo.planops.cn" },
  { email: "chenjing@demo.planops.cn", name: "陈静", department: DEMO_DEPARTMENT, group: "计划组", roles: ["staff"], supervisor: "wangfang@demo.planops.cn" },
  { email: "yangqiang@demo.planops.cn", name: "杨强", department: DEMO_DEPARTMENT, group: "运营组", roles: ["staff"], supervisor: "zhaolei@demo.planops.cn" },
  { email: "huangmin@demo.planops.cn", name: "黄敏", department: DEMO_DEPARTMENT, group: "运营组", roles: ["staff"], supervisor: "zhaolei@demo.planops.cn" },
  {
    email: "zhoujie@demo.planops.cn",
    name: "周杰",
    department: DEMO_DEPARTMENT,
    group: "数据分析组",
    roles: ["staff"],
    supervisor: "zhaolei@demo.planops.cn",
    locale: "en",
  },
  { email: "wuting@demo.planops.cn", name: "吴婷", department: DEMO_DEPARTMENT, group: "数据分析组", roles: ["staff"], supervisor: "zhaolei@demo.planops.cn" },
  { email: "sunli@demo.planops.cn", name: "孙丽", department: "人力资源部", group: null, roles: ["hr"], supervisor: null },
  { email: "liuyang@demo.planops.cn", name: "刘洋", department: "公司管理层", group: null, roles: ["management"], supervisor: null },
  { email: "zhenghao@demo.planops.cn", name: "郑浩", department: "销售部", group: null, roles: ["manager"], supervisor: "liuyang@demo.planops.cn" },
  { email: "maxiaoming@demo.planops.cn", name: "马晓明", department: "销售部", group: null, roles: ["staff"], supervisor: "zhenghao@demo.planops.cn" },
];

export const demoEmail = (name: string): string => {
  const m = DEMO_ROSTER.find((p) => p.name === name);
  if (!m) throw new Error(`no demo person named ${name}`);
  return m.email;
};

export type RosterCell = string | number | boolean | null;
/** One row of a roster sheet, by column key, as typed into the sheet. */
export type RosterCells = Partial<Record<ColumnKey<typeof ROSTER>, RosterCell>>;

const label = (options: readonly { value: string; label: { zh: string; en: string } }[], value: string, lang: Lang) =>
  options.find((o) => o.value === value)?.label[lang] ?? value;

/** A person as a roster sheet row: dropdown labels in the sheet's language, supervisor and acting-for by email. */
export function personCells(p: DemoPerson, lang: Lang = "zh"): RosterCells {
  return {
    name: p.name,
    email: p.email,
    department: p.department,
    group: p.group === null ? null : label(GROUP_OPTIONS, p.group, lang),
    roles: p.roles.map((r) => label(ROLE_OPTIONS, r, lang)).join(lang === "zh" ? "、" : ", "),
    supervisor: p.supervisor,
    actsFor: p.actsFor?.length ? p.actsFor.join(lang === "zh" ? "、" : ", ") : null,
    language: label(LANGUAGE_OPTIONS, p.locale ?? "zh", lang),
    active: label(ACTIVE_OPTIONS, "active", lang),
  };
}

/** The table the add-on would send for a roster sheet: the template's headers (Chinese by default) and the rows from row 2. */
export function rosterTable(rows: readonly RosterCells[], opts: { lang?: Lang; firstRow?: number } = {}): SheetTable {
  const keys = ROSTER.columns.map((c) => c.key);
  return {
    headers: headerRow(ROSTER, opts.lang ?? "zh"),
    rows: rows.map((r, i) => ({ row: (opts.firstRow ?? 2) + i, cells: keys.map((k) => r[k] ?? null) })),
  };
}

/** The demo organisation as HR would type it into the roster sheet; `npm start` loads it through the roster submission. */
export const DEMO_ROSTER_TABLE: SheetTable = rosterTable(DEMO_ROSTER.map((p) => personCells(p)));
