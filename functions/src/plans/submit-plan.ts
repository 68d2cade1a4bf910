import { createHash } from "node:crypto";
import {
  APPROVAL_POLICIES,
  type FieldValue,
  type PersonRef,
  type Period,
  type PlanKind,
  periodBounds,
  periodContains,
  type RecordOf,
  type TemplateDef,
} from "@planops/shared";
import type { CellError, ItemView, SubmitRequest, SubmitResponse } from "@planops/shared/api";
import { loadActiveDelegations } from "../approvals/delegations.js";
import { decidersOf, type Routing, submitterSetAside } from "../approvals/policies.js";
import { openApproval } from "../approvals/records.js";
import { recordSubmission } from "../audit/changes.js";
import { loadDepartmentSettings } from "../approvals/settings.js";
import { planAwaitsApproval } from "../notifications/messages.js";
import { enqueue } from "../notifications/outbox.js";
import { type Call, type Outcome, today } from "../platform/context.js";
import { AppError } from "../platform/errors.js";
import { activeMembers, loadRoster, overseesDepartment } from "../roster/roster.js";
import { type Fail, type ReadRow, readRecords } from "../sheets/read-records.js";
import { cellError, type ColumnMap, columnPosition } from "../sheets/table.js";
import { assignItemIds } from "./assign-item-ids.js";
import { isApproved, loadParentPlan, referenceResolver } from "./references.js";
import { estimatedBytes, prepareRevision, RevisionTooLargeForCommit, stageRevisionChunks } from "./revisions.js";
import { ITEMS, type ItemDoc, itemView, type PlanDoc, planIdOf, planRef, planTitle, readPlanInTx, sheetUrl, type ItemContent } from "./store.js";
import { recordItemRemoval } from "../rollups/item-removals.js";

/** What a submission's item writes may add up to (estimated as JSON), leaving room in Firestore's 10 MiB commit for the rest. */
const MAX_ITEMS_BYTES = 9 * 1024 * 1024;

/** A row of a plan as drafted: its template values and the parts every plan item has. */
interface Draft extends ItemContent {
  row: number;
  itemId: string | null;
}

const asString = (v: unknown): string | null => (typeof v === "string" && v !== "" ? v : null);
const asPerson = (v: unknown): PersonRef | null => (typeof v === "object" && v !== null && "email" in v ? (v as PersonRef) : null);

/** The row's values through the kind's roles: what the generic workflow reads of any plan template. */
function draftOf(kind: PlanKind, r: ReadRow<TemplateDef>): Draft {
  const v = r.values as Record<string, unknown>;
  const role = (key: string | undefined) => (key ? v[key] : undefined);
  const fields: Record<string, FieldValue> = {};
  for (const c of kind.template.columns) if (c.section === "plan") fields[c.key] = v[c.key] as FieldValue;
  const idKey = kind.template.columns.find((c) => c.type === "id")?.key;
  return {
    row: r.row,
    itemId: asString(role(idKey)),
    fields,
    title: asString(role(kind.roles.title)) ?? "",
    owner: asPerson(role(kind.roles.owner)),
    department: asString(role(kind.roles.department)),
    start: asString(role(kind.roles.start)),
    due: asString(role(kind.roles.due)),
    weight: typeof role(kind.roles.weight) === "number" ? (role(kind.roles.weight) as number) : 1,
    parentItem: asString(role(kind.roles.parent)),
  };
}

/** Identity of a row without an ID: the same title, owner and due date is the same item. */
const identityOf = (t: { title: string; owner: PersonRef | null; due: string | null }) => `${t.title}\u0000${t.owner?.email ?? ""}\u0000${t.due ?? ""}`;

/** The plan's content, independent of row order and of progress columns: equal hashes mean nothing to approve. */
export function contentHash(drafts: readonly Pick<Draft, "fields">[]): string {
  const canonical = drafts.map((d) => JSON.stringify(Object.entries(d.fields).sort(([a], [b]) => a.localeCompare(b)))).sort();
  return createHash("sha256").update(canonical.join("\n")).digest("hex");
}

const validationFailed = (cells: CellError[]) =>
  new AppError(
    "VALIDATION_FAILED",
    { zh: `有 ${cells.length} 处错误，已在表格中标出；整份计划未保存`, en: `${cells.length} problem(s), marked in the sheet; nothing was saved` },
    cells,
  );

