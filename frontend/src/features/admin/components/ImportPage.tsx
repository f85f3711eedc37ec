import { DownloadOutlined, InboxOutlined } from "@ant-design/icons";
import { Alert, Button, Card, Checkbox, Descriptions, Flex, Radio, Table, Typography, Upload } from "antd";
import { useState } from "react";
import { useTranslation } from "react-i18next";

import { ApiError, type FieldError } from "@/lib/api";
import { useErrorText } from "@/lib/errors";

import { useImport, type ImportKind } from "../api/admin";

const KINDS: ImportKind[] = ["departments", "staff", "staff-skills"];
/** Each kind's columns, as the server reads them, with a row of example values for the template. */
const COLUMNS: Record<ImportKind, { required: string[]; optional: string[]; example: string[] }> = {
  departments: {
    required: ["code", "name_zh", "name_en"],
    optional: ["parent_code", "release_cap_percent"],
    example: ["BDB-DATA", "数据资源处", "Data Resources Division", "BDB", "20"],
  },
  staff: {
    required: ["employee_number", "display_name", "department_code"],
    optional: ["username", "email", "position", "tier", "clearance", "language", "phone", "national_id"],
    example: [
      "E10001",
      "张三",
      "BDB",
      "zhangsan",
      "zhangsan@city.gov.cn",
      "工程师",
      "general",
      "1",
      "zh-hans",
      "",
      "",
    ],
  },
  "staff-skills": {
    required: ["employee_number", "skill", "level"],
    optional: ["provenance"],
    example: ["E10001", "python", "3", "self"],
  },
};

/** Download a CSV file of the kind's header and one example row, as spreadsheets read it. */
function downloadTemplate(kind: ImportKind) {
  const { required, optional, example } = COLUMNS[kind];
  const csv = `\uFEFF${[...required, ...optional].join(",")}\r\n${example.join(",")}\r\n`;
  const address = URL.createObjectURL(new Blob([csv], { type: "text/csv;charset=utf-8" }));
  const link = document.createElement("a");
  link.href = address;
  link.download = `${kind}-template.csv`;
  link.click();
  URL.revokeObjectURL(address);
}

/** Import departments, staff or skills from a spreadsheet's CSV: all rows, or none and why. */
export function ImportPage() {
  const { t } = useTranslation();
  const errorText = useErrorText();
  const [kind, setKind] = useState<ImportKind>("staff");
  const [file, setFile] = useState<File | null>(null);
  const [dryRun, setDryRun] = useState(false);
  const [invite, setInvite] = useState(true);
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
          <Descriptions column={1} size="small">
            <Descriptions.Item label={t("import.requiredColumns")}>
              <Typography.Text code>{COLUMNS[kind].required.join(", ")}</Typography.Text>
            </Descriptions.Item>
            <Descriptions.Item label={t("import.optionalColumns")}>
              <Typography.Text code>{COLUMNS[kind].optional.join(", ")}</Typography.Text>
            </Descriptions.Item>
          </Descriptions>
          <Button
            icon={<DownloadOutlined aria-hidden />}
            onClick={() => downloadTemplate(kind)}
            style={{ alignSelf: "flex-start" }}
          >
            {t("import.template", { kind: t(`import.kinds.${kind}`) })}
          </Button>
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
          {kind === "staff" && (
            <Checkbox
              checked={invite}
              disabled={dryRun}
              onChange={(event) => setInvite(event.target.checked)}
            >
              {t("import.invite")}
            </Checkbox>
          )}
          <Button
            type="primary"
            disabled={!file}
            loading={upload.isPending}
            onClick={() => file && upload.mutate({ kind, file, dryRun, invite: kind === "staff" && invite })}
            style={{ alignSelf: "flex-start" }}
          >
            {t("import.submit")}
          </Button>
        </Flex>
      </Card>
      {upload.isSuccess && (
        <Card title={upload.data.dry_run ? t("import.dryRunResult") : t("import.result")}>
          <Descriptions column={{ xs: 1, sm: 2, md: 5 }}>
            <Descriptions.Item label={t("import.rows")}>{upload.data.rows}</Descriptions.Item>
            <Descriptions.Item label={t("import.created")}>{upload.data.created}</Descriptions.Item>
            <Descriptions.Item label={t("import.updated")}>{upload.data.updated}</Descriptions.Item>
            <Descriptions.Item label={t("import.unchanged")}>{upload.data.unchanged}</Descriptions.Item>
            {upload.data.kind === "staff" && !upload.data.dry_run && (
              <Descriptions.Item label={t("import.invited")}>{upload.data.invited}</Descriptions.Item>
            )}
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
