export { SecondmentsPage } from "./components/SecondmentsPage";
