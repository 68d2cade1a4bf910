import * as z from "zod";
import { TASK_STATUSES } from "../templates/monthly-plan.js";
import { BilingualSchema, DocIdSchema, PersonSchema } from "./common.js";

/**
 * A cell as the add-on reads it: Dates arrive as "YYYY-MM-DD" strings, everything else as Sheets gives it.
 * Any text a Sheets cell can hold (50,000 characters) is let through, so that text over a column's own
 * limit comes back as that cell's TOO_LONG, marked in the sheet, not as a malformed request.
 */
export const CellSchema = z.union([z.string().max(50_000), z.number(), z.boolean(), z.null()]);

export const SheetRowSchema = z.object({
  row: z.number().int().min(2).max(1_000_000).describe("1-based sheet row the cells came from"),
  cells: z.array(CellSchema).max(40),
});

/** The table as the add-on sends it: headers and raw cells; the backend is the judge of their meaning. */
export const SheetTableSchema = z.object({
  headers: z.array(z.string().max(200)).min(1).max(40),
  rows: z.array(SheetRowSchema).max(2000),
});
export type SheetTable = z.infer<typeof SheetTableSchema>;

export const SpreadsheetRefSchema = z.object({
  id: z.string().min(1).max(200),
  sheetId: z.number().int(),
  sheetName: z.string().max(200),
});

/** Any template's sheet: the template and version from the sheet's marker, its period ("" for the roster). */
export const SubmitRequestSchema = SheetTableSchema.extend({
  template: z.object({ id: z.string().min(1).max(100), version: z.number().int().positive() }),
  period: z.string().max(10).default(""),
  spreadsheet: SpreadsheetRefSchema,
});
export type SubmitRequest = z.infer<typeof SubmitRequestSchema>;

export const PlanStatusSchema = z.enum(["pending_approval", "returned", "approved", "issued"]);
export type PlanStatus = z.infer<typeof PlanStatusSchema>;

export const TaskStatusSchema = z.enum(TASK_STATUSES.map((s) => s.value) as [string, ...string[]]);

/** What the add-on writes back into a row: the item's ID and, where the template has one, its status. */
export const RowResultSchema = z.object({
  row: z.number().int(),
  itemId: z.string().nullable(),
  status: z.string().nullable(),
});
export type RowResult = z.infer<typeof RowResultSchema>;

export const SubmitResponseSchema = z.object({
  kind: z.string().describe("the template id"),
  documentId: z.string().describe("the plan id, or the records' id (roster, steps)"),
  revision: z.number().int().nullable(),
  status: z.string().nullable(),
  unchanged: z.boolean().describe("true when nothing differs from what is stored: nothing was written"),
  rows: z.array(RowResultSchema),
  message: BilingualSchema,
});
export type SubmitResponse = z.infer<typeof SubmitResponseSchema>;

export const PlanIdRequestSchema = z.object({ planId: DocIdSchema });

export const IssuePlanResponseSchema = z.object({
  planId: z.string(),
  status: PlanStatusSchema,
  notifiedOwners: z.number().int(),
  message: BilingualSchema,
});

export const UpdateProgressRequestSchema = SheetTableSchema.extend({ planId: DocIdSchema });
export type UpdateProgressRequest = z.infer<typeof UpdateProgressRequestSchema>;
export const UpdateProgressResponseSchema = z.object({
  planId: z.string(),
  updated: z.number().int(),
  unchanged: z.number().int(),
  skippedNotYours: z.number().int().describe("rows of other people's tasks, left for their owners"),
  feedbackSent: z.number().int(),
  rows: z.array(RowResultSchema),
  message: BilingualSchema,
});

export const FieldValueSchema = z.union([z.string(), z.number(), z.boolean(), z.null(), PersonSchema, z.array(z.string())]);

export const StepSchema = z.object({ step: z.string(), planned: z.string(), done: z.boolean() });
export type Step = z.infer<typeof StepSchema>;

