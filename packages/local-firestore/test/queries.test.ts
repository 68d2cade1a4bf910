import { AggregateField, FieldPath, type Firestore, Filter, GeoPoint, type Query, Timestamp } from "@google-cloud/firestore";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { Code } from "./codes.js";
import { connectFirestore, type FirestoreConnection } from "./connect.js";

let conn: FirestoreConnection;
let db: Firestore;

const ids = async (query: Query) => (await query.get()).docs.map((d) => d.id);

/** Writes `docs` (id → data) into `collection` in one batch. */
async function seed(collection: string, docs: Record<string, Record<string, unknown>>): Promise<void> {
  const batch = db.batch();
  for (const [id, data] of Object.entries(docs)) batch.set(db.collection(collection).doc(id), data);
  await batch.commit();
}

beforeAll(async () => {
  conn = await connectFirestore();
  db = conn.db;
  await seed("items", {
    i1: { n: 1, s: "apple", tags: ["red", "fruit"], address: { city: "上海" }, 客户名称: "甲", group: "a" },
    i2: { n: 2, s: "banana", tags: ["yellow", "fruit"], address: { city: "北京" }, 客户名称: "乙", group: "a" },
    i3: { n: 3, s: "cherry", tags: ["red"], address: { city: "上海" }, 客户名称: "丙", group: "b" },
    i4: { n: 4, s: "date", tags: [], address: { city: "深圳" }, 客户名称: "甲", group: "b" },
    i5: { n: 5, s: "elder", address: { city: "北京" }, group: "c" },
  });
  const cursorDocs: Record<string, Record<string, unknown>> = {};
  for (let i = 1; i <= 10; i++) cursorDocs[`c${String(i).padStart(2, "0")}`] = { n: i, g: i <= 5 ? "a" : "b" };
  await seed("cursor", cursorDocs);
});
afterAll(() => conn.close());

