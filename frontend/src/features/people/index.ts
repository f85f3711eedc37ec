export { PeoplePage } from "./components/PeoplePage";
export { PersonPage } from "./components/PersonPage";
