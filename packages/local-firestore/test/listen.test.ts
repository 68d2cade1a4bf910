import type { DocumentSnapshot, QuerySnapshot } from "@google-cloud/firestore";
import { describe, expect, it } from "vitest";
import { useFirestore } from "./connect.js";

const db = useFirestore();

/** Turns a snapshot listener into an awaitable queue of snapshots. */
function snapshots<T>(subscribe: (next: (snap: T) => void, fail: (error: Error) => void) => () => void) {
  const queued: T[] = [];
  const waiters: ((snap: T) => void)[] = [];
  let failure: Error | undefined;
  const unsubscribe = subscribe(
    (snap) => {
      const waiter = waiters.shift();
      if (waiter) waiter(snap);
      else queued.push(snap);
    },
    (error) => {
      failure = error;
    },
  );
  const next = (): Promise<T> => {
    if (failure) return Promise.reject(failure);
    const snap = queued.shift();
    if (snap) return Promise.resolve(snap);
    return new Promise<T>((resolve, reject) => {
      const timer = setTimeout(() => reject(failure ?? new Error("no snapshot within 5 s")), 5_000);
      waiters.push((s) => {
        clearTimeout(timer);
        resolve(s);
      });
    });
  };
  return { next, unsubscribe };
}

const changes = (snap: QuerySnapshot) => snap.docChanges().map((c) => `${c.type}:${c.doc.id}`);

describe("document listeners", () => {
  it("when a listened document is created, changed and deleted, then each state arrives as a snapshot", async () => {
    const ref = db.doc("watched/doc");
    const stream = snapshots<DocumentSnapshot>((next, fail) => ref.onSnapshot(next, fail));
    expect((await stream.next()).exists).toBe(false);
    await ref.set({ v: 1 });
    expect((await stream.next()).data()).toEqual({ v: 1 });
    await ref.update({ v: 2 });
    expect((await stream.next()).data()).toEqual({ v: 2 });
    await ref.delete();
    expect((await stream.next()).exists).toBe(false);
    stream.unsubscribe();
  });
});

describe("query listeners", () => {
  it("when documents enter, change within and leave a listened query, then added, modified and removed arrive", async () => {
    const tasks = db.collection("watchedTasks");
    await tasks.doc("t1").set({ status: "open", n: 1 });
    await tasks.doc("t2").set({ status: "done", n: 2 });
    const stream = snapshots<QuerySnapshot>((next, fail) => tasks.where("status", "==", "open").orderBy("n").onSnapshot(next, fail));
    expect(changes(await stream.next())).toEqual(["added:t1"]);
    await tasks.doc("t3").set({ status: "open", n: 0 });
    const added = await stream.next();
    expect(changes(added)).toEqual(["added:t3"]);
    expect(added.docs.map((d) => d.id)).toEqual(["t3", "t1"]);
    await tasks.doc("t1").update({ n: 5 });
    expect(changes(await stream.next())).toEqual(["modified:t1"]);
    await tasks.doc("t3").update({ status: "done" });
    expect(changes(await stream.next())).toEqual(["removed:t3"]);
    await tasks.doc("t1").delete();
    const last = await stream.next();
    expect(changes(last)).toEqual(["removed:t1"]);
    expect(last.empty).toBe(true);
    stream.unsubscribe();
  });

  it("when a listened query has a limit, then a better-ranked newcomer pushes the last document out", async () => {
    const ranks = db.collection("watchedRanks");
    await Promise.all([ranks.doc("r2").set({ n: 2 }), ranks.doc("r3").set({ n: 3 }), ranks.doc("r4").set({ n: 4 })]);
    const stream = snapshots<QuerySnapshot>((next, fail) => ranks.orderBy("n").limit(2).onSnapshot(next, fail));
    expect((await stream.next()).docs.map((d) => d.id)).toEqual(["r2", "r3"]);
    await ranks.doc("r1").set({ n: 1 });
    const snap = await stream.next();
    expect(snap.docs.map((d) => d.id)).toEqual(["r1", "r2"]);
    expect(changes(snap).sort()).toEqual(["added:r1", "removed:r3"]);
    stream.unsubscribe();
  });

  it("when a collection group is listened to, then writes in any matching subcollection arrive", async () => {
    const stream = snapshots<QuerySnapshot>((next, fail) => db.collectionGroup("watchedRevisions").onSnapshot(next, fail));
    expect((await stream.next()).size).toBe(0);
    await db.doc("watchedPlans/p1/watchedRevisions/r1").set({ rev: 1 });
    expect(changes(await stream.next())).toEqual(["added:r1"]);
    stream.unsubscribe();
  });
});
