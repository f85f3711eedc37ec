import { Flex, Typography } from "antd";
import { useTranslation } from "react-i18next";

import { SkillHistory } from "@/components/SkillHistory";
import { isMember, useMe } from "@/lib/session";

import { AboutMe } from "./AboutMe";
import { Availability } from "./Availability";
import { MyPassword } from "./MyPassword";
import { MySessions } from "./MySessions";
import { MySkills } from "./MySkills";

export function ProfilePage() {
  const { t } = useTranslation();
  const me = useMe().data;
  if (!me) {
    return null;
  }
  return (
    <Flex vertical gap={16} style={{ maxWidth: 960 }}>
      <Typography.Title level={2} style={{ margin: 0 }}>
        {t("profile.title")}
      </Typography.Title>
      <AboutMe me={me} />
      {isMember(me) && <MySkills />}
      {isMember(me) && <SkillHistory personId={me.id} />}
      {isMember(me) && <Availability me={me} />}
      <MyPassword />
      <MySessions />
    </Flex>
  );
}
