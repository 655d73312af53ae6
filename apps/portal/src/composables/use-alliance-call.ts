import { describeError } from '@ssb/ui';
import { useQueryClient } from '@tanstack/vue-query';
import { ElMessage, ElMessageBox } from 'element-plus';
import 'element-plus/es/components/message/style/css';
import 'element-plus/es/components/message-box/style/css';
import { useDisplay } from '#/composables/use-display.ts';

/**
 * One alliance call from a page: an optional confirmation (or a prompt for the reason, which the server
 * also requires), the call, a message, and fresh lists. Returns false when the user backed out or it failed.
 */
export function useAllianceCall() {
  const { t, message } = useDisplay();
  const client = useQueryClient();
  async function ask(options: { confirm?: string; reasonPrompt?: string; danger?: boolean }) {
    if (options.reasonPrompt) {
      const answer = await ElMessageBox.prompt(options.reasonPrompt, t('alliances.confirmTitle'), {
        confirmButtonText: t('alliances.confirmOk'),
        cancelButtonText: t('common.cancel'),
        inputType: 'textarea',
        inputValidator: (v: string) => ((v?.trim().length ?? 0) >= 2 && v.trim().length <= 500) || t('alliances.reasonRequired'),
        confirmButtonClass: options.danger ? 'el-button--danger' : undefined,
        type: 'warning',
      });
      return answer.value.trim();
    }
    if (options.confirm) {
      await ElMessageBox.confirm(options.confirm, t('alliances.confirmTitle'), {
        confirmButtonText: t('alliances.confirmOk'),
        cancelButtonText: t('common.cancel'),
        confirmButtonClass: options.danger ? 'el-button--danger' : undefined,
        type: options.danger ? 'warning' : 'info',
      });
    }
    return '';
  }
  return async function call(run: (reason: string) => Promise<unknown>, options: { confirm?: string; reasonPrompt?: string; danger?: boolean; done: string }) {
    let reason: string;
    try {
      reason = await ask(options);
    } catch {
      return false;
    }
    try {
      await run(reason);
      ElMessage.success(options.done);
      await client.invalidateQueries({ queryKey: ['alliances'] });
      return true;
    } catch (error) {
      ElMessage.error(message(describeError(error).message));
      return false;
    }
  };
}
