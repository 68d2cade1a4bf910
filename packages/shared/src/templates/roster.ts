import type { EnumOption, TemplateDef } from "./types.js";

/** Roles a person may hold (DOMAIN.md, People and roles). */
export const ROLE_OPTIONS = [
  { value: "staff", label: { zh: "员工", en: "Staff" } },
  { value: "deputy", label: { zh: "副经理", en: "Deputy manager" } },
  { value: "manager", label: { zh: "部门经理", en: "Department manager" } },
  { value: "management", label: { zh: "公司管理层", en: "Company management" } },
  { value: "hr", label: { zh: "人力资源", en: "HR" } },
] as const satisfies readonly EnumOption[];
export type Role = (typeof ROLE_OPTIONS)[number]["value"];
export const ROLES = ROLE_OPTIONS.map((r) => r.value) as [Role, ...Role[]];

/** The department's three groups; the stored value is the Chinese name. */
export const GROUP_OPTIONS = [
  { value: "计划组", label: { zh: "计划组", en: "Planning group" } },
  { value: "运营组", label: { zh: "运营组", en: "Operations group" } },
  { value: "数据分析组", label: { zh: "数据分析组", en: "Data-analysis group" } },
] as const satisfies readonly EnumOption[];
export type Group = (typeof GROUP_OPTIONS)[number]["value"];
export const GROUPS = GROUP_OPTIONS.map((g) => g.value) as [Group, ...Group[]];
export const PLANNING_GROUP: Group = "计划组";

export const LANGUAGE_OPTIONS = [
  { value: "zh", label: { zh: "中文", en: "Chinese" } },
  { value: "en", label: { zh: "英文", en: "English" } },
] as const satisfies readonly EnumOption[];

/** Whether a person is active: a dropdown, so an untouched cell reads as its default (在职) and looks it. */
export const ACTIVE_OPTIONS = [
  { value: "active", label: { zh: "在职", en: "Active" } },
  { value: "inactive", label: { zh: "停用", en: "Deactivated" } },
] as const satisfies readonly EnumOption[];

/**
 * 人员名册: the only source of a caller's roles. HR (or a department manager, for
 * their own department) keeps it in a sheet; a person removed from the sheet is
 * deactivated, never deleted.
 */
export const ROSTER = {
  id: "roster",
  version: 1,
  title: { zh: "人员名册", en: "Roster" },
  periodKind: null,
  help: {
    zh: "每行一人。从表中删除的人员会被停用（不会删除，其历史记录保留）。上级和代理对象填写本表中的姓名或邮箱。",
    en: "One person per row. People removed from the sheet are deactivated (never deleted; their history stays). Supervisor and acting-for name people of this sheet by name or email.",
  },
  columns: [
    {
      key: "name",
      type: "text",
      section: "plan",
      required: true,
      width: 90,
      maxLength: 50,
      header: { zh: "姓名", en: "Name" },
      help: { zh: "最多 50 字", en: "At most 50 characters" },
    },
    {
      key: "email",
      type: "email",
      section: "plan",
      required: true,
      width: 200,
      header: { zh: "邮箱", en: "Email" },
      help: { zh: "公司邮箱，每人唯一，用于登录", en: "Company email, one per person; used to sign in" },
    },
    {
      key: "department",
      type: "text",
      section: "plan",
      required: true,
      width: 120,
      maxLength: 50,
      header: { zh: "部门", en: "Department" },
      help: { zh: "所在部门名称", en: "The person's department" },
    },
    {
      key: "group",
      type: "enum",
      section: "plan",
      required: false,
      width: 100,
      options: GROUP_OPTIONS,
      header: { zh: "小组", en: "Group" },
      help: { zh: "计划组 / 运营组 / 数据分析组；不在小组可留空", en: "Planning / Operations / Data-analysis group; empty if none" },
    },
    {
      key: "roles",
      type: "enumList",
      section: "plan",
      required: true,
      width: 140,
      options: ROLE_OPTIONS,
      header: { zh: "角色", en: "Roles" },
      help: {
        zh: "员工、副经理、部门经理、公司管理层、人力资源；多个用顿号分隔",
        en: "Staff, Deputy manager, Department manager, Company management, HR; separate several with commas",
      },
    },
    {
      key: "supervisor",
      type: "text",
      section: "plan",
      required: false,
      width: 110,
      maxLength: 100,
      header: { zh: "上级", en: "Supervisor" },
      help: { zh: "本表中上级的姓名或邮箱；最高层可留空", en: "Name or email of the supervisor in this sheet; empty at the top" },
    },
    {
      key: "actsFor",
      type: "text",
      section: "plan",
      required: false,
      width: 130,
      maxLength: 300,
      header: { zh: "代理", en: "Acting for" },
      help: {
        zh: "副经理代理审批的部门经理（本表中的姓名或邮箱），多个用顿号分隔",
        en: "The department manager(s) this deputy may approve for (names or emails of this sheet), separated by commas",
      },
    },
    {
      key: "language",
      type: "enum",
      section: "plan",
      required: false,
      width: 70,
      options: LANGUAGE_OPTIONS,
      defaultValue: "zh",
      header: { zh: "语言", en: "Language" },
      help: { zh: "通知邮件的语言，默认中文", en: "Language of notifications; Chinese if empty" },
    },
    {
      key: "active",
      type: "enum",
      section: "plan",
      required: false,
      width: 70,
      options: ACTIVE_OPTIONS,
      defaultValue: "active",
      header: { zh: "状态", en: "Status" },
      help: { zh: "在职 / 停用，留空为在职；停用的人员保留历史记录", en: "Active / Deactivated; Active if empty. Deactivated people keep their history" },
    },
  ],
} as const satisfies TemplateDef;
