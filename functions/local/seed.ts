import type { Firestore } from "@google-cloud/firestore";
import type { z } from "zod";
import { ROSTER } from "../src/roster/roster.js";
import { MemberSchema } from "@planops/shared/api";

/** Writes roster entries (validated like any other input); existing people are replaced, others kept. */
export async function seedRoster(db: Firestore, people: readonly z.input<typeof MemberSchema>[]): Promise<number> {
  const batch = db.batch();
  for (const p of people) {
    const m = MemberSchema.parse(p);
    batch.set(db.collection(ROSTER).doc(m.email), m);
  }
  await batch.commit();
  return people.length;
}
