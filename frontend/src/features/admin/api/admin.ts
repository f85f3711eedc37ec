import { keepPreviousData, useMutation, useQuery, useQueryClient } from "@tanstack/react-query";

import { api, unwrap, type Schemas } from "@/lib/api";

export type ImportKind = "departments" | "staff" | "staff-skills";
export type ImportReport = Schemas["ImportReport"];
export type AuditEvent = Schemas["AuditEvent"];
export type RoleGrant = Schemas["RoleGrant"];
export type Role = Schemas["RoleEnum"];

const IMPORT_PATHS = {
  departments: "/api/v1/imports/departments/",
  staff: "/api/v1/imports/staff/",
  "staff-skills": "/api/v1/imports/staff-skills/",
} as const;

/** Upload a CSV file; the answer is a report, or an ApiError listing every bad row. */
export function useImport() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({
      kind,
      file,
      dryRun,
      invite,
    }: {
      kind: ImportKind;
      file: File;
      dryRun: boolean;
      invite: boolean;
    }) => {
      const form = new FormData();
      form.append("file", file);
      form.append("dry_run", String(dryRun));
      form.append("invite", String(invite));
      return unwrap(
        api.POST(IMPORT_PATHS[kind], {
          // The schema types the file as a string; the multipart form carries the file itself.
          body: { file: file.name, dry_run: dryRun, invite },
          bodySerializer: () => form,
        }),
      );
    },
    onSuccess: () => queryClient.invalidateQueries(),
  });
}

export interface AuditFilters {
  actor?: number;
  action?: string;
  object_type?: string;
  object_id?: string;
  since?: string;
  until?: string;
  page?: number;
  page_size?: number;
}

export function useAuditEvents(filters: AuditFilters) {
  return useQuery({
    queryKey: ["audit", filters],
    queryFn: () => unwrap(api.GET("/api/v1/audit-events/", { params: { query: filters } })),
    placeholderData: keepPreviousData,
  });
}

export function useRoleGrants(filters: { user?: number; role?: Role; page?: number; page_size?: number }) {
  return useQuery({
    queryKey: ["role-grants", filters],
    queryFn: () => unwrap(api.GET("/api/v1/role-grants/", { params: { query: filters } })),
    placeholderData: keepPreviousData,
  });
}

export function useGrantRole() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: { user: number; role: Role }) => unwrap(api.POST("/api/v1/role-grants/", { body })),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ["role-grants"] }),
  });
}

export function useRevokeRole() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (id: number) => unwrap(api.DELETE("/api/v1/role-grants/{id}/", { params: { path: { id } } })),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ["role-grants"] }),
  });
}