/** Cross-field rules every plan has, through its roles: dates within the period, start not after due. */
function planRowRule(kind: PlanKind, period: Period) {
  const { first, last } = periodBounds(period);
  const { start: startKey, due: dueKey } = kind.roles;
  return (values: RecordOf<TemplateDef>, fail: Fail) => {
    const v = values as Record<string, unknown>;
    const due = dueKey ? asString(v[dueKey]) : null;
    const start = startKey ? asString(v[startKey]) : null;
    if (dueKey && due && !periodContains(period, due)) {
      fail(dueKey, "DUE_OUTSIDE_PERIOD", {
        zh: `${due} 不在计划期间 ${period.id}（${first} 至 ${last}）内`,
        en: `${due} is outside the plan period ${period.id} (${first} to ${last})`,
      });
    }
    if (startKey && start && due && start > due) {
      fail(startKey, "START_AFTER_DUE", { zh: `开始时间 ${start} 晚于完成时间 ${due}`, en: `start ${start} is after the due date ${due}` });
    }
  };
}

/** The same item twice, or one ID on two rows (a copied row), is refused with both rows named. */
function duplicateErrors(drafts: readonly Draft[], map: ColumnMap, kind: PlanKind): CellError[] {
  const errors: CellError[] = [];
  const seenKey = new Map<string, number>();
  const seenId = new Map<string, number>();
  const at = (key: string | undefined) => columnPosition(map, key ?? "");
  for (const d of drafts) {
    const firstRow = seenKey.get(identityOf(d));
    if (firstRow !== undefined) {
      const { column, header } = at(kind.roles.title);
      errors.push(
        cellError(d.row, column, header, "DUPLICATE_ROW", {
          zh: `与第 ${firstRow} 行重复（内容、责任人、完成时间相同）；请删除其中一行`,
          en: `duplicates row ${firstRow} (same item, owner and due date); delete one of them`,
        }),
      );
    } else seenKey.set(identityOf(d), d.row);
    if (d.itemId) {
      const idRow = seenId.get(d.itemId);
      if (idRow !== undefined) {
        const { column, header } = at(kind.template.columns.find((c) => c.type === "id")?.key);
        errors.push(
          cellError(d.row, column, header, "DUPLICATE_ITEM_ID", {
            zh: `编号与第 ${idRow} 行相同（可能是复制的行）；新的一行请清空编号`,
            en: `same ID as row ${idRow} (a copied row?); clear the ID of a new row`,
          }),
        );
      } else seenId.set(d.itemId, d.row);
    }
  }
  return errors;
}

/**
 * Submits any plan kind: the whole table is accepted or nothing is written.
 * Identical content is a no-op; changed content before approval is a new
 * revision (stored whole, with its own approval record); after approval,
 * changes must go through a plan adjustment.
 */
