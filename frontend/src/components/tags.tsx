import { Space, Tag, Tooltip } from "antd";
import type { ReactNode } from "react";
import { useTranslation } from "react-i18next";

import type { Schemas } from "@/lib/api";
import { useFormat } from "@/lib/format";

/** Tag colours whose text keeps a 4.5:1 contrast (WCAG AA); Ant Design's presets do not. */
const TONES = {
  neutral: { color: "rgba(0, 0, 0, 0.88)", background: "#fafafa", borderColor: "#d9d9d9" },
  blue: { color: "#0b3a7e", background: "#e6f4ff", borderColor: "#91caff" },
  green: { color: "#135200", background: "#f6ffed", borderColor: "#b7eb8f" },
  red: { color: "#820014", background: "#fff1f0", borderColor: "#ffa39e" },
  amber: { color: "#873800", background: "#fff7e6", borderColor: "#ffd591" },
} as const;
export type Tone = keyof typeof TONES;

/** A tag in one of the accessible tones; a long text wraps inside it rather than overflowing. */
export function ToneTag({ tone = "neutral", children }: { tone?: Tone; children: ReactNode }) {
  return <Tag style={{ ...TONES[tone], whiteSpace: "normal", maxWidth: "100%" }}>{children}</Tag>;
}

const PROVENANCE_TONES: Record<Schemas["ProvenanceEnum"], Tone> = {
  self: "neutral",
  manager_verified: "blue",
  evidenced: "green",
};

export function ProvenanceTag({ provenance }: { provenance: Schemas["ProvenanceEnum"] }) {
  const { t } = useTranslation();
  return <ToneTag tone={PROVENANCE_TONES[provenance]}>{t(`enums.provenance.${provenance}`)}</ToneTag>;
}

/** A skill with its level, e.g. "GIS · 4", its provenance in the tooltip. */
function SkillTag({
  name,
  level,
  provenance,
}: {
  name: string;
  level: number;
  provenance: Schemas["ProvenanceEnum"];
}) {
  const { t } = useTranslation();
  return (
    <Tooltip title={t(`enums.provenance.${provenance}`)}>
      <span>
        <ToneTag tone={PROVENANCE_TONES[provenance]}>
          {name} · {level}
        </ToneTag>
      </span>
    </Tooltip>
  );
}

type HeldSkill = Schemas["StaffSkillBrief"] | Schemas["MySkill"];

/** A person's skills as tags, names in the reader's language. */
export function SkillTags({ skills }: { skills: HeldSkill[] }) {
  const format = useFormat();
  return (
    <Space size={[4, 8]} wrap>
      {skills.map((held) => (
        <SkillTag
          key={held.skill.id}
          name={format.name(held.skill)}
          level={held.level}
          provenance={held.provenance}
        />
      ))}
    </Space>
  );
}

const STATUS_TONES: Record<Schemas["NeedStatusEnum"], Tone> = {
  draft: "neutral",
  open: "green",
  filled: "blue",
  closed: "red",
};

export function NeedStatusTag({ status }: { status: Schemas["NeedStatusEnum"] }) {
  const { t } = useTranslation();
  return <ToneTag tone={STATUS_TONES[status]}>{t(`enums.needStatus.${status}`)}</ToneTag>;
}
