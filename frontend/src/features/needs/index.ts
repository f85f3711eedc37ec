export { FittingNeedsPage } from "./components/FittingNeedsPage";
export { NeedCreatePage, NeedEditPage } from "./components/NeedFormPage";
export { NeedDetailPage } from "./components/NeedDetailPage";
export { NeedsPage } from "./components/NeedsPage";