describe("filters", () => {
  it("when equality, range, in, not-in, != and array filters are used, then exactly the matching documents return", async () => {
    const items = db.collection("items");
    expect(await ids(items.where("s", "==", "banana"))).toEqual(["i2"]);
    expect(await ids(items.where("n", ">", 2).where("n", "<=", 4))).toEqual(["i3", "i4"]);
    expect(await ids(items.where("n", "in", [1, 5, 9]))).toEqual(["i1", "i5"]);
    expect(await ids(items.where("n", "not-in", [1, 2]))).toEqual(["i3", "i4", "i5"]);
    expect(await ids(items.where("group", "!=", "a"))).toEqual(["i3", "i4", "i5"]);
    expect(await ids(items.where("tags", "array-contains", "red"))).toEqual(["i1", "i3"]);
    expect(await ids(items.where("tags", "array-contains-any", ["yellow", "red"]))).toEqual(["i1", "i2", "i3"]);
  });

  it("when filters are combined with flat and nested OR/AND, then boolean logic is respected", async () => {
    const items = db.collection("items");
    expect(await ids(items.where(Filter.or(Filter.where("n", "==", 1), Filter.where("s", "==", "date"))))).toEqual(["i1", "i4"]);
    expect(await ids(items.where(Filter.and(Filter.where("group", "==", "a"), Filter.where("n", ">", 1))))).toEqual(["i2"]);
    const nested = Filter.or(
      Filter.and(Filter.where("group", "==", "a"), Filter.where("tags", "array-contains", "red")),
      Filter.and(Filter.where("group", "==", "b"), Filter.or(Filter.where("n", "==", 4), Filter.where("n", "==", 99))),
    );
    expect(await ids(items.where(nested))).toEqual(["i1", "i4"]);
  });

  it("when a filter targets a nested field, then the nested value is compared", async () => {
    expect(await ids(db.collection("items").where("address.city", "==", "上海"))).toEqual(["i1", "i3"]);
    expect(await ids(db.collection("items").where(new FieldPath("address", "city"), "in", ["北京"]))).toEqual(["i2", "i5"]);
  });

  it("when a field name needs quoting (Chinese, dashes, dots), then filters and orders on it match", async () => {
    await seed("quoted", {
      q1: { 客户名称: "乙", "due-date": 2, "a.b": "dot" },
      q2: { 客户名称: "甲", "due-date": 1 },
    });
    expect(await ids(db.collection("items").where("客户名称", "==", "甲"))).toEqual(["i1", "i4"]);
    expect(await ids(db.collection("quoted").orderBy("客户名称", "desc"))).toEqual(["q2", "q1"]);
    expect(await ids(db.collection("quoted").where(new FieldPath("due-date"), "<", 2))).toEqual(["q2"]);
    expect(await ids(db.collection("quoted").where(new FieldPath("a.b"), "==", "dot"))).toEqual(["q1"]);
  });

  it("when filtering on null, then == null matches only nulls and != null or not-in skip nulls and missing fields", async () => {
    await seed("nulls", { isNull: { v: null }, zero: { v: 0 }, empty: { v: "" }, missing: { other: 1 } });
    const nulls = db.collection("nulls");
    expect(await ids(nulls.where("v", "==", null))).toEqual(["isNull"]);
    expect((await ids(nulls.where("v", "!=", null))).sort()).toEqual(["empty", "zero"]);
    expect(await ids(nulls.where("v", "not-in", [0]))).toEqual(["empty"]);
    expect(await ids(nulls.where("v", "in", [null]))).toEqual(["isNull"]);
  });

  it("when filtering on NaN, then == NaN matches NaN only", async () => {
    await seed("nan", { isNaN: { v: Number.NaN }, one: { v: 1 }, nil: { v: null } });
    expect(await ids(db.collection("nan").where("v", "==", Number.NaN))).toEqual(["isNaN"]);
  });

  it("when integers and doubles are mixed, then comparisons and equality are numeric", async () => {
    await seed("numbers", { half: { v: 0.5 }, one: { v: 1 }, oneAndHalf: { v: 1.5 }, two: { v: 2 }, twoAndHalf: { v: 2.5 }, three: { v: 3 } });
    const numbers = db.collection("numbers");
    expect(await ids(numbers.where("v", ">", 1).where("v", "<", 2.5).orderBy("v"))).toEqual(["oneAndHalf", "two"]);
    expect(await ids(numbers.where("v", ">=", 1.5).where("v", "<=", 2).orderBy("v"))).toEqual(["oneAndHalf", "two"]);
    expect(await ids(numbers.where("v", "in", [1, 2.5]).orderBy("v"))).toEqual(["one", "twoAndHalf"]);
    expect(await ids(numbers.orderBy("v", "desc"))).toEqual(["three", "twoAndHalf", "two", "oneAndHalf", "one", "half"]);
  });

  it("when a range filter meets values of other types, then only values of the operand's type match", async () => {
    await seed("typed", { num: { v: 5 }, str: { v: "5" }, bool: { v: true }, nil: { v: null } });
    expect(await ids(db.collection("typed").where("v", ">", 0))).toEqual(["num"]);
    expect(await ids(db.collection("typed").where("v", ">=", ""))).toEqual(["str"]);
  });

  it("when the query has more than 30 disjunctions, then it fails with INVALID_ARGUMENT", async () => {
    const ten = Array.from({ length: 10 }, (_, i) => i);
    const query = db.collection("items").where("n", "in", ten).where("s", "in", ten.map(String));
    await expect(query.get()).rejects.toMatchObject({ code: Code.INVALID_ARGUMENT });
  });
});

