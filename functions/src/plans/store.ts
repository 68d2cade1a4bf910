import type { Firestore, Transaction } from "@google-cloud/firestore";
import type { TaskStatus } from "@planops/shared";
import type { PlanStatus, PlanView, TaskView } from "@planops/shared/api";

export const PLANS = "plans";
export const TASKS = "tasks";

export interface Person {
  email: string;
  name: string;
}

export interface DecisionDoc {
  decision: "approve" | "return";
  comment: string;
  by: Person;
  actingFor: string | null;
  at: string;
  revision: number;
}

export interface PlanDoc {
  kind: "monthly";
  period: string;
  department: string;
  status: PlanStatus;
  revision: number;
  contentHash: string;
  submittedBy: Person;
  submittedAt: string;
  spreadsheet: { id: string; sheetId: number; sheetName: string };
  nextSeq: number;
  taskCount: number;
  lastDecision: DecisionDoc | null;
  issuedAt: string | null;
}

export interface TaskDoc {
  planId: string;
  period: string;
  planDepartment: string;
  /** Copied from the plan so roll-ups can query tasks of approved plans directly. */
  planStatus: PlanStatus;
  department: string;
  owner: Person;
  content: string;
  quarterlyItem: string;
  priority: string;
  start: string | null;
  due: string;
  deliverable: string;
  weight: number;
  status: TaskStatus;
  percent: number;
  actualFinish: string | null;
  feedback: string;
  updatedAt: string;
}

/** Where the plan's sheet lives, for the people told about it. */
export const sheetUrl = (spreadsheet: PlanDoc["spreadsheet"]) =>
  `https://docs.google.com/spreadsheets/d/${encodeURIComponent(spreadsheet.id)}/edit#gid=${spreadsheet.sheetId}`;

export const monthlyPlanId = (period: string, department: string) => `monthly_${period}_${department}`;

export const planTitle = (p: Pick<PlanDoc, "period" | "department">) => ({
  zh: `${p.department} ${p.period} 月度计划`,
  en: `${p.department} monthly plan ${p.period}`,
});

export const planRef = (db: Firestore, planId: string) => db.collection(PLANS).doc(planId);
export const tasksOfPlan = (db: Firestore, planId: string) => db.collection(TASKS).where("planId", "==", planId);

export async function readPlanInTx(tx: Transaction, db: Firestore, planId: string) {
  const [plan, tasks] = await Promise.all([tx.get(planRef(db, planId)), tx.get(tasksOfPlan(db, planId))]);
  return {
    plan: plan.exists ? (plan.data() as PlanDoc) : undefined,
    tasks: tasks.docs.map((d) => ({ id: d.id, ref: d.ref, data: d.data() as TaskDoc })),
  };
}

export function taskView(id: string, t: TaskDoc): TaskView {
  return {
    taskId: id,
    content: t.content,
    quarterlyItem: t.quarterlyItem,
    department: t.department,
    owner: t.owner,
    priority: t.priority,
    start: t.start,
    due: t.due,
    deliverable: t.deliverable,
    weight: t.weight,
    status: t.status,
    percent: t.percent,
    actualFinish: t.actualFinish,
    feedback: t.feedback,
  };
}

export function planView(planId: string, p: PlanDoc, tasks: { id: string; data: TaskDoc }[]): PlanView {
  return {
    planId,
    kind: p.kind,
    title: planTitle(p),
    period: p.period,
    department: p.department,
    status: p.status,
    revision: p.revision,
    submittedBy: p.submittedBy,
    submittedAt: p.submittedAt,
    spreadsheetUrl: sheetUrl(p.spreadsheet),
    lastDecision: p.lastDecision,
    tasks: tasks
      .map((t) => taskView(t.id, t.data))
      .sort((a, b) => a.taskId.localeCompare(b.taskId)),
  };
}
