export { CheckInPage } from "./components/CheckInPage";
export { CheckInScreen } from "./components/CheckInScreen";
export { WeekPage } from "./components/WeekPage";
export { WeeksPage } from "./components/WeeksPage";