describe("ordering", () => {
  it("when no order is given, then documents come back by document id, not insertion order", async () => {
    await seed("unordered", { c: {}, a: {}, b: {} });
    await db.doc("unordered/0").set({});
    expect(await ids(db.collection("unordered"))).toEqual(["0", "a", "b", "c"]);
  });

  it("when ordering by documentId(), then ascending and descending both apply", async () => {
    await seed("byid", { m: {}, z: {}, a: {} });
    expect(await ids(db.collection("byid").orderBy(FieldPath.documentId()))).toEqual(["a", "m", "z"]);
    expect(await ids(db.collection("byid").orderBy(FieldPath.documentId(), "desc"))).toEqual(["z", "m", "a"]);
  });

  it("when ordering by a field some documents lack, then those documents are excluded", async () => {
    await seed("partial", { has2: { rank: 2 }, none: { other: 1 }, has1: { rank: 1 }, nil: { rank: null } });
    expect(await ids(db.collection("partial").orderBy("rank"))).toEqual(["nil", "has1", "has2"]);
  });

  it("when values of every type are ordered, then Firestore's cross-type order applies", async () => {
    await seed("mixed", {
      k: { v: { a: 1 } },
      j: { v: [1, 2] },
      i: { v: new GeoPoint(10, 10) },
      h: { v: db.doc("mixed/ref") },
      g: { v: Buffer.from("b") },
      f: { v: "text" },
      e: { v: Timestamp.fromMillis(0) },
      d: { v: 1.5 },
      c3: { v: -1 },
      c2: { v: Number.NEGATIVE_INFINITY },
      c1: { v: Number.NaN },
      b: { v: true },
      b0: { v: false },
      a: { v: null },
    });
    expect(await ids(db.collection("mixed").orderBy("v"))).toEqual(["a", "b0", "b", "c1", "c2", "c3", "d", "e", "f", "g", "h", "i", "j", "k"]);
  });

  it("when strings differ beyond the Basic Multilingual Plane, then they sort by UTF-8 bytes", async () => {
    await seed("utf8", { emoji: { s: "😀" }, bmpEnd: { s: "\uFFFF" }, latin: { s: "z" }, cjk: { s: "中" } });
    expect(await ids(db.collection("utf8").orderBy("s"))).toEqual(["latin", "cjk", "bmpEnd", "emoji"]);
    expect(await ids(db.collection("utf8").where("s", ">", "\uFFFF"))).toEqual(["emoji"]);
  });

  it("when ordering by several fields with limit and limitToLast, then ties break on later fields", async () => {
    const byGroup = db.collection("items").orderBy("group", "desc").orderBy("n");
    expect(await ids(byGroup)).toEqual(["i5", "i3", "i4", "i1", "i2"]);
    expect(await ids(byGroup.limit(2))).toEqual(["i5", "i3"]);
    expect(await ids(byGroup.limitToLast(2))).toEqual(["i1", "i2"]);
  });
});

describe("cursors and offset", () => {
  const cursor = () => db.collection("cursor").orderBy("n");

  it("when startAt, startAfter, endAt and endBefore take values, then the result is bounded accordingly", async () => {
    expect(await ids(cursor().startAt(8))).toEqual(["c08", "c09", "c10"]);
    expect(await ids(cursor().startAfter(8))).toEqual(["c09", "c10"]);
    expect(await ids(cursor().endAt(3))).toEqual(["c01", "c02", "c03"]);
    expect(await ids(cursor().endBefore(3))).toEqual(["c01", "c02"]);
    expect(await ids(cursor().startAt(4).endBefore(6))).toEqual(["c04", "c05"]);
    expect(await ids(db.collection("cursor").orderBy("n", "desc").startAfter(3))).toEqual(["c02", "c01"]);
  });

  it("when cursors are document snapshots, then paging resumes right after the last document", async () => {
    const pages: string[][] = [];
    let query = db.collection("cursor").orderBy("g").limit(4);
    for (;;) {
      const snap = await query.get();
      if (snap.empty) break;
      pages.push(snap.docs.map((d) => d.id));
      query = db
        .collection("cursor")
        .orderBy("g")
        .limit(4)
        .startAfter(snap.docs[snap.docs.length - 1]);
    }
    expect(pages).toEqual([
      ["c01", "c02", "c03", "c04"],
      ["c05", "c06", "c07", "c08"],
      ["c09", "c10"],
    ]);
    const c05 = await db.doc("cursor/c05").get();
    expect(await ids(db.collection("cursor").orderBy("g").startAt(c05).endAt(c05))).toEqual(["c05"]);
  });

  it("when cursors span several order fields or the document id, then all fields position the cursor", async () => {
    expect(await ids(db.collection("cursor").orderBy("g").orderBy("n", "desc").startAfter("a", 2).limit(3))).toEqual(["c01", "c10", "c09"]);
    expect(await ids(db.collection("cursor").orderBy(FieldPath.documentId()).startAt("c09"))).toEqual(["c09", "c10"]);
  });

  it("when offset is set, then that many matches are skipped before the limit", async () => {
    expect(await ids(cursor().offset(3).limit(2))).toEqual(["c04", "c05"]);
    expect(await ids(cursor().offset(20))).toEqual([]);
  });
});

