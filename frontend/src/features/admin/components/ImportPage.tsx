import { InboxOutlined } from "@ant-design/icons";
import { Alert, Button, Card, Checkbox, Descriptions, Flex, Radio, Table, Typography, Upload } from "antd";
import { useState } from "react";
import { useTranslation } from "react-i18next";

import { ApiError, type FieldError } from "@/lib/api";
import { useErrorText } from "@/lib/errors";

import { useImport, type ImportKind } from "../api/admin";

const KINDS: ImportKind[] = ["departments", "staff", "staff-skills"];
const COLUMNS: Record<ImportKind, string> = {
  departments: "code, name_zh, name_en, parent_code, release_cap_percent",
  staff:
    "employee_number, display_name, department_code, username, email, position, tier, clearance, language, phone, national_id",
  "staff-skills": "employee_number, skill, level, provenance",
};

/** Import departments, staff or skills from a spreadsheet's CSV: all rows, or none and why. */
export function ImportPage() {
  const { t } = useTranslation();
  const errorText = useErrorText();
  const [kind, setKind] = useState<ImportKind>("staff");
  const [file, setFile] = useState<File | null>(null);
  const [dryRun, setDryRun] = useState(false);
  const upload = useImport();
  const rejected = upload.error instanceof ApiError && upload.error.errors.length > 0 ? upload.error : null;

  return (
    <Flex vertical gap={16} style={{ maxWidth: 960 }}>
      <Typography.Title level={2} style={{ margin: 0 }}>
        {t("import.title")}
      </Typography.Title>
      <Card>
        <Flex vertical gap={16}>
          <Radio.Group
            aria-label={t("import.kind")}
            optionType="button"
            value={kind}
            onChange={(event) => {
              setKind(event.target.value as ImportKind);
              upload.reset();
            }}
            options={KINDS.map((value) => ({ value, label: t(`import.kinds.${value}`) }))}
          />
          <Typography.Text type="secondary">
            {t("import.columns")}: <Typography.Text code>{COLUMNS[kind]}</Typography.Text>
          </Typography.Text>
          <Upload.Dragger
            accept=".csv,text/csv"
            maxCount={1}
            beforeUpload={(chosen) => {
              setFile(chosen);
              upload.reset();
              return false; // uploaded on submit, not on choice
            }}
            onRemove={() => setFile(null)}
            fileList={file ? [{ uid: "chosen", name: file.name, status: "done" }] : []}
          >
            <p className="ant-upload-drag-icon">
              <InboxOutlined aria-hidden />
            </p>
            <p>{t("import.drop")}</p>
            <p className="ant-upload-hint">{t("import.hint")}</p>
          </Upload.Dragger>
          <Checkbox checked={dryRun} onChange={(event) => setDryRun(event.target.checked)}>
            {t("import.dryRun")}
          </Checkbox>
          <Button
            type="primary"
            disabled={!file}
            loading={upload.isPending}
            onClick={() => file && upload.mutate({ kind, file, dryRun })}
            style={{ alignSelf: "flex-start" }}
          >
            {t("import.submit")}
          </Button>
        </Flex>
      </Card>
      {upload.isSuccess && (
        <Card title={upload.data.dry_run ? t("import.dryRunResult") : t("import.result")}>
          <Descriptions column={4}>
            <Descriptions.Item label={t("import.rows")}>{upload.data.rows}</Descriptions.Item>
            <Descriptions.Item label={t("import.created")}>{upload.data.created}</Descriptions.Item>
            <Descriptions.Item label={t("import.updated")}>{upload.data.updated}</Descriptions.Item>
            <Descriptions.Item label={t("import.unchanged")}>{upload.data.unchanged}</Descriptions.Item>
          </Descriptions>
        </Card>
      )}
      {rejected && (
        <Card title={t("import.rejected", { count: rejected.errors.length })}>
          <Alert type="error" showIcon title={t("import.nothingChanged")} style={{ marginBottom: 16 }} />
          <Table<FieldError>
            rowKey={(error) => `${error.line}-${error.field}-${error.message}`}
            dataSource={rejected.errors}
            pagination={{ pageSize: 50, hideOnSinglePage: true }}
            size="small"
            columns={[
              { title: t("import.line"), dataIndex: "line", width: 80, align: "right" },
              {
                title: t("import.column"),
                dataIndex: "field",
                width: 180,
                render: (field: string | null) => field ?? "—",
              },
              { title: t("import.problem"), dataIndex: "message" },
            ]}
          />
        </Card>
      )}
      {upload.isError && !rejected && <Alert type="error" showIcon title={errorText(upload.error)} />}
    </Flex>
  );
}
