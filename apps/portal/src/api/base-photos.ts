import type { RouterInputs, RouterOutputs } from '@ssb/api';
import { trpc } from '@ssb/ui';
import { postImage } from './resource-media.ts';

export type BasePhotosSaved = RouterOutputs['bases']['arrangePhotos'];

/** Adds one photo to the base's public page; resolves with the new list and version. */
export const uploadBasePhoto = (input: { baseId: string; version: number; file: File; onProgress: (fraction: number) => void }) =>
  postImage<BasePhotosSaved>(`/files/bases/${input.baseId}/photos`, input);

export const arrangeBasePhotos = (input: RouterInputs['bases']['arrangePhotos']) => trpc.bases.arrangePhotos.mutate(input);

export const basePhotoUrl = (baseId: string, key: string, size: 'thumb' | 'full' = 'full') => `/files/bases/${baseId}/photos/${key}${size === 'thumb' ? '?size=thumb' : ''}`;
