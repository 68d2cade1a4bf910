import { FieldPath, FieldValue, GeoPoint, Timestamp, type VectorValue } from "@google-cloud/firestore";
import { describe, expect, it } from "vitest";
import { Code } from "./codes.js";
import { useFirestore } from "./connect.js";

const db = useFirestore();

describe("creating and replacing documents", () => {
  it("when create() targets an existing document, then it fails with ALREADY_EXISTS and keeps the original", async () => {
    const ref = db.doc("create/one");
    await ref.create({ v: 1 });
    await expect(ref.create({ v: 2 })).rejects.toMatchObject({ code: Code.ALREADY_EXISTS });
    expect((await ref.get()).data()).toEqual({ v: 1 });
  });

  it("when set() is called without merge, then fields not in the new data are gone", async () => {
    const ref = db.doc("set/replace");
    await ref.set({ a: 1, b: { c: 2 }, d: "keep?" });
    await ref.set({ a: 9 });
    expect((await ref.get()).data()).toEqual({ a: 9 });
  });

  it("when set() merges, then nested maps are merged and untouched fields stay", async () => {
    const ref = db.doc("set/merge");
    await ref.set({ a: { x: 1, y: 2 }, b: 1 });
    await ref.set({ a: { y: 3 }, c: 4 }, { merge: true });
    expect((await ref.get()).data()).toEqual({ a: { x: 1, y: 3 }, b: 1, c: 4 });
  });

  it("when set() uses mergeFields, then only the listed field paths change", async () => {
    const ref = db.doc("set/mergeFields");
    await ref.set({ a: { x: 1, y: 1 }, b: 1, c: 1 });
    await ref.set({ a: { x: 9, y: 9 }, b: 9, c: 9 }, { mergeFields: ["a.x", "b"] });
    expect((await ref.get()).data()).toEqual({ a: { x: 9, y: 1 }, b: 9, c: 1 });
  });

  it("when every value type is written, then each reads back unchanged", async () => {
    const ref = db.doc("types/all");
    const data = {
      nil: null,
      yes: true,
      int: 42,
      big: Number.MAX_SAFE_INTEGER,
      neg: -7,
      dbl: 3.25,
      nan: Number.NaN,
      inf: Number.POSITIVE_INFINITY,
      ts: new Timestamp(1_700_000_000, 123_456_000),
      str: "计划运营部 ✓ 😀",
      bytes: Buffer.from([0, 1, 2, 255]),
      ref: db.doc("types/other"),
      geo: new GeoPoint(31.23, 121.47),
      arr: [1, "two", { three: 3 }, null],
      map: { deep: { deeper: { deepest: [true] } } },
      empty: {},
      emptyArr: [],
    };
    await ref.set({ ...data, vector: FieldValue.vector([0.5, 2]) });
    const { vector, ...read } = (await ref.get()).data() ?? {};
    expect(read.ref.path).toBe("types/other");
    expect(Buffer.from(read.bytes).equals(data.bytes)).toBe(true);
    expect({ ...read, ref: undefined, bytes: undefined }).toEqual({ ...data, ref: undefined, bytes: undefined });
    expect((vector as VectorValue).toArray()).toEqual([0.5, 2]);
  });

  it("when a timestamp has nanoseconds, then it is stored to the microsecond, rounded down, as Firestore stores it (nested ones too)", async () => {
    const ref = db.doc("types/nanos");
    await ref.set({ at: new Timestamp(1_700_000_000, 123_456_789), list: [new Timestamp(5, 999_999_999)], map: { at: new Timestamp(-1, 1_999) } });
    const read = (await ref.get()).data() ?? {};
    expect(read.at).toEqual(new Timestamp(1_700_000_000, 123_456_000));
    expect(read.list).toEqual([new Timestamp(5, 999_999_000)]);
    expect(read.map.at).toEqual(new Timestamp(-1, 1_000));
    // Queries compare what is stored.
    expect((await db.collection("types").where("at", "==", new Timestamp(1_700_000_000, 123_456_000)).get()).docs.map((d) => d.id)).toEqual(["nanos"]);
  });

  it("when a field name matches __.*__, then the write fails with INVALID_ARGUMENT", async () => {
    await expect(db.doc("types/reserved").set({ __secret__: 1 })).rejects.toMatchObject({ code: Code.INVALID_ARGUMENT });
    await expect(db.doc("types/reserved").set({ nested: { __x__: 1 } })).rejects.toMatchObject({ code: Code.INVALID_ARGUMENT });
  });

  it("when a document is deleted, then it no longer exists, and deleting a missing document succeeds", async () => {
    const ref = db.doc("delete/me");
    await ref.set({ v: 1 });
    await ref.delete();
    expect((await ref.get()).exists).toBe(false);
    await expect(db.doc("delete/never-existed").delete()).resolves.toBeDefined();
  });
});

