import { describe, expect, it } from "vitest";
import { Code } from "./codes.js";
import { useFirestore } from "./connect.js";

const db = useFirestore();

describe("listing", () => {
  it("when listing a collection's documents, then documents that only hold subcollections are included", async () => {
    await db.doc("listed/a").set({ v: 1 });
    await db.doc("listed/b/children/c").set({ v: 2 });
    await db.doc("listed/d").set({ v: 3 });
    const refs = await db.collection("listed").listDocuments();
    expect(refs.map((r) => r.id)).toEqual(["a", "b", "d"]);
  });

  it("when listing collections at the root and under a document, then ids of collections holding documents return", async () => {
    await db.doc("rootA/x").set({});
    await db.doc("rootB/y/sub1/z").set({});
    await db.doc("rootB/y/sub2/z").set({});
    await db.doc("rootB/y/sub2/z/deeper/w").set({});
    const root = (await db.listCollections()).map((c) => c.id);
    expect(root).toEqual(expect.arrayContaining(["rootA", "rootB"]));
    const under = (await db.doc("rootB/y").listCollections()).map((c) => c.id).sort();
    expect(under).toEqual(["sub1", "sub2"]);
  });
});

describe("BulkWriter", () => {
  it("when BulkWriter writes many documents, then each lands and a failing write reports its own error", async () => {
    await db.doc("bulk/taken").set({ v: 0 });
    const writer = db.bulkWriter();
    const failures: number[] = [];
    writer.onWriteError((error) => {
      failures.push(error.code);
      return false;
    });
    for (let i = 0; i < 1000; i++) void writer.create(db.doc(`bulk/d${i}`), { i });
    writer.create(db.doc("bulk/taken"), { v: 1 }).catch(() => undefined);
    await writer.close();
    expect(failures).toEqual([Code.ALREADY_EXISTS]);
    expect((await db.collection("bulk").count().get()).data().count).toBe(1001);
    expect((await db.doc("bulk/taken").get()).get("v")).toBe(0);
  });
});

describe("recursive delete", () => {
  it("when a document is deleted recursively, then its subcollections go and its siblings stay", async () => {
    await db.doc("tree/root").set({ v: 1 });
    await db.doc("tree/root/kids/k1").set({ v: 2 });
    await db.doc("tree/root/kids/k1/grandkids/g1").set({ v: 3 });
    await db.doc("tree/root/other/o1").set({ v: 4 });
    await db.doc("tree/sibling").set({ v: 5 });
    await db.doc("tree/sibling/kids/k1").set({ v: 6 });
    await db.recursiveDelete(db.doc("tree/root"));
    expect((await db.doc("tree/root").get()).exists).toBe(false);
    expect((await db.collectionGroup("kids").get()).docs.map((d) => d.ref.path)).toEqual(["tree/sibling/kids/k1"]);
    expect((await db.collectionGroup("grandkids").get()).size).toBe(0);
    expect((await db.collectionGroup("other").get()).size).toBe(0);
  });

  it("when a collection is deleted recursively, then every document under it goes and similarly named collections stay", async () => {
    await db.doc("purge/a").set({});
    await db.doc("purge/a/sub/b").set({});
    await db.doc("purgeNot/c").set({});
    await db.recursiveDelete(db.collection("purge"));
    expect((await db.collection("purge").get()).size).toBe(0);
    expect((await db.collectionGroup("sub").get()).size).toBe(0);
    expect((await db.collection("purgeNot").get()).size).toBe(1);
  });
});
