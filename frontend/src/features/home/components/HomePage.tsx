import { Alert, Card, Col, Empty, Flex, Row, Typography } from "antd";
import { useQuery } from "@tanstack/react-query";
import { useTranslation } from "react-i18next";
import { Link } from "react-router";

import { NeedStatusTag, SkillTags } from "@/components/tags";
import { api, unwrap } from "@/lib/api";
import { useFormat } from "@/lib/format";
import { hasRole, isMember, useMe, type Me } from "@/lib/session";

interface EntryPoint {
  to: string;
  title: string;
  description: string;
}

function useEntryPoints(me: Me): EntryPoint[] {
  const { t } = useTranslation();
  const department = me.department?.id;
  const entries: EntryPoint[] = [
    { to: "/people", title: t("home.entries.findPeople"), description: t("home.entries.findPeopleText") },
    { to: "/profile", title: t("home.entries.mySkills"), description: t("home.entries.mySkillsText") },
    { to: "/groups", title: t("home.entries.studyGroups"), description: t("home.entries.studyGroupsText") },
  ];
  if (hasRole(me, "organiser")) {
    entries.push({
      to: "/people?tier=specialist",
      title: t("home.entries.findSpeakers"),
      description: t("home.entries.findSpeakersText"),
    });
  }
  if (hasRole(me, "hr")) {
    entries.push({
      to: "/needs",
      title: t("home.entries.allNeeds"),
      description: t("home.entries.allNeedsText"),
    });
  }
  if (hasRole(me, "dept_head")) {
    entries.push(
      { to: "/needs/new", title: t("home.entries.fileNeed"), description: t("home.entries.fileNeedText") },
      {
        to: department ? `/needs?department=${department}` : "/needs",
        title: t("home.entries.myDepartmentNeeds"),
        description: t("home.entries.myDepartmentNeedsText"),
      },
    );
  }
  if (hasRole(me, "admin")) {
    entries.push(
      { to: "/manage/import", title: t("nav.import"), description: t("home.entries.importText") },
      { to: "/manage/roles", title: t("nav.roles"), description: t("home.entries.rolesText") },
      { to: "/manage/audit", title: t("nav.audit"), description: t("home.entries.auditText") },
    );
  }
  return entries;
}

/** What matters to the signed-in person now: their skills, their department's needs, their tasks. */
export function HomePage() {
  const { t } = useTranslation();
  const me = useMe().data;
  if (!me) {
    return null;
  }
  return (
    <Flex vertical gap={16}>
      <Typography.Title level={2} style={{ margin: 0 }}>
        {t("home.greeting", { name: me.display_name })}
      </Typography.Title>
      {isMember(me) ? (
        <MemberHome me={me} />
      ) : (
        <Alert type="info" showIcon title={t("home.noRole")} description={t("home.noRoleText")} />
      )}
    </Flex>
  );
}

function MemberHome({ me }: { me: Me }) {
  const { t } = useTranslation();
  const format = useFormat();
  const entries = useEntryPoints(me);
  const department = me.department;
  const skills = useQuery({
    queryKey: ["me", "skills"],
    queryFn: () => unwrap(api.GET("/api/v1/me/skills/", { params: { query: { page_size: 100 } } })),
  });
  const needs = useQuery({
    queryKey: ["needs", "list", { department: department?.id, status: "open", home: true }],
    queryFn: () =>
      unwrap(
        api.GET("/api/v1/needs/", {
          params: {
            query: { department: department?.id, include_subdepartments: true, status: "open", page_size: 5 },
          },
        }),
      ),
    enabled: department !== null,
  });
  return (
    <Row gutter={[16, 16]}>
      <Col xs={24} lg={12}>
        <Card
          title={t("home.mySkills")}
          extra={<Link to="/profile">{t("home.editSkills")}</Link>}
          loading={skills.isPending}
        >
          {skills.data && skills.data.results.length > 0 ? (
            <SkillTags skills={skills.data.results} />
          ) : (
            <Empty description={t("home.noSkills")} />
          )}
        </Card>
      </Col>
      <Col xs={24} lg={12}>
        <Card
          title={
            department ? t("home.departmentNeeds", { department: format.name(department) }) : t("nav.needs")
          }
          extra={
            department && (
              <Link to={`/needs?department=${department.id}&status=open`}>{t("common.seeAll")}</Link>
            )
          }
          loading={needs.isPending && department !== null}
        >
          {needs.data && needs.data.results.length > 0 ? (
            <Flex vertical gap={12} role="list">
              {needs.data.results.map((need) => (
                <Flex key={need.id} justify="space-between" align="center" gap={8} role="listitem">
                  <Flex vertical>
                    <Link to={`/needs/${need.id}`}>{need.title}</Link>
                    <Typography.Text type="secondary">
                      {format.name(need.department)} · {format.date(need.start_date)} –{" "}
                      {format.date(need.end_date)}
                    </Typography.Text>
                  </Flex>
                  <NeedStatusTag status={need.status} />
                </Flex>
              ))}
            </Flex>
          ) : (
            <Empty description={t("home.noNeeds")} />
          )}
        </Card>
      </Col>
      <Col span={24}>
        <Card title={t("home.whatYouCanDo")}>
          <Row gutter={[16, 16]}>
            {entries.map((entry) => (
              <Col key={entry.to} xs={24} md={12} xl={8}>
                <Link to={entry.to}>
                  <Card hoverable size="small" title={entry.title}>
                    <Typography.Text type="secondary">{entry.description}</Typography.Text>
                  </Card>
                </Link>
              </Col>
            ))}
          </Row>
        </Card>
      </Col>
    </Row>
  );
}
