import { DownloadOutlined } from "@ant-design/icons";
import { Button } from "antd";
import type { CSSProperties, ReactNode } from "react";

type Filters = Record<string, string | number | boolean | undefined | null>;

/**
 * A list taken away as CSV: a link to the API's export at `path`, with the filters the page
 * shows (pages left out: an export takes every row the filters select).
 */
export function CsvDownload({
  path,
  filters = {},
  children,
  style,
}: {
  path: string;
  filters?: Filters;
  children: ReactNode;
  style?: CSSProperties;
}) {
  const query = new URLSearchParams(
    Object.entries(filters).flatMap(([name, value]) =>
      value === undefined || value === null || value === "" ? [] : [[name, String(value)]],
    ),
  ).toString();
  return (
    <Button
      icon={<DownloadOutlined aria-hidden />}
      href={query ? `${path}?${query}` : path}
      download
      style={style}
    >
      {children}
    </Button>
  );
}
