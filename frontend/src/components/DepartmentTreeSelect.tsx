import { TreeSelect } from "antd";
import type { CSSProperties } from "react";
import { useTranslation } from "react-i18next";

import type { Schemas } from "@/lib/api";
import { useDepartmentTree } from "@/lib/departments";
import { useFormat } from "@/lib/format";

type TreeNode = Schemas["DepartmentTree"];

interface DepartmentTreeSelectProps {
  id?: string;
  value?: number | number[];
  onChange?: (value: number | number[]) => void;
  multiple?: boolean;
  /** Only these departments can be picked (the others stay visible, greyed, for context). */
  selectable?: number[];
  allowClear?: boolean;
  placeholder?: string;
  "aria-label"?: string;
  /** A width of its own; without one the field grows with the name chosen. */
  style?: CSSProperties;
}

/** Pick a department from the tree, by name in either language or by code. */
export function DepartmentTreeSelect({
  selectable,
  placeholder,
  style,
  ...props
}: DepartmentTreeSelectProps) {
  const { t } = useTranslation();
  const format = useFormat();
  const tree = useDepartmentTree();
  const toData = (nodes: TreeNode[]): object[] =>
    nodes.map((node) => ({
      value: node.id,
      title: `${format.name(node)} · ${node.code}`,
      disabled: selectable !== undefined && !selectable.includes(node.id),
      children: toData(node.children as TreeNode[]),
    }));
  return (
    <TreeSelect
      {...props}
      treeData={toData(tree.data ?? [])}
      loading={tree.isLoading}
      showSearch={{ treeNodeFilterProp: "title" }}
      treeDefaultExpandAll
      placeholder={placeholder ?? t("departments.pick")}
      // Never wider than its place: a long name chosen is cut short, not pushed out of its card.
      style={{ minWidth: 240, maxWidth: "100%", ...style }}
      // Wider than the field: English names of divisions run long. 360 still fits a phone.
      popupMatchSelectWidth={360}
    />
  );
}
