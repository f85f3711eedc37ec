import { App, Badge, Button, Card, Descriptions, Flex, Popconfirm, Space, Tabs, Typography } from "antd";
import { useState, type ReactNode } from "react";
import type { TFunction } from "i18next";
import { useTranslation } from "react-i18next";
import { useNavigate, useParams } from "react-router";

import { Loading, NotAvailable, QueryError } from "@/components/PageStates";
import { ToneTag } from "@/components/tags";
import { useErrorText } from "@/lib/errors";
import { useFormat } from "@/lib/format";
import { hasRole, useMe } from "@/lib/session";

import {
  type Group,
  isFull,
  type MembershipStatus,
  useGroup,
  useMembers,
  useMembershipAction,
  useUpdateGroup,
} from "../api/groups";
import { useGroupDecisions } from "../hooks/useLiveGroups";
import { GroupForm } from "./GroupForm";
import { MembersPanel } from "./MembersPanel";
import { MyStanding } from "./MyStanding";

/** What the page shows in its chat tab: the room's chat, for its members (composed by the app). */
export type ChatSlot = (room: number, myId: number) => ReactNode;

export function GroupPage({ chat }: { chat: ChatSlot }) {
  const id = Number(useParams().id);
  return Number.isInteger(id) && id > 0 ? (
    <GroupDetail id={id} chat={chat} />
  ) : (
    <NotAvailable reason="not_found" />
  );
}

function GroupDetail({ id, chat }: { id: number; chat: ChatSlot }) {
  const { t } = useTranslation();
  const format = useFormat();
  const errorText = useErrorText();
  const { message } = App.useApp();
  const me = useMe().data;
  const group = useGroup(id);
  const action = useMembershipAction(id);
  const update = useUpdateGroup(id);
  const [editing, setEditing] = useState(false);
  const navigate = useNavigate();
  useGroupDecisions();

  if (group.isPending) {
    return <Loading />;
  }
  if (group.isError || !me) {
    return <QueryError error={group.error} />;
  }
  const data = group.data;
  const mine = data.my_membership;
  const member = mine?.status === "active";
  const owner = mine?.role === "owner" && member;
  const run = (kind: "join" | "leave" | "archive", done: string) =>
    action.mutate(kind, {
      onSuccess: () => {
        void message.success(done);
        if (kind === "leave" && data.join_policy === "invite") {
          void navigate("/groups"); // an invitation-only group is out of sight once left
        }
      },
      onError: (error) => void message.error(errorText(error)),
    });

  const joinLabel =
    mine?.status === "invited"
      ? t("groups.acceptInvitation")
      : data.join_policy === "approval"
        ? t("groups.askToJoin")
        : isFull(data)
          ? t("groups.joinWaitlist")
          : t("groups.join");
  const leaveLabel = leaveLabelFor(mine?.status, t);
  const canJoin =
    !data.archived &&
    (!mine || mine.status === "invited") &&
    (data.join_policy !== "invite" || mine?.status === "invited");

  return (
    <Flex vertical gap={16}>
      <Flex justify="space-between" align="flex-start" wrap gap={8}>
        <Flex vertical gap={4}>
          <Space align="center" wrap>
            <Typography.Title level={2} style={{ margin: 0 }}>
              {data.name}
            </Typography.Title>
            <MyStanding group={data} />
          </Space>
          <Typography.Text type="secondary">{t(`enums.joinPolicy.${data.join_policy}`)}</Typography.Text>
        </Flex>
        <Space wrap>
          {canJoin && (
            <Button type="primary" loading={action.isPending} onClick={() => run("join", t("groups.joined"))}>
              {joinLabel}
            </Button>
          )}
          {leaveLabel && !owner && !data.archived && (
            <Popconfirm
              title={t("groups.confirmLeave")}
              okText={leaveLabel}
              cancelText={t("common.cancel")}
              onConfirm={() => run("leave", t("groups.left"))}
            >
              <Button>{leaveLabel}</Button>
            </Popconfirm>
          )}
          {data.can_moderate && !data.archived && (
            <Button onClick={() => setEditing(true)}>{t("groups.edit")}</Button>
          )}
          {(owner || hasRole(me, "admin")) && !data.archived && (
            <Popconfirm
              title={t("groups.confirmArchive")}
              okText={t("groups.archive")}
              cancelText={t("common.cancel")}
              okButtonProps={{ danger: true }}
              onConfirm={() => run("archive", t("groups.archivedNow"))}
            >
              <Button danger>{t("groups.archive")}</Button>
            </Popconfirm>
          )}
        </Space>
      </Flex>
      <Card>
        {data.description && (
          <Typography.Paragraph style={{ whiteSpace: "pre-wrap" }}>{data.description}</Typography.Paragraph>
        )}
        <Descriptions column={{ xs: 1, md: 2 }}>
          <Descriptions.Item label={t("groups.teaches")}>
            <Space size={[4, 4]} wrap>
              {data.skills.length === 0
                ? "—"
                : data.skills.map((skill) => (
                    <ToneTag key={skill.id} tone="blue">
                      {format.name(skill)}
                    </ToneTag>
                  ))}
            </Space>
          </Descriptions.Item>
          <Descriptions.Item label={t("groups.fields.capacity")}>
            {data.capacity
              ? t("groups.membersOf", { count: data.member_count, capacity: data.capacity })
              : `${t("groups.memberCount", { count: data.member_count })} · ${t("groups.noLimit")}`}
            {data.waitlist_count > 0 && ` · ${t("groups.waitingCount", { count: data.waitlist_count })}`}
          </Descriptions.Item>
          <Descriptions.Item label={t("groups.fields.tier")}>
            {data.target_tier ? t(`enums.tier.${data.target_tier}`) : t("groups.anyTier")}
          </Descriptions.Item>
          <Descriptions.Item label={t("groups.departmentsRepresented")}>
            {format.list(data.departments.map((department) => format.name(department))) || "—"}
          </Descriptions.Item>
        </Descriptions>
      </Card>
      {member ? (
        <Tabs
          items={[
            {
              key: "chat",
              label: t("chat.title"),
              children: chat(data.room, me.id),
            },
            {
              key: "members",
              label: <MembersTabLabel group={data} />,
              children: <MembersPanel group={data} myId={me.id} />,
            },
          ]}
        />
      ) : (
        <>
          <Card>
            <Typography.Text type="secondary">{t("groups.membersOnly")}</Typography.Text>
          </Card>
          <MembersPanel group={data} myId={me.id} />
        </>
      )}
      <GroupForm
        open={editing}
        group={data}
        saving={update.isPending}
        onCancel={() => setEditing(false)}
        onSave={(input) =>
          update.mutateAsync(input).then(() => {
            setEditing(false);
            void message.success(t("common.saved"));
          })
        }
      />
    </Flex>
  );
}

function leaveLabelFor(status: MembershipStatus | undefined, t: TFunction): string | undefined {
  switch (status) {
    case "active":
      return t("groups.leave");
    case "pending":
      return t("groups.withdrawRequest");
    case "waitlisted":
      return t("groups.leaveWaitlist");
    case "invited":
      return t("groups.declineInvitation");
    default:
      return undefined;
  }
}

/** "Members", with how many ask to join for those who decide. */
function MembersTabLabel({ group }: { group: Group }) {
  const { t } = useTranslation();
  const requests = useMembers(group.id, { status: "pending", page_size: 1 }, group.can_moderate);
  const asking = requests.data?.count ?? 0;
  return (
    <Badge count={asking} offset={[10, -2]} size="small" title={t("groups.asking", { count: asking })}>
      {t("groups.members")}
    </Badge>
  );
}
