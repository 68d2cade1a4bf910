import type { z } from "zod";
import type { MemberSchema } from "@planops/shared/api";

export const DEMO_DEPARTMENT = "计划运营部";

/** The seeded demo organisation: a department with its manager, deputies, three groups, HR and management. */
export const DEMO_ROSTER: z.input<typeof MemberSchema>[] = [
  { email: "zhangwei@demo.planops.cn", name: "张伟", department: DEMO_DEPARTMENT, group: null, roles: ["manager"], supervisor: "liuyang@demo.planops.cn" },
  { email: "wangfang@demo.planops.cn", name: "王芳", department: DEMO_DEPARTMENT, group: null, roles: ["deputy"], supervisor: "zhangwei@demo.planops.cn", actsFor: ["zhangwei@demo.planops.cn"] },
  { email: "zhaolei@demo.planops.cn", name: "赵磊", department: DEMO_DEPARTMENT, group: null, roles: ["deputy"], supervisor: "zhangwei@demo.planops.cn" },
  { email: "liming@demo.planops.cn", name: "李明", department: DEMO_DEPARTMENT, group: "计划组", roles: ["staff"], supervisor: "wangfang@demo.planops.cn" },
  { email: "chenjing@demo.planops.cn", name: "陈静", department: DEMO_DEPARTMENT, group: "计划组", roles: ["staff"], supervisor: "wangfang@demo.planops.cn" },
  { email: "yangqiang@demo.planops.cn", name: "杨强", department: DEMO_DEPARTMENT, group: "运营组", roles: ["staff"], supervisor: "zhaolei@demo.planops.cn" },
  { email: "huangmin@demo.planops.cn", name: "黄敏", department: DEMO_DEPARTMENT, group: "运营组", roles: ["staff"], supervisor: "zhaolei@demo.planops.cn" },
  { email: "zhoujie@demo.planops.cn", name: "周杰", department: DEMO_DEPARTMENT, group: "数据分析组", roles: ["staff"], supervisor: "zhaolei@demo.planops.cn", locale: "en" },
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