describe("updating fields", () => {
  it("when update() uses dotted and FieldPath paths, then only those nested fields change", async () => {
    const ref = db.doc("update/paths");
    await ref.set({ a: { b: 1, c: 2 }, 客户名称: "旧", "x.y": 1 });
    await ref.update("a.b", 10, new FieldPath("客户名称"), "新", new FieldPath("x.y"), 2);
    expect((await ref.get()).data()).toEqual({ a: { b: 10, c: 2 }, 客户名称: "新", "x.y": 2 });
  });

  it("when update() targets a missing document, then it fails with NOT_FOUND", async () => {
    await expect(db.doc("update/missing").update({ a: 1 })).rejects.toMatchObject({ code: Code.NOT_FOUND });
    expect((await db.doc("update/missing").get()).exists).toBe(false);
  });

  it("when FieldValue.delete() is used in update() or a merge, then the field is removed", async () => {
    const ref = db.doc("update/delete-field");
    await ref.set({ a: 1, b: 2, c: { d: 3, e: 4 } });
    await ref.update({ a: FieldValue.delete(), "c.d": FieldValue.delete() });
    await ref.set({ b: FieldValue.delete() }, { merge: true });
    expect((await ref.get()).data()).toEqual({ c: { e: 4 } });
  });

  it("when the lastUpdateTime precondition is stale, then the write fails with FAILED_PRECONDITION", async () => {
    const ref = db.doc("update/precondition");
    const first = await ref.set({ v: 1 });
    const second = await ref.update({ v: 2 });
    await expect(ref.update({ v: 3 }, { lastUpdateTime: first.writeTime })).rejects.toMatchObject({
      code: Code.FAILED_PRECONDITION,
    });
    await expect(ref.delete({ lastUpdateTime: first.writeTime })).rejects.toMatchObject({ code: Code.FAILED_PRECONDITION });
    await ref.update({ v: 4 }, { lastUpdateTime: second.writeTime });
    expect((await ref.get()).get("v")).toBe(4);
  });
});

describe("field transforms", () => {
  it("when one write carries several transforms, then all of them apply", async () => {
    const ref = db.doc("transforms/many");
    await ref.set({ a: 1, b: 1.5, tags: ["x", "y"] });
    const result = await ref.update({
      a: FieldValue.increment(2),
      b: FieldValue.increment(1),
      at: FieldValue.serverTimestamp(),
      tags: FieldValue.arrayUnion("z"),
      gone: FieldValue.arrayRemove("nothing"),
      "nested.count": FieldValue.increment(5),
    });
    const data = (await ref.get()).data() ?? {};
    expect(data).toMatchObject({ a: 3, b: 2.5, tags: ["x", "y", "z"], gone: [], nested: { count: 5 } });
    expect((data.at as Timestamp).isEqual(result.writeTime)).toBe(true);
  });

  it("when arrayUnion and arrayRemove meet a missing field or duplicates, then Firestore's set semantics apply", async () => {
    const ref = db.doc("transforms/arrays");
    await ref.set({ have: ["a", 1] });
    await ref.update({ fresh: FieldValue.arrayUnion("p", "q"), have: FieldValue.arrayUnion("a", "b", 1) });
    expect((await ref.get()).data()).toEqual({ fresh: ["p", "q"], have: ["a", 1, "b"] });
    await ref.update({ have: FieldValue.arrayRemove("a", 1) });
    expect((await ref.get()).get("have")).toEqual(["b"]);
  });

  it("when increment targets nested, missing, integer and double fields, then it adds numerically", async () => {
    const ref = db.doc("transforms/increment");
    await ref.set({ stats: { count: 1 }, ratio: 0.5, label: "not a number" });
    await ref.update({
      "stats.count": FieldValue.increment(2),
      "stats.fresh": FieldValue.increment(7),
      ratio: FieldValue.increment(1),
      label: FieldValue.increment(3),
    });
    expect((await ref.get()).data()).toEqual({ stats: { count: 3, fresh: 7 }, ratio: 1.5, label: 3 });
  });

  it("when 20 increments race without a transaction, then none is lost", async () => {
    const ref = db.doc("transforms/race");
    await ref.set({ n: 0 });
    await Promise.all(Array.from({ length: 20 }, () => ref.update({ n: FieldValue.increment(1) })));
    expect((await ref.get()).get("n")).toBe(20);
  });
});

