export { WeekPage } from "./components/WeekPage";
export { WeeksPage } from "./components/WeeksPage";
