import type { Text } from "@planops/shared";
import type { Member } from "@planops/shared/api";
import type { Message } from "../notifications/outbox.js";

/** The notifications of the adjustment workflow, both languages each; ids are deterministic per request, step and recipient. */

export interface AdjustmentRef {
  adjustmentId: string;
  /** The plan's title in both languages. */
  planTitle: Text;
  /** "延期 2027-01-计划运营部-002 上线请假审批流程" in both languages. */
  summary: Text;
  sheetUrl: string;
}

export function adjustmentFiled(a: AdjustmentRef, by: Member, reason: string, to: Member): Message {
  return {
    id: `adjustment-filed:${a.adjustmentId}:${to.email}`,
    to: to.email,
    lang: to.locale,
    subject: { zh: `待审核：调整申请 ${a.adjustmentId}`, en: `To review: adjustment request ${a.adjustmentId}` },
    body: {
      zh: `${by.name} 对${a.planTitle.zh}提出调整申请（${a.summary.zh}）。\n调整原因：${reason}\n请在调整申请表中填写“审核意见”，再点 扩展程序 › 计划运营 › 提交审核意见：\n${a.sheetUrl}`,
      en: `${by.name} filed an adjustment request on the ${a.planTitle.en} (${a.summary.en}).\nReason: ${reason}\nWrite your review opinion in the request sheet, then use Extensions › 计划运营 › Submit review opinions:\n${a.sheetUrl}`,
    },
  };
}

export function adjustmentAwaitsApproval(a: AdjustmentRef, reviewer: Member, opinion: string, to: Member): Message {
  return {
    id: `adjustment-reviewed:${a.adjustmentId}:${to.email}`,
    to: to.email,
    lang: to.locale,
    subject: { zh: `待审批：调整申请 ${a.adjustmentId}`, en: `Awaiting approval: adjustment request ${a.adjustmentId}` },
    body: {
      zh: `${a.planTitle.zh}的调整申请（${a.summary.zh}）已由计划组 ${reviewer.name} 审核。\n审核意见：${opinion}\n请在表格中打开 扩展程序 › 计划运营 › 审批 进行审批：\n${a.sheetUrl}`,
      en: `The adjustment request on the ${a.planTitle.en} (${a.summary.en}) was reviewed by ${reviewer.name} of the planning group.\nReview opinion: ${opinion}\nOpen Extensions › 计划运营 › Approvals in the sheet to decide:\n${a.sheetUrl}`,
    },
  };
}

export function adjustmentDecided(a: AdjustmentRef, approved: boolean, comment: string, by: Member, revision: number | null, to: Member): Message {
  const note = comment ? { zh: `\n审批意见：${comment}`, en: `\nComment: ${comment}` } : { zh: "", en: "" };
  return {
    id: `adjustment-decided:${a.adjustmentId}:${to.email}`,
    to: to.email,
    lang: to.locale,
    subject: approved
      ? { zh: `调整已批准：${a.adjustmentId}`, en: `Adjustment approved: ${a.adjustmentId}` }
      : { zh: `调整已驳回：${a.adjustmentId}`, en: `Adjustment rejected: ${a.adjustmentId}` },
    body: approved
      ? {
          zh: `${by.name} 批准了调整申请（${a.summary.zh}），${a.planTitle.zh}已更新为第 ${revision} 版并重新下达。${note.zh}`,
          en: `${by.name} approved the adjustment request (${a.summary.en}); the ${a.planTitle.en} is now revision ${revision} and re-issued.${note.en}`,
        }
      : {
          zh: `${by.name} 驳回了调整申请（${a.summary.zh}），计划保持不变。${note.zh}`,
          en: `${by.name} rejected the adjustment request (${a.summary.en}); the plan stays as it was.${note.en}`,
        },
  };
}

/** 重新下达: an owner is told what the approved adjustment changed for them, and why. */
export function itemAdjusted(a: AdjustmentRef, revision: number, lines: readonly Text[], reason: string, by: Member, to: Member): Message {
  return {
    id: `adjustment-applied:${a.adjustmentId}:${to.email}`,
    to: to.email,
    lang: to.locale,
    subject: { zh: `计划调整：${a.planTitle.zh}（第 ${revision} 版）`, en: `Plan adjusted: ${a.planTitle.en} (revision ${revision})` },
    body: {
      zh: `${a.planTitle.zh}已调整为第 ${revision} 版（${by.name} 批准），与你相关的变化：\n${lines.map((l) => `• ${l.zh}`).join("\n")}\n调整原因：${reason}\n任务编号不变，请继续在表格中更新进度：\n${a.sheetUrl}`,
      en: `The ${a.planTitle.en} is now revision ${revision} (approved by ${by.name}). What changed for you:\n${lines.map((l) => `• ${l.en}`).join("\n")}\nReason: ${reason}\nTask IDs stay the same; keep updating progress in the sheet:\n${a.sheetUrl}`,
    },
  };
}
