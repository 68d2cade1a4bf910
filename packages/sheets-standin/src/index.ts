export { type SheetsStandin, type SheetsStandinOptions, startSheetsStandin } from "./server.js";
