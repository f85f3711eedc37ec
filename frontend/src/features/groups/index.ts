export { GroupPage, type ChatSlot } from "./components/GroupPage";
export { GroupsPage } from "./components/GroupsPage";
