import {
  CalendarOutlined,
  ApartmentOutlined,
  CommentOutlined,
  AuditOutlined,
  HomeOutlined,
  LogoutOutlined,
  NodeIndexOutlined,
  SafetyOutlined,
  SolutionOutlined,
  StarOutlined,
  SwapOutlined,
  TeamOutlined,
  UploadOutlined,
  UserOutlined,
} from "@ant-design/icons";
import { Button, Flex, Grid, Layout, Menu, Typography, theme, type MenuProps } from "antd";
import { Suspense, useState } from "react";
import { useTranslation } from "react-i18next";
import { Outlet, useLocation, useNavigate } from "react-router";

import { LanguageSwitch } from "@/components/LanguageSwitch";
import { Loading } from "@/components/PageStates";
import { NotificationBell } from "@/features/notifications";
import { hasRole, isMember, useLogout, useMe } from "@/lib/session";

const { Header, Sider, Content } = Layout;

/** The frame of every signed-in page: navigation for what the person may do, language, sign-out. */
export function AppLayout() {
  const { t } = useTranslation();
  const me = useMe().data;
  const logout = useLogout();
  const navigate = useNavigate();
  const location = useLocation();
  const { token } = theme.useToken();
  // Folded from the first paint below the Sider's breakpoint (lg), rather than opened for a frame
  // until the Sider reads the screen's width.
  const [collapsed, setCollapsed] = useState(() => window.matchMedia("(max-width: 991.98px)").matches);
  // On a phone the navigation folds away entirely (a tab opens it over the page) and the header
  // keeps only what fits: the name (shortened if need be), the bell, the language and an icon to
  // sign out.
  const screens = Grid.useBreakpoint();
  const phone = screens.sm === false;

  const items: MenuProps["items"] = [
    { key: "/", icon: <HomeOutlined aria-hidden />, label: t("nav.home") },
    { key: "/profile", icon: <UserOutlined aria-hidden />, label: t("nav.profile") },
    ...(isMember(me)
      ? [
          { key: "/groups", icon: <CommentOutlined aria-hidden />, label: t("nav.groups") },
          { key: "/weeks", icon: <CalendarOutlined aria-hidden />, label: t("nav.weeks") },
          { key: "/people", icon: <TeamOutlined aria-hidden />, label: t("nav.people") },
          { key: "/departments", icon: <ApartmentOutlined aria-hidden />, label: t("nav.departments") },
          { key: "/needs", icon: <SolutionOutlined aria-hidden />, label: t("nav.needs") },
          { key: "/needs/for-me", icon: <StarOutlined aria-hidden />, label: t("nav.fittingNeeds") },
          { key: "/secondments", icon: <SwapOutlined aria-hidden />, label: t("nav.secondments") },
        ]
      : []),
    ...(hasRole(me, "hr", "admin")
      ? [{ key: "/review", icon: <NodeIndexOutlined aria-hidden />, label: t("nav.review") }]
      : []),
    ...(hasRole(me, "admin")
      ? [
          {
            type: "group" as const,
            key: "administration",
            label: t("nav.administration"),
            children: [
              { key: "/manage/import", icon: <UploadOutlined aria-hidden />, label: t("nav.import") },
              { key: "/manage/audit", icon: <AuditOutlined aria-hidden />, label: t("nav.audit") },
              { key: "/manage/roles", icon: <SafetyOutlined aria-hidden />, label: t("nav.roles") },
            ],
          },
        ]
      : []),
  ];
  const selected =
    [
      "/manage/import",
      "/manage/audit",
      "/manage/roles",
      "/groups",
      "/weeks",
      "/people",
      "/departments",
      "/needs/for-me",
      "/needs",
      "/review",
      "/secondments",
      "/profile",
    ].find((path) => location.pathname.startsWith(path)) ?? "/";

  return (
    <Layout style={{ minHeight: "100vh" }}>
      <Sider
        breakpoint="lg"
        collapsible
        collapsed={collapsed}
        collapsedWidth={phone ? 0 : 80}
        onCollapse={setCollapsed}
        // On a phone the tab sits in the header's empty left end, not over the page's title.
        zeroWidthTriggerStyle={{ top: 12 }}
        theme="light"
        style={{
          borderInlineEnd: `1px solid ${token.colorBorderSecondary}`,
          // On a phone, opened, it lies over the page rather than beside it: beside it, it would
          // squeeze the header and the page into what is left of 390 pixels.
          position: phone ? "fixed" : "sticky",
          insetInlineStart: 0,
          top: 0,
          height: "100vh",
          // Folded away on a phone, its tab sticks out over the page: above it, not under.
          zIndex: 11,
          overflow: phone && collapsed ? "visible" : "auto",
        }}
      >
        <Flex align="center" gap={8} style={{ height: 64, paddingInline: 20 }}>
          <img src="/static/favicon.svg" alt="" width={28} height={28} />
          {!collapsed && (
            <Typography.Text strong style={{ fontSize: 16 }}>
              {t("app.name")}
            </Typography.Text>
          )}
        </Flex>
        <nav aria-label={t("nav.label")}>
          <Menu
            mode="inline"
            selectedKeys={[selected]}
            items={items}
            onClick={({ key }) => {
              void navigate(key);
              if (phone) {
                setCollapsed(true);
              }
            }}
          />
        </nav>
      </Sider>
      {phone && !collapsed && (
        // A tap beside the opened navigation folds it away, as beside a drawer.
        <div
          aria-hidden
          onClick={() => setCollapsed(true)}
          style={{ position: "fixed", inset: 0, zIndex: 10, background: token.colorBgMask }}
        />
      )}
      <Layout>
        <Header
          style={{
            // Stays on top as the page scrolls: on a phone the navigation's tab rests on it.
            position: "sticky",
            top: 0,
            zIndex: 9,
            background: token.colorBgContainer,
            // On a phone the navigation's tab (40 pixels wide) rests on the header's left end.
            paddingInlineStart: phone ? 52 : 24,
            paddingInlineEnd: phone ? 12 : 24,
            borderBottom: `1px solid ${token.colorBorderSecondary}`,
          }}
        >
          <Flex justify="flex-end" align="center" gap={phone ? 8 : 16} style={{ height: "100%" }}>
            {isMember(me) && <NotificationBell />}
            <LanguageSwitch />
            {/* One line whatever the room: the name gives way (an ellipsis), not its letters. */}
            <Typography.Text ellipsis={{ tooltip: me?.display_name }} style={{ minWidth: 0 }}>
              {me?.display_name}
            </Typography.Text>
            <Button
              icon={<LogoutOutlined aria-hidden />}
              aria-label={phone ? t("auth.signOut") : undefined}
              onClick={() => logout.mutate()}
              // The name gives way, not the button.
              style={{ flexShrink: 0 }}
            >
              {!phone && t("auth.signOut")}
            </Button>
          </Flex>
        </Header>
        {/* Ant Design's Content is the page's <main> landmark. */}
        <Content style={{ padding: phone ? 12 : 24 }}>
          {/* Each page is loaded when first opened (app/pages.ts). */}
          <Suspense fallback={<Loading />}>
            <Outlet />
          </Suspense>
        </Content>
      </Layout>
    </Layout>
  );
}
