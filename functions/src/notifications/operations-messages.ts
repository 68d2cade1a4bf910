import type { Anomaly, Member } from "@planops/shared/api";
import type { Message } from "./outbox.js";

/** The data-analysis group's notices of operations-data anomalies (operations/): one mail per person per notice, listing them. */

const lines = (anomalies: readonly Anomaly[], lang: "zh" | "en") => anomalies.map((a) => `• ${a.message[lang]}`).join("\n");

/** New anomalies found when a month's data was submitted; `notice` numbers that month's notices, so each has its own id. */
export function operationsAnomaliesFound(month: string, anomalies: readonly Anomaly[], submitter: Member, to: Member, notice: number): Message {
  return {
    id: `operations-anomalies:${month}:n${notice}:${to.email}`,
    to: to.email,
    lang: to.locale,
    subject: { zh: `运营数据异常：${month}（${anomalies.length} 项）`, en: `Operations data anomalies: ${month} (${anomalies.length})` },
    body: {
      zh: `${submitter.name} 提交了 ${month} 的运营数据，发现以下数据异常：\n${lines(anomalies, "zh")}\n请核实数据；如数据有误，请更正后重新提交。`,
      en: `${submitter.name} submitted the operations data of ${month}. These values look anomalous:\n${lines(anomalies, "en")}\nPlease check them; if a value is wrong, correct it and submit the sheet again.`,
    },
  };
}

/** Operations data still missing for months that ended a while ago; `notice` numbers the missing-data notices. */
export function operationsDataMissing(anomalies: readonly Anomaly[], to: Member, notice: number): Message {
  const months = [...new Set(anomalies.map((a) => a.period))].sort().join("、");
  return {
    id: `operations-missing:n${notice}:${to.email}`,
    to: to.email,
    lang: to.locale,
    subject: { zh: `运营数据缺失：${months}`, en: `Operations data missing: ${months.split("、").join(", ")}` },
    body: {
      zh: `以下运营数据尚未提交：\n${lines(anomalies, "zh")}\n请用“新建模板 › 运营数据”填写并提交。`,
      en: `These operations figures have not been submitted:\n${lines(anomalies, "en")}\nPlease fill in and submit them with New template › Operations data.`,
    },
  };
}
