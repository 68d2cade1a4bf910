import type { Member } from "@planops/shared/api";
import type { Message } from "../notifications/outbox.js";

/** To each member of company management, once per report: its id names the period and the recipient. */
export function reportPublished(report: { period: string; url: string }, by: Member, to: Member): Message {
  return {
    id: `report-published:${report.period}:${to.email}`,
    to: to.email,
    lang: to.locale,
    subject: { zh: `数据分析报告已发布：${report.period}`, en: `Data-analysis report published: ${report.period}` },
    body: {
      zh: `${by.name} 发布了 ${report.period} 的数据分析报告，含数据概述、分析方法、分析结果、结论和建议：\n${report.url}`,
      en: `${by.name} published the data-analysis report for ${report.period}: overview, methods, results, conclusions and recommendations:\n${report.url}`,
    },
  };
}
