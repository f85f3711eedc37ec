export { CheckInPage } from "./components/CheckInPage";
export { CheckInScreen } from "./components/CheckInScreen";
export { ScheduleEditor } from "./components/ScheduleEditor";
export { WeekPage, type WeekChatSlot } from "./components/WeekPage";
export { WeeksPage } from "./components/WeeksPage";
