export { AuditPage } from "./components/AuditPage";
export { ImportPage } from "./components/ImportPage";
export { RolesPage } from "./components/RolesPage";
