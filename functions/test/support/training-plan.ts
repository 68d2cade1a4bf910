import { itemIdColumn, type PlanKind, type TemplateDef } from "@planops/shared";

/**
 * A plan kind the product does not have: a monthly training plan (培训计划). It is
 * declared here and nothing else. The backend test adds it to the registry the
 * functions are built with (plans/custom-kind.test.ts); the add-on test builds its
 * sheet (sheets-addon/test/unit/made-up-template.test.ts).
 */
export const TRAINING_PLAN = {
  id: "training-plan",
  version: 1,
  title: { zh: "培训计划", en: "Training plan" },
  periodKind: "month",
  columns: [
    itemIdColumn({ zh: "编号", en: "Item ID" }),
    {
      key: "topic",
      type: "text",
      section: "plan",
      required: true,
      width: 200,
      maxLength: 50,
      header: { zh: "培训主题", en: "Topic" },
      help: { zh: "最多 50 字", en: "At most 50 characters" },
    },
    {
      key: "format",
      type: "enum",
      section: "plan",
      required: true,
      width: 90,
      options: [
        { value: "internal", label: { zh: "内部培训", en: "Internal" } },
        { value: "external", label: { zh: "外部培训", en: "External" } },
        { value: "online", label: { zh: "线上课程", en: "Online" } },
      ],
      header: { zh: "形式", en: "Format" },
      help: { zh: "内部培训 / 外部培训 / 线上课程", en: "Internal / External / Online" },
    },
    {
      key: "hours",
      type: "number",
      section: "plan",
      required: true,
      width: 60,
      min: 0.5,
      max: 40,
      header: { zh: "学时", en: "Hours" },
      help: { zh: "0.5–40", en: "0.5 to 40" },
    },
    {
      key: "trainer",
      type: "person",
      section: "plan",
      required: true,
      width: 100,
      header: { zh: "讲师", en: "Trainer" },
      help: { zh: "人员名册中的姓名", en: "A name from the roster" },
    },
    {
      key: "date",
      type: "date",
      section: "plan",
      required: true,
      width: 100,
      header: { zh: "培训日期", en: "Date" },
      help: { zh: "计划月份内的日期", en: "A date within the plan month" },
    },
    {
      key: "certified",
      type: "boolean",
      section: "progress",
      required: false,
      width: 60,
      header: { zh: "已发证书", en: "Certified" },
      help: { zh: "发放证书后勾选", en: "Tick once certificates are issued" },
    },
  ],
} as const satisfies TemplateDef;

export const TRAINING_PLAN_KIND: PlanKind = {
  id: TRAINING_PLAN.id,
  flow: "plan",
  slug: "training",
  template: TRAINING_PLAN,
  roles: { title: "topic", owner: "trainer", due: "date" },
  approval: "department-manager",
  issuedAfterApproval: false,
};
