import { headerRow, MONTHLY_PLAN, type TemplateDef } from "@planops/shared";
import type { RemoteStack } from "./remote-stack.js";

/** A row of a sheet by its Chinese headers; columns left out are empty. */
export type SheetRow = Record<string, string | number | null>;

export interface DirectSubmission {
  documentId: string;
  revision: number;
  rows: { row: number; itemId: string | null; status: string | null }[];
}

/**
 * Submits a sheet of any template straight to the backend (POST /submit), as
 * another add-on user would have: rows by Chinese header, each an item (a row
 * with 编号 / 任务编号 filled keeps that item across revisions).
 */
export async function submitSheet(
  stack: RemoteStack,
  email: string,
  template: TemplateDef,
  period: string,
  rows: readonly SheetRow[],
): Promise<DirectSubmission> {
  const headers = headerRow(template, "zh");
  const body = {
    template: { id: template.id, version: template.version },
    period,
    spreadsheet: { id: "another-spreadsheet", sheetId: 1, sheetName: `${template.title.zh} ${period}` },
    headers,
    rows: rows.map((cells, i) => ({ row: i + 2, cells: headers.map((h) => cells[h] ?? null) })),
  };
  const response = await fetch(`${stack.baseUrl}/submit`, {
    method: "POST",
    headers: { Authorization: `Bearer ${stack.token(email)}`, "Content-Type": "application/json" },
    body: JSON.stringify(body),
  });
  const json = (await response.json()) as Partial<DirectSubmission>;
  if (!response.ok || !json.documentId || !json.rows) throw new Error(`submit failed: ${response.status} ${JSON.stringify(json)}`);
  return json as DirectSubmission;
}

/**
 * Submits a small monthly plan straight to the backend (POST /submit), as another
 * add-on user would have: a second plan for tests that need more than one awaiting
 * approval. Returns the plan id (the response's documentId).
 */
export async function submitPlanDirectly(stack: RemoteStack, email: string, period: string): Promise<string> {
  const row = (content: string, owner: string, due: string) => ({ 任务内容: content, 责任部门: "计划运营部", 责任人: owner, 完成时间: due });
  const submitted = await submitSheet(stack, email, MONTHLY_PLAN, period, [
    row("季度客户回访", "黄敏", `${period}-12`),
    row("更新流程清单", "杨强", `${period}-20`),
  ]);
  return submitted.documentId;
}

/** Approves or returns a plan revision straight at the backend (POST /decide), as an approver elsewhere would. */
export async function decideDirectly(
  stack: RemoteStack,
  email: string,
  request: { planId: string; revision: number; decision: "approve" | "return"; comment?: string },
): Promise<void> {
  const response = await fetch(`${stack.baseUrl}/decide`, {
    method: "POST",
    headers: { Authorization: `Bearer ${stack.token(email)}`, "Content-Type": "application/json" },
    body: JSON.stringify(request),
  });
  if (!response.ok) throw new Error(`decide failed: ${response.status} ${await response.text()}`);
}

/** The month after "YYYY-MM". */
export function monthAfter(period: string): string {
  const [y = 0, m = 0] = period.split("-").map(Number);
  return m === 12 ? `${y + 1}-01` : `${y}-${String(m + 1).padStart(2, "0")}`;
}
