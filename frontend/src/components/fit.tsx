import { Flex, Space, Typography } from "antd";
import { useTranslation } from "react-i18next";

import { ToneTag } from "@/components/tags";
import type { Schemas } from "@/lib/api";
import { useFormat } from "@/lib/format";

type Fit = Schemas["Fit"];

const PART_COLOURS = {
  must_have: "#1668dc",
  nice_to_have: "#69b1ff",
  preference: "#389e0d",
  tier: "#d48806",
} as const;
type Part = keyof typeof PART_COLOURS;

/** The fit's four parts as one bar out of 100, named for screen readers. */
export function FitBar({ fit }: { fit: Fit }) {
  const { t } = useTranslation();
  const format = useFormat();
  // In the colours' order, whatever order the server's JSON keeps (PostgreSQL's sorts keys).
  const parts = (Object.keys(PART_COLOURS) as Part[])
    .map((part): [Part, number] => [part, fit.parts[part] ?? 0])
    .filter(([, value]) => value > 0);
  const described = parts
    .map(([part, value]) => `${t(`enums.fitPart.${part}`)} ${format.fit(value)}`)
    .join(", ");
  return (
    <Flex align="center" gap={8}>
      <Typography.Text strong style={{ minWidth: 88 }}>
        {t("review.fit", { total: format.fit(fit.total) })}
      </Typography.Text>
      <div
        role="img"
        aria-label={`${t("review.fitParts")}: ${described}`}
        title={described}
        style={{
          display: "flex",
          flex: 1,
          maxWidth: 320,
          height: 10,
          background: "#f0f0f0",
          borderRadius: 5,
          overflow: "hidden",
        }}
      >
        {parts.map(([part, value]) => (
          <div key={part} style={{ width: `${value}%`, background: PART_COLOURS[part] }} />
        ))}
      </div>
    </Flex>
  );
}

/** A need's requirements as a person meets them: green met, red a must-have lacking, amber a
 * nice-to-have lacking; each with the level held and its provenance. */
export function RequirementTags({
  requirements,
}: {
  requirements: {
    skill: Schemas["SkillBrief"] | Schemas["ExplainedSkill"];
    must: boolean;
    min_level: number;
    level: number | null;
    provenance: Schemas["ProvenanceEnum"] | null;
    met: boolean;
  }[];
}) {
  const { t } = useTranslation();
  const format = useFormat();
  return (
    <Space size={[4, 4]} wrap aria-label={t("review.requirements")}>
      {requirements.map((requirement) => (
        <ToneTag
          key={requirement.skill.code}
          tone={requirement.met ? "green" : requirement.must ? "red" : "amber"}
        >
          {format.name(requirement.skill)} ≥ {requirement.min_level}:{" "}
          {requirement.level === null
            ? t("review.missing")
            : `${requirement.level} · ${t(`enums.provenance.${requirement.provenance ?? "self"}`)}`}
        </ToneTag>
      ))}
    </Space>
  );
}
