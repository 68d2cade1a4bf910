import type { Text } from "@planops/shared";
import type { Member } from "@planops/shared/api";
import type { Message } from "./outbox.js";

/** The notifications users receive, both languages each; the recipient's language is chosen at send time. */

interface PlanRef {
  planId: string;
  /** "计划运营部 2027-01 月度计划" in both languages. */
  title: Text;
  revision: number;
  sheetUrl: string;
}

export function planAwaitsApproval(plan: PlanRef, submitter: Member, itemCount: number, approver: Member): Message {
  return {
    id: `plan-submitted:${plan.planId}:r${plan.revision}:${approver.email}`,
    to: approver.email,
    lang: approver.locale,
    subject: { zh: `待审批：${plan.title.zh}（第 ${plan.revision} 版）`, en: `Awaiting approval: ${plan.title.en} (revision ${plan.revision})` },
    body: {
      zh: `${submitter.name} 提交了 ${plan.title.zh}（${itemCount} 项）。请在表格中打开 扩展程序 › 计划运营 › 审批 进行审批：\n${plan.sheetUrl}`,
      en: `${submitter.name} submitted the ${plan.title.en} (${itemCount} items). Open Extensions › 计划运营 › Approvals in the sheet to decide:\n${plan.sheetUrl}`,
    },
  };
}

export function planDecided(plan: PlanRef, decision: "approve" | "return", comment: string, by: Member, to: Member): Message {
  const approved = decision === "approve";
  const note = comment ? { zh: `\n审批意见：${comment}`, en: `\nComment: ${comment}` } : { zh: "", en: "" };
  return {
    id: `plan-decided:${plan.planId}:r${plan.revision}:${to.email}`,
    to: to.email,
    lang: to.locale,
    subject: approved
      ? { zh: `已批准：${plan.title.zh}`, en: `Approved: ${plan.title.en}` }
      : { zh: `已退回：${plan.title.zh}`, en: `Returned: ${plan.title.en}` },
    body: approved
      ? { zh: `${by.name} 批准了第 ${plan.revision} 版。${note.zh}`, en: `${by.name} approved revision ${plan.revision}.${note.en}` }
      : {
          zh: `${by.name} 退回了第 ${plan.revision} 版，请修改后重新提交。${note.zh}`,
          en: `${by.name} returned revision ${plan.revision}; please revise and submit again.${note.en}`,
        },
  };
}

export function tasksIssued(plan: PlanRef, owner: Member, tasks: readonly { taskId: string; content: string; due: string }[]): Message {
  const lines = tasks.map((t) => `• ${t.taskId}  ${t.content}  (${t.due})`).join("\n");
  return {
    id: `plan-issued:${plan.planId}:r${plan.revision}:${owner.email}`,
    to: owner.email,
    lang: owner.locale,
    subject: { zh: `任务下发：${plan.title.zh}（${tasks.length} 项）`, en: `Tasks issued: ${plan.title.en} (${tasks.length})` },
    body: {
      zh: `${plan.title.zh}已下发，你负责以下任务：\n${lines}\n请在表格中更新状态、完成百分比和实际完成时间（扩展程序 › 计划运营 › 更新进度）：\n${plan.sheetUrl}`,
      en: `The ${plan.title.en} has been issued. Your tasks:\n${lines}\nPlease keep status, % complete and actual finish up to date in the sheet (Extensions › 计划运营 › Update progress):\n${plan.sheetUrl}`,
    },
  };
}

export function feedbackReported(task: { taskId: string; content: string }, feedback: string, from: Member, to: Member, feedbackId: string): Message {
  return {
    id: `feedback:${feedbackId}:${to.email}`,
    to: to.email,
    lang: to.locale,
    subject: { zh: `问题反馈：${task.taskId}`, en: `Problem feedback: ${task.taskId}` },
    body: {
      zh: `${from.name} 对任务“${task.content}”（${task.taskId}）反馈了问题：\n${feedback}`,
      en: `${from.name} reported a problem on “${task.content}” (${task.taskId}):\n${feedback}`,
    },
  };
}
