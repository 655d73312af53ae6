
import { useQueryClient } from '@tanstack/vue-query';
import { ElMessage, ElMessageBox } from 'element-plus';
import 'element-plus/es/components/message/style/css';
import 'element-plus/es/components/message-box/style/css';
import { cancelEvent, publishEvent } from '#/api/events.ts';
import { useDisplay } from '#/composables/use-display.ts';

/** Publishing or cancelling an event, always confirmed first; a cancellation may say why, for visitors. */
export function useEventActions() {
  const { t, errorMessage } = useDisplay();
  const client = useQueryClient();
  /** `through` moves the event another way (a joint action goes through its alliance's coordinator). */
  return async function act(event: { id: string; title: string }, action: 'publish' | 'cancel', through?: (action: 'publish' | 'cancel', reason: string) => Promise<unknown>) {
    let reason = '';
    try {
      if (action === 'publish') {
        await ElMessageBox.confirm(t('eventsAdmin.confirm.publish', { title: event.title }), t('eventsAdmin.confirm.title'), {
          confirmButtonText: t('eventsAdmin.actions.publish'),
          cancelButtonText: t('common.cancel'),
          type: 'info',
        });
      } else {
        const answer = await ElMessageBox.prompt(t('eventsAdmin.confirm.cancel', { title: event.title }), t('eventsAdmin.confirm.cancelTitle'), {
          confirmButtonText: t('eventsAdmin.actions.cancel'),
          cancelButtonText: t('eventsAdmin.confirm.keep'),
          confirmButtonClass: 'el-button--danger',
          inputType: 'textarea',
          inputPlaceholder: t('eventsAdmin.confirm.reasonPlaceholder'),
          inputValidator: (value: string) => (value?.trim().length ?? 0) <= 200 || t('eventsAdmin.confirm.reasonTooLong'),
          type: 'warning',
        });
        reason = answer.value?.trim() ?? '';
      }
    } catch {
      return false;
    }
    try {
      if (through) await through(action, reason);
      else if (action === 'publish') await publishEvent({ eventId: event.id });
      else await cancelEvent({ eventId: event.id, reason });
      ElMessage.success(t(`eventsAdmin.done.${action}`));
      await client.invalidateQueries({ queryKey: ['events'] });
      return true;
    } catch (error) {
      ElMessage.error(errorMessage(error));
      return false;
    }
  };
}
