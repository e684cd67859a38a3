export { adoptDatabase, type AdoptDeps, type AdoptInput, type AdoptResult } from "./adopt";
export { checkSqliteHeader, type FileCheck } from "./check-file";
