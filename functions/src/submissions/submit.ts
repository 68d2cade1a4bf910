import { findKind, parsePeriod, PERIOD_KIND_LABELS } from "@planops/shared";
import type { SubmitRequest, SubmitResponse } from "@planops/shared/api";
import type { Call, Outcome } from "../platform/context.js";
import { AppError } from "../platform/errors.js";
import { submitPlan } from "../plans/submit-plan.js";

/** A records kind's own handler: what its sheet does when submitted (the roster replaces the roster, …). */
export type RecordsHandler = (call: Call, req: SubmitRequest) => Promise<Outcome<SubmitResponse>>;

/**
 * 提交: any template's sheet. The kind comes from the sheet's marker; a plan kind
 * goes through the one plan workflow, a records kind through its handler.
 */
export async function submit(call: Call, req: SubmitRequest, recordHandlers: Readonly<Record<string, RecordsHandler>>): Promise<Outcome<SubmitResponse>> {
  const kind = findKind(req.template.id, call.deps.kinds);
  if (!kind)
    throw new AppError("BAD_REQUEST", {
      zh: `不认识的模板“${req.template.id}”；请用“新建模板”生成表格`,
      en: `Unknown template “${req.template.id}”; create the sheet with “New template”`,
    });
  const title = kind.template.title;
  if (req.template.version !== kind.template.version) {
    throw new AppError("TEMPLATE_OUTDATED", {
      zh: `这张${title.zh}表格是旧版模板（第 ${req.template.version} 版，现为第 ${kind.template.version} 版），请用“新建模板”重新生成表格，再把内容复制过去`,
      en: `This ${title.en.toLowerCase()} sheet uses an outdated template (version ${req.template.version}; now ${kind.template.version}); create it again with “New template” and copy the rows over`,
    });
  }
  if (kind.flow === "records") {
    const handler = recordHandlers[kind.id];
    if (!handler) throw new Error(`no handler for the records kind ${kind.id}`);
    return handler(call, req);
  }
  const periodKind = kind.template.periodKind;
  const period = periodKind ? parsePeriod(req.period, periodKind) : undefined;
  if (!period || !periodKind) {
    throw new AppError("BAD_REQUEST", {
      zh: `表格的${PERIOD_KIND_LABELS[periodKind ?? "month"].zh}标记“${req.period}”无效；请用“新建模板”重新生成表格`,
      en: `The sheet's ${PERIOD_KIND_LABELS[periodKind ?? "month"].en} marker “${req.period}” is invalid; create the sheet again with “New template”`,
    });
  }
  return submitPlan(call, kind, period, req);
}
