import { z } from "zod";

const Bilingual = z.object({ zh: z.string(), en: z.string() });

/** A cell as the add-on reads it: Dates arrive as "YYYY-MM-DD" strings, everything else as Sheets gives it. */
export const CellSchema = z.union([z.string().max(5000), z.number(), z.boolean(), z.null()]);

export const SheetRowSchema = z.object({
  row: z.number().int().min(2).describe("1-based sheet row the cells came from"),
  cells: z.array(CellSchema).max(40),
});

/** The table as the add-on sends it: headers and raw cells; the backend is the judge of their meaning. */
export const SheetTableSchema = z.object({
  headers: z.array(z.string().max(200)).min(1).max(40),
  rows: z.array(SheetRowSchema).max(2000),
});

export const SpreadsheetRefSchema = z.object({
  id: z.string().min(1).max(200),
  sheetId: z.number().int(),
  sheetName: z.string().max(200),
});

export const SubmitPlanRequestSchema = SheetTableSchema.extend({
  template: z.object({ id: z.literal("monthly-plan"), version: z.number().int().positive() }),
  period: z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, "period must be YYYY-MM"),
  spreadsheet: SpreadsheetRefSchema,
});
export type SubmitPlanRequest = z.infer<typeof SubmitPlanRequestSchema>;

export const PlanStatusSchema = z.enum(["pending_approval", "returned", "approved", "issued"]);
export type PlanStatus = z.infer<typeof PlanStatusSchema>;

export const TaskStatusSchema = z.enum(["not_started", "in_progress", "done", "blocked", "cancelled"]);

export const RowResultSchema = z.object({
  row: z.number().int(),
  taskId: z.string(),
  status: TaskStatusSchema,
});

export const SubmitPlanResponseSchema = z.object({
  planId: z.string(),
  revision: z.number().int(),
  status: PlanStatusSchema,
  unchanged: z.boolean().describe("true when the content equals the current revision: nothing was written"),
  tasks: z.array(RowResultSchema),
  message: Bilingual,
});
export type SubmitPlanResponse = z.infer<typeof SubmitPlanResponseSchema>;

export const IssuePlanRequestSchema = z.object({ planId: z.string().min(1).max(300) });
export const IssuePlanResponseSchema = z.object({
  planId: z.string(),
  status: PlanStatusSchema,
  notifiedOwners: z.number().int(),
  message: Bilingual,
});

export const UpdateProgressRequestSchema = SheetTableSchema.extend({
  planId: z.string().min(1).max(300),
});
export type UpdateProgressRequest = z.infer<typeof UpdateProgressRequestSchema>;
export const UpdateProgressResponseSchema = z.object({
  planId: z.string(),
  updated: z.number().int(),
  unchanged: z.number().int(),
  skippedNotYours: z.number().int().describe("rows of other people's tasks, left for their owners"),
  feedbackSent: z.number().int(),
  tasks: z.array(RowResultSchema),
  message: Bilingual,
});

export const TaskViewSchema = z.object({
  taskId: z.string(),
  content: z.string(),
  quarterlyItem: z.string(),
  department: z.string(),
  owner: z.object({ email: z.string(), name: z.string() }),
  priority: z.string(),
  start: z.string().nullable(),
  due: z.string(),
  deliverable: z.string(),
  weight: z.number(),
  status: TaskStatusSchema,
  percent: z.number(),
  actualFinish: z.string().nullable(),
  feedback: z.string(),
});
export type TaskView = z.infer<typeof TaskViewSchema>;

export const DecisionSchema = z.object({
  decision: z.enum(["approve", "return"]),
  comment: z.string(),
  by: z.object({ email: z.string(), name: z.string() }),
  actingFor: z.string().nullable(),
  at: z.string(),
  revision: z.number().int(),
});

export const PlanViewSchema = z.object({
  planId: z.string(),
  kind: z.literal("monthly"),
  title: Bilingual,
  period: z.string(),
  department: z.string(),
  status: PlanStatusSchema,
  revision: z.number().int(),
  submittedBy: z.object({ email: z.string(), name: z.string() }),
  submittedAt: z.string(),
  spreadsheetUrl: z.string().nullable(),
  lastDecision: DecisionSchema.nullable(),
  tasks: z.array(TaskViewSchema),
});
export type PlanView = z.infer<typeof PlanViewSchema>;

export const GetPlanRequestSchema = z.object({ planId: z.string().min(1).max(300) });
