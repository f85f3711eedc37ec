import { App, Button, Card, Flex, Input, Popconfirm, Select, Space, Table, Typography } from "antd";
import { useState } from "react";
import { useTranslation } from "react-i18next";

import { CsvDownload } from "@/components/CsvDownload";
import { PersonSelect } from "@/components/PersonSelect";
import { ToneTag } from "@/components/tags";
import { useErrorText } from "@/lib/errors";
import { useUrlFilters } from "@/lib/url-state";

import { useInvite, useMembers, useModerate, type Group, type Member, type MemberRole } from "../api/groups";

const STATUS_TONES = { active: "green", pending: "blue", invited: "blue", waitlisted: "neutral" } as const;

/** Who is in the group; to its owner and moderators, also who asked, who is invited, who waits. */
export function MembersPanel({ group, myId }: { group: Group; myId: number }) {
  const { t } = useTranslation();
  const errorText = useErrorText();
  const { message } = App.useApp();
  const { values, page, pageSize, update, pagination } = useUrlFilters(["q"]);
  const members = useMembers(group.id, { q: values.q, page, page_size: pageSize }, true);
  const moderate = useModerate(group.id);
  const invite = useInvite(group.id);
  const [invitee, setInvitee] = useState<number | undefined>();
  const owning = group.my_membership?.role === "owner";
  const onError = (error: unknown) => void message.error(errorText(error));
  const act = (membership: number, action: "approve" | "reject" | "remove" | "role", role?: MemberRole) =>
    moderate.mutate(
      { membership, action, role },
      { onSuccess: () => void message.success(t("groups.done")), onError },
    );

  return (
    <Card
      title={t("groups.members")}
      extra={
        group.can_moderate && (
          <CsvDownload path={`/api/v1/groups/${group.id}/members.csv`}>
            {t("groups.exportMembers")}
          </CsvDownload>
        )
      }
    >
      <Flex gap={8} style={{ marginBottom: 16 }} wrap>
        <Input.Search
          aria-label={t("groups.findMember")}
          placeholder={t("groups.findMember")}
          allowClear
          defaultValue={values.q}
          onSearch={(q) => update({ q })}
          style={{ width: 220 }}
        />
        {group.can_moderate && !group.archived && (
          <Space.Compact>
            <PersonSelect
              aria-label={t("groups.invitePerson")}
              placeholder={t("groups.invitePerson")}
              value={invitee}
              onChange={setInvitee}
            />
            <Button
              disabled={invitee === undefined}
              loading={invite.isPending}
              onClick={() =>
                invitee !== undefined &&
                invite.mutate(invitee, {
                  onSuccess: () => {
                    setInvitee(undefined);
                    void message.success(t("groups.invited"));
                  },
                  onError,
                })
              }
            >
              {t("groups.invite")}
            </Button>
          </Space.Compact>
        )}
      </Flex>
      <Table<Member>
        rowKey="id"
        size="small"
        loading={members.isPending}
        dataSource={members.data?.results}
        pagination={pagination(members.data?.count)}
        scroll={{ x: 640 }}
        columns={[
          {
            title: t("people.fields.name"),
            render: (_, member) => (
              <Space orientation="vertical" size={0}>
                <Typography.Text>{member.user.display_name}</Typography.Text>
                <Typography.Text type="secondary">
                  @{member.user.username}
                  {member.user.department ? ` · ${member.user.department}` : ""}
                </Typography.Text>
              </Space>
            ),
          },
          { title: t("groups.role"), render: (_, member) => t(`enums.memberRole.${member.role}`) },
          {
            title: t("groups.status"),
            render: (_, member) => (
              <ToneTag tone={STATUS_TONES[member.status as keyof typeof STATUS_TONES] ?? "neutral"}>
                {t(`enums.membershipStatus.${member.status}`)}
                {member.waitlist_position ? ` #${member.waitlist_position}` : ""}
              </ToneTag>
            ),
          },
          ...(group.can_moderate && !group.archived
            ? [
                {
                  title: <span className="visually-hidden">{t("common.actions")}</span>,
                  render: (_: unknown, member: Member) => (
                    <Space wrap>
                      {member.status === "pending" && (
                        <>
                          <Button size="small" type="primary" onClick={() => act(member.id, "approve")}>
                            {t("groups.approve")}
                          </Button>
                          <Button size="small" onClick={() => act(member.id, "reject")}>
                            {t("groups.reject")}
                          </Button>
                        </>
                      )}
                      {owning && member.status === "active" && member.role !== "owner" && (
                        <Select<MemberRole>
                          size="small"
                          aria-label={t("groups.roleOf", { name: member.user.display_name })}
                          value={member.role}
                          onChange={(role) => act(member.id, "role", role)}
                          options={(["member", "moderator", "owner"] as MemberRole[]).map((role) => ({
                            value: role,
                            label: t(`enums.memberRole.${role}`),
                          }))}
                          style={{ width: 120 }}
                        />
                      )}
                      {member.role !== "owner" && member.user.id !== myId && (
                        <Popconfirm
                          title={t("groups.confirmRemove", { name: member.user.display_name })}
                          okText={t("groups.remove")}
                          cancelText={t("common.cancel")}
                          okButtonProps={{ danger: true }}
                          onConfirm={() => act(member.id, "remove")}
                        >
                          <Button size="small" danger>
                            {t("groups.remove")}
                          </Button>
                        </Popconfirm>
                      )}
                    </Space>
                  ),
                },
              ]
            : []),
        ]}
      />
    </Card>
  );
}
