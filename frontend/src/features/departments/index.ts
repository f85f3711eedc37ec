export { DepartmentsPage } from "./components/DepartmentsPage";
