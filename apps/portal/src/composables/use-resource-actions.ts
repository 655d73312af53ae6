
import { useQueryClient } from '@tanstack/vue-query';
import { ElMessage, ElMessageBox } from 'element-plus';
import 'element-plus/es/components/message/style/css';
import 'element-plus/es/components/message-box/style/css';
import { transitionResource } from '#/api/shared-resources.ts';
import { useDisplay } from '#/composables/use-display.ts';

type Action = 'publish' | 'archive' | 'unpublish';

/** A status move of a resource, always confirmed first: publishing makes it public, archiving hides it. */
export function useResourceActions() {
  const { t, errorMessage } = useDisplay();
  const client = useQueryClient();
  return async function act(resource: { id: string; title: string }, action: Action) {
    try {
      await ElMessageBox.confirm(t(`resourcesAdmin.confirm.${action}`, { title: resource.title }), t('resourcesAdmin.confirm.title'), {
        confirmButtonText: t(`resourcesAdmin.actions.${action}`),
        cancelButtonText: t('common.cancel'),
        type: action === 'publish' ? 'info' : 'warning',
      });
    } catch {
      return false;
    }
    try {
      await transitionResource({ resourceId: resource.id, action });
      ElMessage.success(t(`resourcesAdmin.done.${action}`));
      await client.invalidateQueries({ queryKey: ['resources'] });
      return true;
    } catch (error) {
      ElMessage.error(errorMessage(error));
      return false;
    }
  };
}
