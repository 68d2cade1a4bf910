import { type PersonRef, TASK_STATUSES, type Text } from "@planops/shared";
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

// ——— Reminders and escalation (reminders/run.ts): sent by the scheduled job, one per stage and recipient. ———

/** A live task as a reminder names it. */
export interface TaskReminderRef {
  taskId: string;
  title: string;
  due: string;
  status: string | null;
  percent: number | null;
  /** The plan it belongs to, and where its sheet is (null when the plan record is missing). */
  plan: { title: Text; sheetUrl: string | null };
}

/** A pending approval as a reminder names it. */
export interface ApprovalReminderRef {
  approvalId: string;
  title: Text;
  revision: number;
  itemCount: number;
  submittedBy: PersonRef;
  /** "YYYY-MM-DD HH:mm" in the department's time zone. */
  submittedAt: string;
  sheetUrl: string | null;
}

/** Outbox ids are document ids: no '/' in any part. */
const idPart = (s: string) => s.replace(/\//g, "∕");
const days = (n: number) => ({ zh: `${n} 天`, en: n === 1 ? "1 day" : `${n} days` });
const sheetLine = (url: string | null) => (url ? `\n${url}` : "");

function taskLine(t: TaskReminderRef): Text {
  const status = TASK_STATUSES.find((s) => s.value === t.status)?.label ?? { zh: t.status ?? "—", en: t.status ?? "—" };
  const percent = t.percent === null ? { zh: "", en: "" } : { zh: `，完成 ${t.percent}%`, en: `, ${t.percent}% complete` };
  return {
    zh: `任务：${t.title}（${t.taskId}）\n计划：${t.plan.title.zh}\n截止日期：${t.due}\n当前状态：${status.zh}${percent.zh}`,
    en: `Task: ${t.title} (${t.taskId})\nPlan: ${t.plan.title.en}\nDue: ${t.due}\nStatus now: ${status.en}${percent.en}`,
  };
}

const UPDATE_PROGRESS = {
  zh: "完成后请在表格中更新状态、完成百分比和实际完成时间（扩展程序 › 计划运营 › 更新进度）。如遇困难，请在表格的“问题反馈”中说明，计划组会协调。",
  en: "When it is done, update status, % complete and actual finish in the sheet (Extensions › 计划运营 › Update progress). If something stands in the way, write it in the sheet's feedback column; the planning group will help.",
};

/** 到期提醒: the owner, `daysLeft` days before the due date (0: due today). */
export function taskDueSoon(t: TaskReminderRef, daysLeft: number, owner: Member): Message {
  const when = daysLeft <= 0 ? { zh: "今天到期", en: "is due today" } : { zh: `还有 ${days(daysLeft).zh}到期`, en: `is due in ${days(daysLeft).en}` };
  const line = taskLine(t);
  return {
    id: `remind-due:${idPart(t.taskId)}:${t.due}:${owner.email}`,
    to: owner.email,
    lang: owner.locale,
    subject: { zh: `到期提醒：${t.title}（${t.due} 到期）`, en: `Reminder: ${t.title} is due on ${t.due}` },
    body: {
      zh: `${owner.name}，你好：\n你负责的任务${when.zh}。\n\n${line.zh}\n\n请按时完成。${UPDATE_PROGRESS.zh}${sheetLine(t.plan.sheetUrl)}`,
      en: `Hello ${owner.name},\nA task you own ${when.en}.\n\n${line.en}\n\nPlease finish it on time. ${UPDATE_PROGRESS.en}${sheetLine(t.plan.sheetUrl)}`,
    },
  };
}

/** 逾期通知: the owner, once the task is overdue; says when their supervisor will be told if it stays open. */
export function taskOverdue(t: TaskReminderRef, daysOverdue: number, owner: Member, next: { supervisor: PersonRef; on: string } | undefined): Message {
  const line = taskLine(t);
  const then = next
    ? {
        zh: `\n如到 ${next.on} 仍未完成，将通知你的上级${next.supervisor.name}。`,
        en: `\nIf it is still open on ${next.on}, your supervisor ${next.supervisor.name} will be told.`,
      }
    : { zh: "", en: "" };
  return {
    id: `overdue:${idPart(t.taskId)}:${t.due}:owner:${owner.email}`,
    to: owner.email,
    lang: owner.locale,
    subject: { zh: `任务已逾期：${t.title}（${t.due} 到期）`, en: `Overdue: ${t.title} (due ${t.due})` },
    body: {
      zh: `${owner.name}，你好：\n你负责的任务已逾期 ${days(daysOverdue).zh}。\n\n${line.zh}\n\n请尽快完成。${UPDATE_PROGRESS.zh}${then.zh}${sheetLine(t.plan.sheetUrl)}`,
      en: `Hello ${owner.name},\nA task you own is ${days(daysOverdue).en} overdue.\n\n${line.en}\n\nPlease finish it as soon as you can. ${UPDATE_PROGRESS.en}${then.en}${sheetLine(t.plan.sheetUrl)}`,
    },
  };
}

/** 逾期升级: the owner's supervisor, after the grace period, when the task is still open. */
export function taskOverdueToSupervisor(t: TaskReminderRef, daysOverdue: number, owner: PersonRef, ownerReminded: boolean, supervisor: Member): Message {
  const line = taskLine(t);
  const told = ownerReminded ? { zh: "，已提醒本人", en: `; ${owner.name} has been reminded` } : { zh: "", en: "" };
  return {
    id: `overdue:${idPart(t.taskId)}:${t.due}:supervisor:${supervisor.email}`,
    to: supervisor.email,
    lang: supervisor.locale,
    subject: { zh: `下属任务逾期：${owner.name} · ${t.title}`, en: `Overdue task of ${owner.name}: ${t.title}` },
    body: {
      zh: `${supervisor.name}，你好：\n${owner.name} 负责的任务已逾期 ${days(daysOverdue).zh}，仍未完成${told.zh}。\n\n${line.zh}\n\n请与${owner.name}了解原因并协助推进；如需改期或调整，请联系计划组。${sheetLine(t.plan.sheetUrl)}`,
      en: `Hello ${supervisor.name},\nA task owned by ${owner.name} is ${days(daysOverdue).en} overdue and still open${told.en}.\n\n${line.en}\n\nPlease find out with ${owner.name} what holds it up and help move it on; to reschedule or change it, talk to the planning group.${sheetLine(t.plan.sheetUrl)}`,
    },
  };
}

function approvalLine(a: ApprovalReminderRef): Text {
  return {
    zh: `${a.title.zh}（第 ${a.revision} 版，${a.itemCount} 项），${a.submittedBy.name} 于 ${a.submittedAt} 提交`,
    en: `the ${a.title.en} (revision ${a.revision}, ${a.itemCount} items), submitted by ${a.submittedBy.name} on ${a.submittedAt}`,
  };
}

/** 审批提醒: each approver, when a revision has waited `waitingDays` days. */
export function approvalWaiting(a: ApprovalReminderRef, waitingDays: number, approver: Member): Message {
  const line = approvalLine(a);
  return {
    id: `approval-waiting:${idPart(a.approvalId)}:remind:${approver.email}`,
    to: approver.email,
    lang: approver.locale,
    subject: {
      zh: `审批提醒：${a.title.zh}（第 ${a.revision} 版）已等待 ${days(waitingDays).zh}`,
      en: `Waiting for your approval for ${days(waitingDays).en}: ${a.title.en}`,
    },
    body: {
      zh: `${approver.name}，你好：\n${line.zh}，已等待审批 ${days(waitingDays).zh}。\n请在表格中打开 扩展程序 › 计划运营 › 审批，批准或退回（退回需填写意见）。${sheetLine(a.sheetUrl)}`,
      en: `Hello ${approver.name},\n${line.en.charAt(0).toUpperCase()}${line.en.slice(1)}, has waited ${days(waitingDays).en} for a decision.\nOpen Extensions › 计划运营 › Approvals in the sheet to approve it or return it (with a comment).${sheetLine(a.sheetUrl)}`,
    },
  };
}

/** 审批超时升级: the approvers' supervisor, when the revision has waited too long after the reminder. */
export function approvalEscalated(a: ApprovalReminderRef, waitingDays: number, approvers: readonly PersonRef[], to: Member): Message {
  const line = approvalLine(a);
  const names = { zh: approvers.map((p) => p.name).join("、"), en: approvers.map((p) => p.name).join(", ") };
  return {
    id: `approval-waiting:${idPart(a.approvalId)}:escalate:${to.email}`,
    to: to.email,
    lang: to.locale,
    subject: {
      zh: `审批超时：${a.title.zh}（第 ${a.revision} 版）已等待 ${days(waitingDays).zh}`,
      en: `Approval overdue for ${days(waitingDays).en}: ${a.title.en}`,
    },
    body: {
      zh: `${to.name}，你好：\n${line.zh}，已等待审批 ${days(waitingDays).zh}。审批人${names.zh}已收到提醒，但尚未处理。\n请督促审批人尽快批准或退回。${sheetLine(a.sheetUrl)}`,
      en: `Hello ${to.name},\n${line.en.charAt(0).toUpperCase()}${line.en.slice(1)}, has waited ${days(waitingDays).en} for a decision. ${names.en} ${approvers.length === 1 ? "was" : "were"} reminded but ${approvers.length === 1 ? "has" : "have"} not decided yet.\nPlease ask them to approve or return it soon.${sheetLine(a.sheetUrl)}`,
    },
  };
}
