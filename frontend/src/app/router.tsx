import { createBrowserRouter } from "react-router";

import { AppLayout } from "@/app/AppLayout";
import {
  AuditPage,
  CheckInPage,
  CheckInScreen,
  DepartmentsPage,
  FittingNeedsPage,
  FlowPage,
  GroupRoute,
  GroupsPage,
  HomePage,
  ImportPage,
  NeedCreatePage,
  NeedDetailPage,
  NeedEditPage,
  NeedsPage,
  PeoplePage,
  PersonPage,
  PoolPage,
  ProfilePage,
  RolesPage,
  RunPage,
  RunsPage,
  ScheduleEditor,
  SecondmentsPage,
  WeekRoute,
  WeeksPage,
} from "@/app/pages";
import { RequireRole } from "@/app/RequireRole";
import { SignedIn } from "@/app/SignedIn";
import { NotAvailable } from "@/components/PageStates";
import { ForgotPasswordPage, LoginPage, SetPasswordPage } from "@/features/auth";

export const router = createBrowserRouter([
  { path: "/login", element: <LoginPage /> },
  { path: "/forgot-password", element: <ForgotPasswordPage /> },
  { path: "/set-password/:uid/:token", element: <SetPasswordPage /> },
  {
    element: <SignedIn />,
    children: [
      {
        element: <AppLayout />,
        children: [
          { index: true, element: <HomePage /> },
          { path: "profile", element: <ProfilePage /> },
          {
            path: "weeks",
            element: (
              <RequireRole>
                <WeeksPage />
              </RequireRole>
            ),
          },
          {
            path: "weeks/:id",
            element: (
              <RequireRole>
                <WeekRoute />
              </RequireRole>
            ),
          },
          {
            path: "weeks/:id/sessions/:sessionId",
            element: (
              <RequireRole>
                <WeekRoute />
              </RequireRole>
            ),
          },
          {
            path: "weeks/:id/sessions/:sessionId/check-in",
            element: (
              <RequireRole>
                <CheckInScreen />
              </RequireRole>
            ),
          },
          {
            path: "weeks/:id/schedule",
            element: (
              <RequireRole>
                <ScheduleEditor />
              </RequireRole>
            ),
          },
          {
            path: "check-in",
            element: (
              <RequireRole>
                <CheckInPage />
              </RequireRole>
            ),
          },
          {
            path: "people",
            element: (
              <RequireRole>
                <PeoplePage />
              </RequireRole>
            ),
          },
          {
            path: "people/:id",
            element: (
              <RequireRole>
                <PersonPage />
              </RequireRole>
            ),
          },
          {
            path: "groups",
            element: (
              <RequireRole>
                <GroupsPage />
              </RequireRole>
            ),
          },
          {
            path: "groups/:id",
            element: (
              <RequireRole>
                <GroupRoute />
              </RequireRole>
            ),
          },
          {
            path: "departments",
            element: (
              <RequireRole>
                <DepartmentsPage />
              </RequireRole>
            ),
          },
          {
            path: "needs",
            element: (
              <RequireRole>
                <NeedsPage />
              </RequireRole>
            ),
          },
          {
            path: "needs/for-me",
            element: (
              <RequireRole>
                <FittingNeedsPage />
              </RequireRole>
            ),
          },
          {
            path: "needs/new",
            element: (
              <RequireRole roles={["dept_head"]}>
                <NeedCreatePage />
              </RequireRole>
            ),
          },
          {
            path: "needs/:id",
            element: (
              <RequireRole>
                <NeedDetailPage />
              </RequireRole>
            ),
          },
          {
            path: "needs/:id/edit",
            element: (
              <RequireRole roles={["dept_head"]}>
                <NeedEditPage />
              </RequireRole>
            ),
          },
          {
            path: "secondments",
            element: (
              <RequireRole>
                <SecondmentsPage />
              </RequireRole>
            ),
          },
          {
            path: "review",
            element: (
              <RequireRole roles={["hr", "admin"]}>
                <RunsPage />
              </RequireRole>
            ),
          },
          {
            path: "review/pool",
            element: (
              <RequireRole roles={["hr", "admin"]}>
                <PoolPage />
              </RequireRole>
            ),
          },
          {
            path: "review/flow",
            element: (
              <RequireRole roles={["hr", "admin"]}>
                <FlowPage />
              </RequireRole>
            ),
          },
          {
            path: "review/runs/:id",
            element: (
              <RequireRole roles={["hr", "admin"]}>
                <RunPage />
              </RequireRole>
            ),
          },
          {
            path: "manage/import",
            element: (
              <RequireRole roles={["admin"]}>
                <ImportPage />
              </RequireRole>
            ),
          },
          {
            path: "manage/audit",
            element: (
              <RequireRole roles={["admin"]}>
                <AuditPage />
              </RequireRole>
            ),
          },
          {
            path: "manage/roles",
            element: (
              <RequireRole roles={["admin"]}>
                <RolesPage />
              </RequireRole>
            ),
          },
          { path: "*", element: <NotAvailable reason="not_found" /> },
        ],
      },
    ],
  },
]);