/** One item of a plan: its template fields, and the parts every plan item has. */
export const ItemViewSchema = z.object({
  itemId: z.string(),
  row: z.number().int().nullable().describe("the sheet row at the plan's last submission; null when unknown (added by an adjustment)"),
  title: z.string(),
  fields: z.record(z.string(), FieldValueSchema).describe("the template's columns by key"),
  owner: PersonSchema.nullable(),
  department: z.string().nullable(),
  start: z.string().nullable(),
  due: z.string().nullable(),
  weight: z.number(),
  parentItem: z.string().nullable(),
  status: z.string().nullable(),
  percent: z.number().nullable(),
  actualFinish: z.string().nullable(),
  feedback: z.string(),
  steps: z.array(StepSchema),
});
export type ItemView = z.infer<typeof ItemViewSchema>;

export const DecisionSchema = z.object({
  decision: z.enum(["approve", "return"]),
  comment: z.string(),
  by: PersonSchema,
  actingFor: z.string().nullable(),
  at: z.string(),
  revision: z.number().int(),
});

export const PlanViewSchema = z.object({
  planId: z.string(),
  kind: z.string().describe("the template id"),
  title: BilingualSchema,
  period: z.string(),
  department: z.string(),
  status: PlanStatusSchema,
  revision: z.number().int().describe("the revision shown"),
  latestRevision: z.number().int(),
  approvedRevision: z.number().int().nullable(),
  approver: BilingualSchema.describe("who decides on this plan"),
  submittedBy: PersonSchema,
  submittedAt: z.string(),
  spreadsheetUrl: z.string().nullable(),
  lastDecision: DecisionSchema.nullable(),
  items: z.array(ItemViewSchema),
});
export type PlanView = z.infer<typeof PlanViewSchema>;

/** A decision of the plan's history: a decision as stored, with the name of the manager a deputy acted for. */
export const HistoryEntrySchema = DecisionSchema.extend({
  actingForName: z.string().nullable().describe("the name of the manager a deputy decided for; null when the approver decided as themselves"),
});
export type HistoryEntry = z.infer<typeof HistoryEntrySchema>;

/** One column of an item that differs between two revisions. */
export const FieldChangeSchema = z.object({
  key: z.string().describe("the template column's key (its header comes from the template)"),
  from: FieldValueSchema,
  to: FieldValueSchema,
});

/** How one item differs from the revision before: added, removed, or changed in some columns. */
export const ItemChangeSchema = z.object({
  itemId: z.string(),
  kind: z.enum(["added", "removed", "changed"]),
  title: z.string().describe("the item's title (as it was, for a removed item)"),
  fields: z.array(FieldChangeSchema).describe("the columns that changed; empty for added and removed items"),
});
export type ItemChange = z.infer<typeof ItemChangeSchema>;

/** What getPlan answers: the plan, and what an approver needs to decide on it. */
export const PlanDetailsSchema = PlanViewSchema.extend({
  timeZone: z.string().describe("the department's time zone (IANA name): submission and decision times are shown in it"),
  history: z.array(HistoryEntrySchema).describe("the decision on every decided revision, oldest first"),
  changesSince: z.number().int().nullable().describe("the revision `changes` compares the shown one with (the one before it); null for the first"),
  changes: z.array(ItemChangeSchema).describe("what differs from revision `changesSince`, by item ID"),
  parents: z.array(z.object({ itemId: z.string(), title: z.string() })).describe("the titles of the parent items the shown items name"),
});
export type PlanDetails = z.infer<typeof PlanDetailsSchema>;

export const GetPlanRequestSchema = z.object({
  planId: DocIdSchema,
  revision: z.coerce.number().int().positive().optional().describe("a stored revision to read back; the latest if absent"),
});

export const ReferenceOptionsRequestSchema = z.object({
  template: z.string().min(1).max(100).describe("the template whose reference columns need options"),
  period: z.string().max(10),
});
export const ReferenceOptionsResponseSchema = z.object({
  columns: z.array(
    z.object({
      key: z.string(),
      parentPlanId: z.string().nullable(),
      parentStatus: PlanStatusSchema.nullable().describe("null when the parent plan does not exist"),
      options: z.array(z.object({ itemId: z.string(), title: z.string(), label: z.string() })),
    }),
  ),
});

export const PlanProgressResponseSchema = z.object({
  planId: z.string(),
  items: z.array(
    z.object({
      itemId: z.string(),
      title: z.string(),
      progress: z.number().nullable().describe("0–100: weighted mean of the children's % complete; own % complete without children"),
      children: z.number().int(),
    }),
  ),
});
export type PlanProgress = z.infer<typeof PlanProgressResponseSchema>;
