import { access, constants } from 'node:fs/promises';
import { parse, UsageError, type Command } from '../cli.ts';

/**
 * For material that arrives on a USB drive: the same checks as an upload, on a file at hand.
 * Exit 0 when the file passes, 1 when it is refused, 2 when it cannot be read.
 */
export const mediaCheck: Command = {
  name: 'media:check',
  summary: '检查照片或视频是否符合通知要求 / check a photo or video against the notice’s rules',
  usage: 'media:check <file> --as photo|video   (prints {"ok","errors","format","width","height","durationSeconds","bytes"})',
  async run(argv, ctx) {
    const { values, positionals } = parse(argv, { as: { type: 'string' } }, true);
    if (positionals.length !== 1) throw new UsageError('需要一个文件 / exactly one file is required');
    if (values.as !== 'photo' && values.as !== 'video') throw new UsageError('--as 须为 photo 或 video / --as must be photo or video');
    const file = ctx.resolvePath(positionals[0]!);
    try {
      await access(file, constants.R_OK);
    } catch (error) {
      const reason = (error as NodeJS.ErrnoException).code === 'ENOENT' ? '文件不存在' : '无法读取文件';
      ctx.out(JSON.stringify({ ok: false, errors: [`${reason}：${file}`], format: 'unknown', width: null, height: null, durationSeconds: null, bytes: 0 }));
      return 2;
    }
    const { checkMedia } = await import('@ssb/media'); // ffprobe and friends only when asked
    const result = await checkMedia(file, values.as);
    ctx.out(JSON.stringify(result));
    return result.ok ? 0 : 1;
  },
};
