import { lazy, type ComponentType } from "react";

/**
 * The pages, each loaded when first opened: signing in needs none of them, and a person who
 * never opens the review or the schedule editor never downloads their charts or drag and drop.
 * Each feature is one chunk, shared by its pages.
 */
function page<Module, Name extends keyof Module>(load: () => Promise<Module | undefined>, name: Name) {
  return lazy(async () => {
    const loaded = await load();
    if (!loaded) {
      // The tab is loading a new build instead (main.tsx): the spinner stays until it has.
      return new Promise<never>(() => undefined);
    }
    return { default: loaded[name] as ComponentType };
  });
}

const admin = () => import("@/features/admin");
const needs = () => import("@/features/needs");
const people = () => import("@/features/people");
const review = () => import("@/features/review");
const weeks = () => import("@/features/weeks");

export const AuditPage = page(admin, "AuditPage");
export const ImportPage = page(admin, "ImportPage");
export const RolesPage = page(admin, "RolesPage");
export const DepartmentsPage = page(() => import("@/features/departments"), "DepartmentsPage");
export const GroupsPage = page(() => import("@/features/groups"), "GroupsPage");
export const GroupRoute = page(() => import("@/app/GroupRoute"), "GroupRoute");
export const HomePage = page(() => import("@/features/home"), "HomePage");
export const FittingNeedsPage = page(needs, "FittingNeedsPage");
export const NeedCreatePage = page(needs, "NeedCreatePage");
export const NeedDetailPage = page(needs, "NeedDetailPage");
export const NeedEditPage = page(needs, "NeedEditPage");
export const NeedsPage = page(needs, "NeedsPage");
export const PeoplePage = page(people, "PeoplePage");
export const PersonPage = page(people, "PersonPage");
export const ProfilePage = page(() => import("@/features/profile"), "ProfilePage");
export const FlowPage = page(review, "FlowPage");
export const PoolPage = page(review, "PoolPage");
export const RunPage = page(review, "RunPage");
export const RunsPage = page(review, "RunsPage");
export const SecondmentsPage = page(() => import("@/features/secondments"), "SecondmentsPage");
export const CheckInPage = page(weeks, "CheckInPage");
export const CheckInScreen = page(weeks, "CheckInScreen");
export const ScheduleEditor = page(weeks, "ScheduleEditor");
export const WeeksPage = page(weeks, "WeeksPage");
export const WeekRoute = page(() => import("@/app/WeekRoute"), "WeekRoute");
