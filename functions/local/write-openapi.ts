/** `npm run openapi` (run from source with tsx): regenerates the committed functions/openapi.json from the zod schemas. */
import { writeFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { openApiDocument } from "../src/api/openapi.js";

const target = fileURLToPath(new URL("../openapi.json", import.meta.url));
writeFileSync(target, JSON.stringify(openApiDocument(), null, 2) + "\n");
console.log(`wrote ${target}`);
