import type { RouterInputs, RouterOutputs } from '@ssb/api';
import { csrfHeaders } from '@ssb/ui/csrf';
import { trpc, useSessionStore } from '@ssb/ui';
import { useQuery } from '@tanstack/vue-query';
import { computed, toValue, type MaybeRefOrGetter } from 'vue';

export type ReportForm = RouterOutputs['eventReports']['form'];
export type FiledReport = RouterOutputs['eventReports']['file'];

export function useReportForm(eventId: MaybeRefOrGetter<string>) {
  const session = useSessionStore();
  return useQuery({
    queryKey: computed(() => ['eventReports', 'form', session.me?.id ?? null, toValue(eventId)]),
    queryFn: () => trpc.eventReports.form.query({ eventId: toValue(eventId) }),
    refetchOnWindowFocus: false,
  });
}

export const fileReport = (input: RouterInputs['eventReports']['file']) => trpc.eventReports.file.mutate(input);
export const removeReportPhoto = (input: RouterInputs['eventReports']['removePhoto']) => trpc.eventReports.removePhoto.mutate(input);
export const reportPhotoUrl = (eventId: string, key: string) => `/files/event-reports/${eventId}/${key}`;

/** Sends one photo's bytes; resolves with the report's photos and version, or rejects with the server's Chinese message. */
export async function uploadReportPhoto(eventId: string, file: File): Promise<{ photos: FiledReport['photos']; version: number }> {
  const response = await fetch(`/files/event-reports/${eventId}/photos?${new URLSearchParams({ name: file.name })}`, {
    method: 'POST',
    headers: { 'content-type': 'application/octet-stream', ...csrfHeaders() },
    body: file,
  });
  const body = (await response.json().catch(() => ({}))) as { message?: string; photos?: FiledReport['photos']; version?: number };
  if (!response.ok) throw new Error(body.message ?? `上传失败（${response.status}）`);
  return { photos: body.photos ?? [], version: body.version ?? 0 };
}
