import { App, Button, Card, Flex, Popconfirm, Typography } from "antd";
import { useTranslation } from "react-i18next";

import { QueryError } from "@/components/PageStates";
import { ToneTag } from "@/components/tags";
import { useFormat } from "@/lib/format";
import { signedOut } from "@/lib/signed-out";

import {
  type SignedInSession,
  useEndOtherSessions,
  useEndSession,
  useMySessions,
  useMyToken,
  useRevokeToken,
} from "../api/profile";
import { describeBrowser } from "./browser";

/** Where I am signed in: my browser sessions, each of which I may end, and my API token. */
export function MySessions() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const sessions = useMySessions();
  const endOthers = useEndOtherSessions();
  const others = (sessions.data ?? []).filter((session) => !session.current).length;

  const signOutElsewhere = () =>
    endOthers.mutate(undefined, {
      onSuccess: ({ ended }) => void message.success(t("profile.sessionsEnded", { count: ended })),
    });

  return (
    <Card title={t("profile.sessions")}>
      <Typography.Paragraph type="secondary">{t("profile.sessionsHelp")}</Typography.Paragraph>
      {sessions.isError && <QueryError error={sessions.error} />}
      <Flex vertical gap={12} component="ul" style={{ listStyle: "none", margin: 0, padding: 0 }}>
        {sessions.data?.map((session) => (
          <SessionRow key={session.id} session={session} />
        ))}
        <TokenRow />
      </Flex>
      {others > 0 && (
        <Popconfirm title={t("profile.confirmSignOutElsewhere")} onConfirm={signOutElsewhere}>
          <Button loading={endOthers.isPending} style={{ marginTop: 16 }}>
            {t("profile.signOutElsewhere")}
          </Button>
        </Popconfirm>
      )}
    </Card>
  );
}

function SessionRow({ session }: { session: SignedInSession }) {
  const { t } = useTranslation();
  const format = useFormat();
  const end = useEndSession();
  const browser = describeBrowser(session.user_agent) ?? t("profile.unknownBrowser");

  const endIt = () =>
    end.mutate(session.id, {
      onSuccess: () => {
        if (session.current) {
          signedOut.notify();
        }
      },
    });

  return (
    <Flex component="li" justify="space-between" align="center" gap={12} wrap>
      <div style={{ minWidth: 0 }}>
        <Typography.Text strong>{browser}</Typography.Text>{" "}
        {session.current && <ToneTag tone="green">{t("profile.thisBrowser")}</ToneTag>}
        {session.site === "admin" && <ToneTag>{t("profile.adminSite")}</ToneTag>}
        <div>
          <Typography.Text type="secondary">
            {t("profile.sessionDetails", {
              signedIn: format.dateTime(session.signed_in_at),
              lastSeen: format.dateTime(session.last_seen_at),
              ends: format.dateTime(session.expires_at),
            })}
            {session.address && ` · ${t("profile.fromAddress", { address: session.address })}`}
          </Typography.Text>
        </div>
      </div>
      <Popconfirm
        title={session.current ? t("profile.confirmEndThisSession") : t("profile.confirmEndSession")}
        onConfirm={endIt}
      >
        <Button danger={!session.current} loading={end.isPending}>
          {session.current ? t("auth.signOut") : t("profile.endSession")}
        </Button>
      </Popconfirm>
    </Flex>
  );
}

/** My API token, for scripts: when it expires, and a way to revoke it. */
function TokenRow() {
  const { t } = useTranslation();
  const format = useFormat();
  const token = useMyToken();
  const revoke = useRevokeToken();
  if (!token.data) {
    return null;
  }
  return (
    <Flex component="li" justify="space-between" align="center" gap={12} wrap>
      <div>
        <Typography.Text strong>{t("profile.apiToken")}</Typography.Text>
        <div>
          <Typography.Text type="secondary">
            {t("profile.tokenDetails", {
              issued: format.dateTime(token.data.created_at),
              expires: format.dateTime(token.data.expires_at),
            })}
          </Typography.Text>
        </div>
      </div>
      <Popconfirm title={t("profile.confirmRevokeToken")} onConfirm={() => revoke.mutate()}>
        <Button danger loading={revoke.isPending}>
          {t("profile.revokeToken")}
        </Button>
      </Popconfirm>
    </Flex>
  );
}
