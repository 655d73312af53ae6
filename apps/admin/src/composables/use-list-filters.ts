import { computed, ref, watch, type Ref, type WatchSource } from 'vue';

/**
 * The filter state of an office list with a search box: the filters (their empty values from
 * `empty`), the typed search and the search in force (set on 查询), the page, whether anything
 * filters, and 重置. Any change of the filters, the search or `resetPageOn` goes back to page 1.
 */
export function useListFilters<F extends Record<string, unknown>>(empty: () => F, resetPageOn: WatchSource[] = []) {
  const filters = ref(empty()) as Ref<F>;
  const searchInput = ref('');
  const search = ref('');
  const page = ref(1);
  const pageSize = ref(20);
  watch([filters, search, ...resetPageOn], () => (page.value = 1), { deep: true });
  const isFiltered = computed(() => Object.values(filters.value).some(Boolean) || !!search.value);
  const applySearch = () => {
    search.value = searchInput.value.trim();
  };
  function resetFilters() {
    filters.value = empty();
    searchInput.value = '';
    search.value = '';
  }
  return { filters, searchInput, search, page, pageSize, isFiltered, applySearch, resetFilters };
}