describe("batches", () => {
  it("when a batch holds 500 writes, then all are committed at one time", async () => {
    const batch = db.batch();
    for (let i = 0; i < 500; i++) batch.set(db.collection("batch500").doc(`d${i}`), { i });
    const results = await batch.commit();
    expect(new Set(results.map((r) => r.writeTime.toMillis())).size).toBe(1);
    expect((await db.collection("batch500").count().get()).data().count).toBe(500);
  });

  it("when one write of a batch fails, then none of its writes are applied", async () => {
    await db.doc("atomic/existing").set({ v: 1 });
    const batch = db.batch();
    batch.set(db.doc("atomic/first"), { v: 1 });
    batch.update(db.doc("atomic/existing"), { v: 2 });
    batch.create(db.doc("atomic/existing"), { v: 3 });
    await expect(batch.commit()).rejects.toMatchObject({ code: Code.ALREADY_EXISTS });
    expect((await db.doc("atomic/first").get()).exists).toBe(false);
    expect((await db.doc("atomic/existing").get()).get("v")).toBe(1);
  });

  it("when getAll() mixes existing and missing documents, then results come back in request order", async () => {
    await db.doc("getall/a").set({ v: "a" });
    await db.doc("getall/c").set({ v: "c" });
    const snaps = await db.getAll(db.doc("getall/c"), db.doc("getall/b"), db.doc("getall/a"));
    expect(snaps.map((s) => [s.id, s.exists, s.get("v")])).toEqual([
      ["c", true, "c"],
      ["b", false, undefined],
      ["a", true, "a"],
    ]);
  });
});

describe("update times", () => {
  it("when documents are written one after another, then update times are distinct, increasing and microsecond-precise", async () => {
    const times: Timestamp[] = [];
    for (let i = 0; i < 20; i++) times.push((await db.doc(`times/d${i % 3}`).set({ i })).writeTime);
    expect(times.every((t) => t.nanoseconds % 1000 === 0)).toBe(true);
    expect(times.some((t) => t.nanoseconds % 1_000_000 !== 0)).toBe(true);
    const order = times.map((t) => t.valueOf());
    expect(order).toEqual([...new Set(order)].sort());
  });

  it("when a write leaves the document as it was, then the update time stays the previous one", async () => {
    const ref = db.doc("times/unchanged");
    const first = await ref.set({ v: 1, m: { a: [1, "x"] } });
    const same = await ref.set({ v: 1, m: { a: [1, "x"] } });
    expect(same.writeTime.isEqual(first.writeTime)).toBe(true);
    expect((await ref.get()).updateTime?.isEqual(first.writeTime)).toBe(true);
  });

  it("when a document is updated, then createTime stays and updateTime moves to the write time", async () => {
    const ref = db.doc("times/lifecycle");
    const created = await ref.set({ v: 1 });
    const updated = await ref.update({ v: 2 });
    const snap = await ref.get();
    expect(snap.createTime?.isEqual(created.writeTime)).toBe(true);
    expect(snap.updateTime?.isEqual(updated.writeTime)).toBe(true);
  });
});

describe("size limits", () => {
  // Storage size of sizes/exact with {f: s}: name (6 + 6 + 16) + field name (2) + string (len + 1) + 32 = len + 63.
  const MAX_DOCUMENT = 1_048_576;
  const fits = "x".repeat(MAX_DOCUMENT - 63);

  it("when a document is exactly 1 MiB by Firestore's storage-size rules, then it is accepted", async () => {
    await db.doc("sizes/exact").set({ f: fits });
    expect(((await db.doc("sizes/exact").get()).get("f") as string).length).toBe(fits.length);
  });

  it("when a document is one byte over 1 MiB, then the write fails with INVALID_ARGUMENT", async () => {
    await expect(db.doc("sizes/overs").set({ f: `${fits}x` })).rejects.toMatchObject({ code: Code.INVALID_ARGUMENT });
    expect((await db.doc("sizes/overs").get()).exists).toBe(false);
  });

  it("when a commit request exceeds 10 MiB, then it fails with INVALID_ARGUMENT and writes nothing", async () => {
    const batch = db.batch();
    const chunk = "y".repeat(1_000_000);
    for (let i = 0; i < 11; i++) batch.set(db.doc(`bigrequest/d${i}`), { chunk });
    await expect(batch.commit()).rejects.toMatchObject({ code: Code.INVALID_ARGUMENT });
    expect((await db.collection("bigrequest").count().get()).data().count).toBe(0);
  });
});
