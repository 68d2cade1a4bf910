import { MONTHLY_PLAN, headerRow } from "@planops/shared";
import type { RemoteStack } from "./remote-stack.js";

/**
 * Submits a small monthly plan straight to the backend (POST /submit), as another
 * add-on user would have: a second plan for tests that need more than one awaiting
 * approval. Returns the plan id (the response's documentId).
 */
export async function submitPlanDirectly(stack: RemoteStack, email: string, period: string): Promise<string> {
  const headers = headerRow(MONTHLY_PLAN, "zh");
  const row = (content: string, owner: string, due: string) =>
    headers.map((h) => ({ 任务内容: content, 责任部门: "计划运营部", 责任人: owner, 完成时间: due })[h] ?? null);
  const body = {
    template: { id: MONTHLY_PLAN.id, version: MONTHLY_PLAN.version },
    period,
    spreadsheet: { id: "another-spreadsheet", sheetId: 1, sheetName: `月度计划 ${period}` },
    headers,
    rows: [
      { row: 2, cells: row("季度客户回访", "黄敏", `${period}-12`) },
      { row: 3, cells: row("更新流程清单", "杨强", `${period}-20`) },
    ],
  };
  const response = await fetch(`${stack.baseUrl}/submit`, {
    method: "POST",
    headers: { Authorization: `Bearer ${stack.token(email)}`, "Content-Type": "application/json" },
    body: JSON.stringify(body),
  });
  const json = (await response.json()) as { documentId?: string };
  if (!response.ok || !json.documentId) throw new Error(`submit failed: ${response.status} ${JSON.stringify(json)}`);
  return json.documentId;
}

/** The month after "YYYY-MM". */
export function monthAfter(period: string): string {
  const [y = 0, m = 0] = period.split("-").map(Number);
  return m === 12 ? `${y + 1}-01` : `${y}-${String(m + 1).padStart(2, "0")}`;
}
