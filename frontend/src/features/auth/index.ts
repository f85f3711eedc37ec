export { ForgotPasswordPage } from "./components/ForgotPasswordPage";
export { LoginPage } from "./components/LoginPage";
export { SetPasswordPage } from "./components/SetPasswordPage";
