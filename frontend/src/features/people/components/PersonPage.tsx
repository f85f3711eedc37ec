import { EyeOutlined, KeyOutlined, SafetyCertificateOutlined } from "@ant-design/icons";
import {
  Alert,
  App,
  Button,
  Card,
  Descriptions,
  Flex,
  Form,
  Input,
  Modal,
  Space,
  Table,
  Tag,
  Typography,
} from "antd";
import { useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { useParams } from "react-router";

import { Loading, NotAvailable, QueryError } from "@/components/PageStates";
import { SkillHistory } from "@/components/SkillHistory";
import { ProvenanceTag, ToneTag } from "@/components/tags";
import { useErrorText } from "@/lib/errors";
import { useFormat } from "@/lib/format";
import { hasRole, useMe } from "@/lib/session";

import { useIssuePasswordLink, usePerson, useReveal, useVerifySkill, type Person } from "../api/people";

type HeldSkill = Person["skills"][number];

export function PersonPage() {
  const id = Number(useParams().id);
  return Number.isInteger(id) && id > 0 ? <PersonDetail id={id} /> : <NotAvailable reason="not_found" />;
}

function PersonDetail({ id }: { id: number }) {
  const { t } = useTranslation();
  const format = useFormat();
  const errorText = useErrorText();
  const { message } = App.useApp();
  const me = useMe().data;
  const person = usePerson(id);
  const reveal = useReveal(id);
  const [askingWhy, setAskingWhy] = useState(false);
  const verify = useVerifySkill(id);
  const queryClient = useQueryClient();

  if (person.isPending) {
    return <Loading />;
  }
  if (person.isError) {
    return <QueryError error={person.error} />;
  }
  const { data } = person;
  const mayVerify =
    !!me && me.id !== data.id && !!data.department && me.headed_department_ids.includes(data.department.id);
  const revealed = reveal.data;
  // As the server decides: the person, the heads of their department, HR and administrators.
  const mayReadHistory =
    !!me &&
    (me.id === data.id ||
      hasRole(me, "hr", "admin") ||
      (!!data.department && me.headed_department_ids.includes(data.department.id)));

  return (
    <Flex vertical gap={16} style={{ maxWidth: 960 }}>
      <Space align="center" wrap>
        <Typography.Title level={2} style={{ margin: 0 }}>
          {data.display_name}
        </Typography.Title>
        {!data.is_active && <ToneTag tone="red">{t("people.inactive")}</ToneTag>}
      </Space>
      <Card>
        <Descriptions column={{ xs: 1, md: 2 }}>
          <Descriptions.Item label={t("people.fields.employeeNumber")}>
            {data.employee_number}
          </Descriptions.Item>
          <Descriptions.Item label={t("people.fields.department")}>
            {data.department ? format.name(data.department) : "—"}
          </Descriptions.Item>
          <Descriptions.Item label={t("people.fields.position")}>{data.position || "—"}</Descriptions.Item>
          <Descriptions.Item label={t("people.fields.tier")}>
            {t(`enums.tier.${data.tier}`)}
          </Descriptions.Item>
          <Descriptions.Item label={t("people.fields.email")}>{data.email || "—"}</Descriptions.Item>
          <Descriptions.Item label={t("people.fields.roles")}>
            {data.roles.map((role) => (
              <Tag key={role}>{t(`enums.role.${role}`)}</Tag>
            ))}
          </Descriptions.Item>
          {data.clearance !== null && (
            <Descriptions.Item label={t("people.fields.clearance")}>
              {format.clearance(data.clearance)}
            </Descriptions.Item>
          )}
          <Descriptions.Item label={t("people.fields.phone")}>
            {revealed?.phone ?? data.phone}
          </Descriptions.Item>
          <Descriptions.Item label={t("people.fields.nationalId")}>
            {revealed?.national_id ?? data.national_id}
          </Descriptions.Item>
        </Descriptions>
        {data.can_reveal && !revealed && (
          <Button
            icon={<EyeOutlined aria-hidden />}
            loading={reveal.isPending}
            onClick={() => setAskingWhy(true)}
            style={{ marginTop: 16 }}
          >
            {t("people.reveal")}
          </Button>
        )}
        <RevealReason
          open={askingWhy}
          onCancel={() => setAskingWhy(false)}
          onReason={(reason) => {
            setAskingWhy(false);
            reveal.mutate(reason);
          }}
        />
        {revealed && (
          <Alert type="warning" showIcon title={t("people.revealedNotice")} style={{ marginTop: 16 }} />
        )}
        {reveal.isError && (
          <Alert type="error" showIcon title={errorText(reveal.error)} style={{ marginTop: 16 }} />
        )}
      </Card>
      {hasRole(me, "admin") && data.is_active && <PasswordLinkCard person={data} />}
      <Card title={t("people.fields.skills")}>
        <Table<HeldSkill>
          rowKey={(held) => held.skill.id}
          dataSource={data.skills}
          pagination={false}
          locale={{ emptyText: t("people.noSkills") }}
          columns={[
            { title: t("needs.fields.skill"), render: (_, held) => format.name(held.skill) },
            { title: t("profile.level"), render: (_, held) => format.level(held.level) },
            {
              title: t("profile.provenance"),
              render: (_, held) => <ProvenanceTag provenance={held.provenance} />,
            },
            ...(mayVerify
              ? [
                  {
                    title: <span className="visually-hidden">{t("common.actions")}</span>,
                    render: (_: unknown, held: HeldSkill) =>
                      held.provenance === "self" && (
                        <Button
                          size="small"
                          icon={<SafetyCertificateOutlined aria-hidden />}
                          onClick={() =>
                            verify.mutate(held.skill.id, {
                              onSuccess: () => {
                                void message.success(t("people.verified"));
                                void queryClient.invalidateQueries({ queryKey: ["people"] });
                              },
                              onError: (error) => void message.error(errorText(error)),
                            })
                          }
                        >
                          {t("people.verify")}
                        </Button>
                      ),
                  },
                ]
              : []),
          ]}
        />
      </Card>
      {mayReadHistory && <SkillHistory personId={data.id} />}
    </Flex>
  );
}

/** Why the reader needs the unmasked values: asked before they are shown, kept in the audit trail. */
function RevealReason({
  open,
  onCancel,
  onReason,
}: {
  open: boolean;
  onCancel: () => void;
  onReason: (reason: string) => void;
}) {
  const { t } = useTranslation();
  const [form] = Form.useForm<{ reason: string }>();
  return (
    <Modal
      open={open}
      title={t("people.reveal")}
      okText={t("people.revealConfirm")}
      cancelText={t("common.cancel")}
      onCancel={onCancel}
      onOk={() => form.submit()}
      destroyOnHidden
    >
      <Form form={form} layout="vertical" preserve={false} onFinish={({ reason }) => onReason(reason.trim())}>
        <Form.Item
          name="reason"
          label={t("people.revealReason")}
          extra={t("people.revealReasonHelp")}
          rules={[{ required: true, whitespace: true, message: t("people.revealReasonRequired") }]}
        >
          <Input.TextArea rows={2} maxLength={200} showCount autoFocus />
        </Form.Item>
      </Form>
    </Modal>
  );
}

/** An administrator gives the person a link to choose a password: their first sign-in (an
 * imported account has none), or a forgotten one. */
function PasswordLinkCard({ person }: { person: Person }) {
  const { t } = useTranslation();
  const format = useFormat();
  const errorText = useErrorText();
  const issue = useIssuePasswordLink(person.id);
  const link = issue.data;

  return (
    <Card title={t("people.passwordLink.title")}>
      <Typography.Paragraph type="secondary">{t("people.passwordLink.help")}</Typography.Paragraph>
      <Button icon={<KeyOutlined aria-hidden />} loading={issue.isPending} onClick={() => issue.mutate()}>
        {link ? t("people.passwordLink.again") : t("people.passwordLink.make")}
        <span className="visually-hidden">: {person.display_name}</span>
      </Button>
      {link && (
        <Alert
          type="success"
          showIcon
          style={{ marginTop: 16 }}
          title={
            link.emailed
              ? t("people.passwordLink.emailed", { email: person.email })
              : t("people.passwordLink.handOver")
          }
          description={
            <>
              <Typography.Paragraph copyable={{ text: link.url }} style={{ wordBreak: "break-all" }}>
                <Typography.Text code>{link.url}</Typography.Text>
              </Typography.Paragraph>
              {t("people.passwordLink.expires", { time: format.dateTime(link.expires_at) })}
            </>
          }
        />
      )}
      {issue.isError && (
        <Alert type="error" showIcon title={errorText(issue.error)} style={{ marginTop: 16 }} />
      )}
    </Card>
  );
}