describe("projections", () => {
  it("when select() names fields, then only those fields return; select() with none returns empty documents", async () => {
    const selected = await db.collection("items").where("n", "==", 1).select("s", "address.city").get();
    expect(selected.docs[0]?.data()).toEqual({ s: "apple", address: { city: "上海" } });
    const bare = await db.collection("items").select().get();
    expect(bare.docs.map((d) => d.data())).toEqual([{}, {}, {}, {}, {}]);
  });

  it("when getAll() passes a field mask, then only masked fields return", async () => {
    const [snap] = await db.getAll(db.doc("items/i2"), { fieldMask: ["n", new FieldPath("客户名称")] });
    expect(snap?.data()).toEqual({ n: 2, 客户名称: "乙" });
  });
});

describe("collection groups", () => {
  it("when querying a collection group, then documents of that id at every depth return, and only those", async () => {
    await seed("plans", { p1: { t: 1 }, p2: { t: 2 } });
    const batch = db.batch();
    batch.set(db.doc("plans/p1/revisions/r1"), { plan: "p1", rev: 1 });
    batch.set(db.doc("plans/p1/revisions/r2"), { plan: "p1", rev: 2 });
    batch.set(db.doc("plans/p2/revisions/r1"), { plan: "p2", rev: 1 });
    batch.set(db.doc("revisions/top"), { plan: "none", rev: 0 });
    batch.set(db.doc("plans/p1/revisions/r1/revisions/deep"), { plan: "p1", rev: 9 });
    batch.set(db.doc("plans/p3/revisionsOld/x"), { plan: "p3", rev: 1 });
    await batch.commit();
    const all = await db.collectionGroup("revisions").get();
    expect(all.docs.map((d) => d.ref.path)).toEqual([
      "plans/p1/revisions/r1",
      "plans/p1/revisions/r1/revisions/deep",
      "plans/p1/revisions/r2",
      "plans/p2/revisions/r1",
      "revisions/top",
    ]);
    const p1 = await db.collectionGroup("revisions").where("plan", "==", "p1").orderBy("rev", "desc").get();
    expect(p1.docs.map((d) => d.get("rev"))).toEqual([9, 2, 1]);
  });
});

describe("aggregations", () => {
  it("when count, sum and avg run, then non-numeric values are skipped and results match", async () => {
    await seed("agg", { a: { v: 1 }, b: { v: 2 }, c: { v: 3 }, d: { v: 1.5 }, e: { v: "x" }, f: { other: 1 } });
    const result = await db
      .collection("agg")
      .aggregate({ count: AggregateField.count(), total: AggregateField.sum("v"), mean: AggregateField.average("v") })
      .get();
    expect(result.data()).toEqual({ count: 6, total: 7.5, mean: 1.875 });
    expect((await db.collection("agg").where("v", ">", 1).count().get()).data().count).toBe(3);
    const empty = await db
      .collection("agg")
      .where("v", ">", 100)
      .aggregate({ n: AggregateField.count(), mean: AggregateField.average("v") })
      .get();
    expect(empty.data()).toEqual({ n: 0, mean: null });
  });
});

describe("project query shapes", () => {
  beforeAll(async () => {
    const at = (day: number) => Timestamp.fromDate(new Date(Date.UTC(2026, 11, day)));
    await seed("plansShape", {
      p1: { status: "pending_approval", approverDepartment: "生产部", submittedAt: at(3), period: "2026-12", planStatus: "approved" },
      p2: { status: "pending_approval", approverDepartment: "生产部", submittedAt: at(1), period: "2026-12", planStatus: "issued" },
      p3: { status: "pending_approval", approverDepartment: "质量部", submittedAt: at(2), period: "2026-12", planStatus: "draft" },
      p4: { status: "approved", approverDepartment: "生产部", submittedAt: at(4), period: "2026-11", planStatus: "approved" },
      p5: { status: "pending_approval", approverDepartment: "生产部", submittedAt: at(2), period: "2027-01", planStatus: "issued" },
    });
  });

  it("when listing pending approvals of a department, then matches come back by submission time", async () => {
    const query = db.collection("plansShape").where("status", "==", "pending_approval").where("approverDepartment", "==", "生产部").orderBy("submittedAt");
    expect(await ids(query)).toEqual(["p2", "p5", "p1"]);
  });

  it("when listing a period's approved or issued plans, then only that period's plans in those states return", async () => {
    const query = db.collection("plansShape").where("period", "==", "2026-12").where("planStatus", "in", ["approved", "issued"]);
    expect(await ids(query)).toEqual(["p1", "p2"]);
  });
});
