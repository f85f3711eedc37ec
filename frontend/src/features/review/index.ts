export { RunPage } from "./components/RunPage";
export { RunsPage } from "./components/RunsPage";
export { PoolPage } from "./components/PoolPage";
export { FlowPage } from "./components/FlowPage";
