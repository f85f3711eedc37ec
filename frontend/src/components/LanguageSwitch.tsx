import { useMutation, useQueryClient } from "@tanstack/react-query";
import { Segmented } from "antd";
import { useTranslation } from "react-i18next";

import { api, unwrap } from "@/lib/api";
import { adoptLanguage, LANGUAGES, type Language } from "@/lib/i18n";
import { useMe } from "@/lib/session";

/** Switches the interface language; a signed-in person's choice is kept in their profile. */
export function LanguageSwitch() {
  const { t, i18n } = useTranslation();
  const me = useMe().data;
  const queryClient = useQueryClient();
  const saveLanguage = useMutation({
    mutationFn: (language: Language) => unwrap(api.PATCH("/api/v1/me/", { body: { language } })),
    onSuccess: (updated) => queryClient.setQueryData(["me"], updated),
  });
  const choose = (language: Language) => {
    void adoptLanguage(language);
    if (me) {
      saveLanguage.mutate(language);
    }
  };
  return (
    <Segmented<Language>
      aria-label={t("common.language")}
      size="small"
      value={i18n.language === "en" ? "en" : "zh-hans"}
      onChange={choose}
      options={LANGUAGES.map(({ code, label }) => ({ value: code, label }))}
    />
  );
}
