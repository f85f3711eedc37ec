export { GroupPage } from "./components/GroupPage";
export { GroupsPage } from "./components/GroupsPage";