export async function submitPlan({ deps, caller }: Call, kind: PlanKind, period: Period, req: SubmitRequest): Promise<Outcome<SubmitResponse>> {
  const department = caller.department;
  if (!overseesDepartment(caller, department)) {
    throw new AppError("FORBIDDEN", {
      zh: `只有计划组成员或部门经理、副经理可以提交${kind.template.title.zh}`,
      en: `Only the planning group, the department manager or a deputy may submit a ${kind.template.title.en.toLowerCase()}`,
    });
  }
  const [roster, parent] = await Promise.all([loadRoster(deps.db), loadParentPlan(deps.db, kind, period, department, deps.kinds)]);
  const rowRule = planRowRule(kind, period);
  const parentKey = kind.roles.parent;
  const { rows, errors, map } = readRecords(
    kind.template,
    req,
    { roster, ...(parent ? { reference: referenceResolver(parent) } : {}) },
    {
      sections: ["plan"],
      rowRule: (values, fail) => {
        rowRule(values, fail);
        // With an approved parent plan, every item must say which of its items it serves.
        if (parent && parentKey && isApproved(parent.plan) && !asString((values as Record<string, unknown>)[parentKey])) {
          fail(parentKey, "REFERENCE_REQUIRED", {
            zh: `请从下拉列表选择（${parent.period.id} 已有批准的上级计划）`,
            en: `choose one from the list (${parent.period.id} has an approved parent plan)`,
          });
        }
      },
    },
  );
  if (errors.length > 0) throw validationFailed(errors);
  const drafts = rows.map((r) => draftOf(kind, r));
  const duplicates = duplicateErrors(drafts, map, kind);
  if (duplicates.length > 0) throw validationFailed(duplicates);
  if (drafts.length === 0) {
    throw new AppError("VALIDATION_FAILED", { zh: "表格中没有内容，请至少填写一行", en: "The sheet has no rows; fill in at least one" }, []);
  }

  const planId = planIdOf(kind, period.id, department);
  const idPrefix = `${period.id}-${department}`;
  const hash = contentHash(drafts);
  const now = deps.now();
  const at = now.toISOString();
  const title = planTitle(kind, { period: period.id, department });
  const [settings, delegations] = await Promise.all([loadDepartmentSettings(deps.db, department), loadActiveDelegations(deps.db, today(deps))]);
  const routing: Routing = {
    policy: kind.approval,
    department,
    submittedBy: { email: caller.email, name: caller.name },
    submitterMayDecide: settings.approvals.submitterMayDecide,
  };
  const deciders = decidersOf(routing, activeMembers(roster), delegations);

  const attempt = () =>
    deps.db.runTransaction(async (tx): Promise<Outcome<SubmitResponse>> => {
      const { plan, items: existing } = await readPlanInTx(tx, deps.db, planId);
      // Items of other kinds' plans of this period and department share the ID prefix: new IDs must not take theirs.
      const samePrefix = await tx.get(deps.db.collection(ITEMS).where("period", "==", period.id).where("planDepartment", "==", department));
      const taken = new Set(samePrefix.docs.filter((d) => (d.data() as ItemDoc).planId !== planId).map((d) => d.id));
      const assigned = assignItemIds(
        drafts.map((d) => ({ row: d.row, itemId: d.itemId, key: identityOf(d) })),
        existing.map((e) => ({ id: e.id, key: identityOf(e.data) })),
        plan?.nextSeq ?? 1,
        idPrefix,
        taken,
      );
      if (assigned.unknownIdRows.length > 0) {
        const { column, header } = columnPosition(map, kind.template.columns.find((c) => c.type === "id")?.key ?? "");
        throw validationFailed(
          assigned.unknownIdRows.map((d) =>
            cellError(d.row, column, header, "UNKNOWN_ITEM_ID", {
              zh: `编号 ${d.itemId} 不属于本计划；新的一行请清空编号`,
              en: `${d.itemId} is not an item of this plan; clear the ID of a new row`,
            }),
          ),
        );
      }
      const existingById = new Map(existing.map((e) => [e.id, e.data]));
      const statusOf = (itemId: string) => existingById.get(itemId)?.status ?? (kind.roles.status ? "not_started" : null);
      const rowsOut = drafts.map((d) => {
        const itemId = assigned.ids.get(d.row) ?? "";
        return { row: d.row, itemId, status: statusOf(itemId) };
      });

      if (plan && plan.contentHash === hash) {
        const message =
          plan.status === "returned"
            ? {
                zh: "内容与被退回的版本相同，未重新提交；请按审批意见修改后再提交",
                en: "Same content as the returned revision; nothing was resubmitted. Revise it as the approver asked, then submit",
              }
            : { zh: "内容未变化，无需重新提交", en: "Nothing changed; nothing was resubmitted" };
        return { body: { kind: kind.id, documentId: planId, revision: plan.revision, status: plan.status, unchanged: true, rows: rowsOut, message } };
      }
      if (isApproved(plan)) {
        throw new AppError("PLAN_LOCKED", {
          zh: "该计划已批准，不能直接修改；请提交计划调整申请",
          en: "This plan is already approved and cannot be changed directly; file a plan adjustment request",
        });
      }

      // Separation of duties must not leave a revision nobody may decide: the submitter, an approver, has no one beside or above them.
      if (deciders.length === 0 && submitterSetAside(routing, roster, delegations)) {
        throw new AppError("FORBIDDEN", {
          zh: `除你之外没有人可以审批这份${kind.template.title.zh}（提交人不能审批自己提交的版本）；请在人员名册中为你设置上级，或由其他人提交`,
          en: `Nobody but you could decide on this ${kind.template.title.en.toLowerCase()} (a submitter may not decide on their own revision); set your supervisor in the roster, or have someone else submit it`,
        });
      }

      const revision = (plan?.revision ?? 0) + 1;
      const docs = drafts.map((d) => {
        const itemId = assigned.ids.get(d.row) ?? "";
        const before = existingById.get(itemId);
        const doc: ItemDoc = {
          planId,
          kind: kind.id,
          period: period.id,
          planDepartment: department,
          planStatus: "pending_approval",
          fields: d.fields,
          row: d.row,
          title: d.title,
          owner: d.owner,
          department: d.department,
          start: d.start,
          due: d.due,
          weight: d.weight,
          parentItem: d.parentItem,
          parentPlanId: d.parentItem && parent ? parent.planId : null,
          status: before?.status ?? (kind.roles.status ? "not_started" : null),
          percent: before?.percent ?? (kind.roles.percent ? 0 : null),
          actualFinish: before?.actualFinish ?? null,
          feedback: before?.feedback ?? "",
          steps: before?.steps ?? [],
          updatedAt: at,
        };
        return { ref: deps.db.collection(ITEMS).doc(itemId), doc, isNew: !before };
      });
      const views: ItemView[] = docs.map(({ ref, doc }) => itemView(ref.id, doc));
      const submittedBy = routing.submittedBy;
      // The revision's chunks are read before anything is written; they go into this commit only if it stays within Firestore's limit.
      const itemBytes = docs.reduce((sum, { ref, doc }) => sum + estimatedBytes(ref, doc), 0);
      // The items themselves must commit together (all or nothing). Within the templates' limits and the API's 2 MB they stay
      // well under Firestore's 10 MiB (size-limits.test.ts); should a template ever allow more, say so instead of failing inside.
      if (itemBytes > MAX_ITEMS_BYTES) {
        throw new AppError("PAYLOAD_TOO_LARGE", {
          zh: `这份${kind.template.title.zh}的内容过多，无法一次保存；请拆分表格或精简内容`,
          en: `This ${kind.template.title.en.toLowerCase()} holds too much to be saved at once; split the sheet or shorten its text`,
        });
      }
      const writeRevision = await prepareRevision(tx, deps.db, planId, { revision, contentHash: hash, submittedBy, submittedAt: at }, views, itemBytes);

      for (const { ref, doc, isNew } of docs) {
        // A new item is created, never set: should two plans ever race for one ID, the later fails instead of overwriting.
        if (isNew) tx.create(ref, doc);
        else tx.set(ref, doc);
      }
      for (const id of assigned.removed) tx.delete(deps.db.collection(ITEMS).doc(id));
      for (const id of assigned.removed) recordItemRemoval(tx, deps.db, id, at);

      const next: PlanDoc = {
        kind: kind.id,
        templateVersion: kind.template.version,
        period: period.id,
        department,
        status: "pending_approval",
        revision,
        contentHash: hash,
        submittedBy,
        submittedAt: at,
        spreadsheet: req.spreadsheet,
        nextSeq: assigned.nextSeq,
        itemCount: drafts.length,
        lastDecision: plan?.lastDecision ?? null,
        approvedRevision: plan?.approvedRevision ?? null,
        issuedAt: null,
      };
      tx.set(planRef(deps.db, planId), next);
      writeRevision();
      recordSubmission(tx, deps.db, {
        planId,
        by: caller,
        at,
        revision,
        itemCount: drafts.length,
        before: plan,
        existing,
        next: docs,
        removed: assigned.removed,
      });
      openApproval(
        tx,
        deps.db,
        {
          subject: { type: "plan", id: planId },
          revision,
          kind: kind.id,
          policy: kind.approval,
          department,
          period: period.id,
          title,
          status: "pending",
          submittedBy,
          submittedAt: at,
          itemCount: drafts.length,
          decision: null,
        },
        plan ? { revision: plan.revision, pending: plan.status === "pending_approval" } : undefined,
      );
      const ref = { planId, title, revision, sheetUrl: sheetUrl(req.spreadsheet) };
      const outbox = enqueue(
        tx,
        deps.db,
        deciders.map((a) => planAwaitsApproval(ref, caller, drafts.length, a)),
        now,
      );
      const who = APPROVAL_POLICIES[kind.approval].short;
      // The submitter is one of the policy's approvers but may not decide on their own revision: say who will.
      const routed = submitterSetAside(routing, roster, delegations)
        ? {
            zh: `；你不能审批自己提交的版本，已转${deciders.map((d) => d.name).join("、")}审批`,
            en: `; you may not decide on your own revision, so it went to ${deciders.map((d) => d.name).join(", ")}`,
          }
        : { zh: "", en: "" };
      return {
        body: {
          kind: kind.id,
          documentId: planId,
          revision,
          status: "pending_approval",
          unchanged: false,
          rows: rowsOut,
          message: {
            zh: `已提交第 ${revision} 版（${drafts.length} 项），等待${who.zh}审批${routed.zh}`,
            en: `Revision ${revision} submitted (${drafts.length} items); awaiting approval by ${who.en}${routed.en}`,
          },
        },
        outbox,
      };
    });

  // A revision too large to commit beside its items has its chunks written first (content-addressed, so a retry rewrites the same documents).
  for (let tries = 1; ; tries++) {
    try {
      return await attempt();
    } catch (err) {
      if (!(err instanceof RevisionTooLargeForCommit) || tries >= 3) throw err;
      await stageRevisionChunks(deps.db, err);
    }
  }
}
