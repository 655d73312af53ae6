export { checkMedia, checkPhoto, checkVideo } from './check-media.ts';
export { displayedSize, probeVideo, type VideoProbe } from './ffprobe.ts';
export { inspectJpeg } from './jpeg.ts';
export { isIsoMediaTruncated } from './mp4-atoms.ts';
export { sniffFormat } from './sniff.ts';
export { checkResourceVideo } from './check-resource-video.ts';
export { makeThumbnail, type ThumbnailOptions } from './thumbnail.ts';
export { stripMetadata, type StrippableFormat } from './strip-metadata.ts';
export { exifOrientation } from './strip-jpeg.ts';
